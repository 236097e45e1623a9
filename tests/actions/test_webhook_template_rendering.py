"""A webhook body template renders a call's values into JSON: filters, nulls, types, and a
sandbox that refuses what is not plain data and bounds loops, size and time."""

from __future__ import annotations

from typing import Any

import pytest

from actions.webhooks import templates
from actions.webhooks.templates import (
    FORM,
    TemplateInvalid,
    body_bytes,
    render,
    template_errors,
)

SCOPE: dict[str, Any] = {
    "values": {
        "customer_name": "Maria Gonzalez",
        "interest_level": "high",
        "follow_up_required": True,
        "follow_up_date": "2026-03-17",
        "callback_at": "2026-03-17T15:00:00+03:00",
        "callback_number": "05321234567",
        "budget": 1200.5,
        "visits": 3,
        "notes": 'She said "call after 3"\nand hung up',
        "missing": None,
        "tags": ["solar", None, "roof"],
        "long": "x" * 200,
    },
    "call": {
        "id": 42,
        "from_number": "+905321234567",
        "to_number": "+908501234567",
        "timezone": "Europe/Istanbul",
        "analysis_url": "https://postcall.example.com/admin/calls/call/42/analysis/",
    },
    "action": {"name": "CRM lead", "firing": 1, "refire": False},
    "test": False,
}


def one(source: str, scope: dict[str, Any] = SCOPE) -> Any:
    return render({"x": source}, scope)["x"]


def refusal(source: str) -> str:
    with pytest.raises(TemplateInvalid) as caught:
        one(source)
    return str(caught.value)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ values.visits }}", 3),
        ("{{ values.budget }}", 1200.5),
        ("{{ values.follow_up_required }}", True),
        ("{{ values.missing }}", None),
        ("{{ values.tags }}", ["solar", None, "roof"]),
        ("{{ call.id }}", 42),
        ("{{- values.visits -}}", 3),
        ("{{ values.visits }} visits", "3 visits"),
        (" {{ values.visits }}", " 3"),
    ],
)
def test_a_string_that_is_one_expression_keeps_the_json_type(source: str, expected: Any) -> None:
    assert one(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Name: {{ values.missing }}.", "Name: ."),
        ("{{ 'Caller ' ~ values.missing }}", "Caller "),
        ("{{ values.missing | default('unknown') }}", "unknown"),
        ("{{ values.missing | d(call.from_number) }}", "+905321234567"),
        ("{{ values.missing | upper }}", None),
        ("{{ values.missing | date }}", None),
        ("{{ values.missing | e164 }}", None),
        ("{{ values.tags | join(' / ') }}", "solar / roof"),
        ("Tags: {{ values.tags }}", 'Tags: ["solar", null, "roof"]'),
        ("Follow up: {{ values.follow_up_required }}", "Follow up: true"),
    ],
)
def test_a_null_renders_as_the_template_says_never_as_none(source: str, expected: Any) -> None:
    assert one(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ values.follow_up_date | date }}", "2026-03-17"),
        ("{{ values.follow_up_date | date('%d/%m/%Y') }}", "17/03/2026"),
        ("{{ values.callback_at | date('%d.%m.%Y', 'America/Los_Angeles') }}", "17.03.2026"),
        ("{{ values.callback_at | datetime }}", "2026-03-17T15:00:00+03:00"),
        ("{{ values.callback_at | datetime(zone='UTC') }}", "2026-03-17T12:00:00+00:00"),
        ("{{ values.callback_at | datetime('%H:%M', 'Europe/Berlin') }}", "13:00"),
        ("{{ values.callback_at | datetime('epoch') }}", 1773748800),
        ("{{ values.follow_up_date | datetime('epoch_ms', 'UTC') }}", 1773705600000),
        ("{{ values.follow_up_date | datetime }}", "2026-03-17T00:00:00+03:00"),
    ],
)
def test_dates_render_in_the_format_and_zone_asked(source: str, expected: Any) -> None:
    assert one(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ values.callback_number | e164 }}", "+905321234567"),
        ("{{ values.callback_number | national }}", "0532 123 45 67"),
        ("{{ '4155550134' | e164('US') }}", "+14155550134"),
        ("{{ '+14155550134' | national }}", "(415) 555-0134"),
        ("{{ 'call me later' | e164 }}", "call me later"),
    ],
)
def test_phones_render_in_e164_or_national_form(source: str, expected: str) -> None:
    assert one(source) == expected


def test_json_filter_writes_a_value_as_json_text() -> None:
    assert one("{{ values.notes | json }}") == '"She said \\"call after 3\\"\\nand hung up"'
    assert body_bytes(render({"n": "{{ values.notes }}"}, SCOPE), "application/json") == (
        b'{"n":"She said \\"call after 3\\"\\nand hung up"}'
    )


def test_keys_and_non_string_values_of_the_template_stay_as_written() -> None:
    template = {"{{ values.visits }}": [1, True, None, {"nested": "{{ values.visits }}"}]}

    assert render(template, SCOPE) == {"{{ values.visits }}": [1, True, None, {"nested": 3}]}


def test_a_form_body_is_url_encoded() -> None:
    rendered = render(
        {"name": "{{ values.customer_name }}", "none": "{{ values.missing }}", "tag": ["a", "b"]},
        SCOPE,
    )

    assert body_bytes(rendered, FORM) == b"name=Maria+Gonzalez&none=&tag=a&tag=b"


@pytest.mark.parametrize(
    ("source", "said"),
    [
        ("{{ values.__class__ }}", "'__class__': names starting with _ are not allowed"),
        ("{{ values.__class__.__mro__ }}", "names starting with _ are not allowed"),
        ("{{ values['__class__'] }}", "names starting with _ are not allowed"),
        ("{{ values.items() }}", "'items' is not there"),
        ("{{ values.customer_name.upper() }}", "only an object's keys can be looked up"),
        ("{{ lipsum() }}", "'lipsum' is not defined"),
        ("{{ cycler }}", "'cycler' is not defined"),
        ("{{ '%s' % values.visits }}", "% is not allowed"),
        ("{% include 'settings.py' %}", "no loader"),
        ("{{ values.tags | map('upper') | list }}", "No filter named 'map'"),
    ],
)
def test_the_sandbox_refuses_anything_but_plain_data(source: str, said: str) -> None:
    assert said in refusal(source)


@pytest.mark.parametrize(
    ("source", "said"),
    [
        ("{% for i in range(1000000) %}{% endfor %}", "a range of more than 10000 numbers"),
        ("{{ range(10 ** 9) | list }}", "a range of more than 10000 numbers"),
        (
            "{% for i in range(9000) %}{% for j in range(9000) %}{% endfor %}{% endfor %}",
            "more than 10000 steps (loop turns and lookups)",
        ),
        (
            "{% for a in values.long %}{% for b in values.long %}{% endfor %}{% endfor %}",
            "more than 10000 steps (loop turns and lookups)",
        ),
        ("{{ 'x' * 100000000 }}", "a repetition larger than a body may be"),
        ("{{ 9 ** 999999 }}", "an exponent above 256"),
        ("{% for i in range(5000) %}{{ 'y' * 100 }}{% endfor %}", "the body would be larger"),
        ("{{ values.notes | replace('', 'z' * 60000) }}", "a replacement larger"),
        ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "nested too deeply"),
    ],
)
def test_loops_output_and_recursion_are_bounded(source: str, said: str) -> None:
    assert said in refusal(source)


def test_a_render_is_stopped_at_its_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templates, "MAX_RENDER_SECONDS", 0.0)

    assert "rendering took more than 0 s" in refusal("{{ values.customer_name }}")


def test_an_unknown_name_is_refused_with_the_keys_there_are() -> None:
    said = refusal("{{ values.costumer_name }}")

    assert said.startswith("config.template.x: 'costumer_name' is not there (there is: ")
    assert "customer_name" in said


def test_a_value_the_filter_cannot_read_is_refused_saying_which() -> None:
    assert "'Maria Gonzalez' is not a date or date-time" in refusal(
        "{{ values.customer_name | date }}"
    )
    assert "'Mars/Olympus' is not a time zone" in refusal(
        "{{ values.follow_up_date | datetime(zone='Mars/Olympus') }}"
    )


def test_syntax_errors_name_the_json_path_and_line() -> None:
    template = {"inputs": [{"properties": {"firstname": "{{ values.customer_name "}}]}

    assert template_errors(template) == [
        "config.template.inputs[0].properties.firstname: line 1: unexpected end of template, "
        "expected 'end of print statement'."
    ]
    assert template_errors({"text": "ok\n{% if x %}"})[0].startswith(
        "config.template.text: line 2:"
    )
    assert template_errors("just text") == [
        "config.template: an object or a list, the JSON of the body"
    ]
