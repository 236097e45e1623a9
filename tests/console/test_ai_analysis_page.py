"""The AI Analysis page as support staff read it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from calls.models import Call, ExtractionRun
from extraction.evidence import evidence_spans, highlighted_turns
from extraction.types import Turn
from tests.factories import RunFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(analysed_call: Call) -> Call:
    return analysed_call


def page(client: Client, call: Call) -> str:
    response = client.get(reverse("admin:calls_call_analysis", args=[call.pk]))
    assert response.status_code == 200
    return response.content.decode()


def later_run(call: Call, **changes) -> ExtractionRun:
    """A succeeded run like the latest one, with some answers changed."""
    latest = call.latest_run
    run = RunFactory(
        call=call,
        succeeded=True,
        backend="openai",
        config_snapshot=latest.config_snapshot,
        values={**latest.values, **changes.get("values", {})},
        evidence={**latest.evidence, **changes.get("evidence", {})},
        field_errors=changes.get("field_errors", {}),
        ungrounded=changes.get("ungrounded", []),
    )
    Call.objects.filter(pk=call.pk).update(latest_run=run)
    return run


def test_the_evidence_of_each_value_is_marked_in_the_transcript(admin_client, call) -> None:
    html = page(admin_client, call)

    assert '<mark data-fields="customer_name">My name is Maria Gonzalez</mark>.' in html
    assert '<tr class="field-row" data-field="customer_name"' in html


def test_each_field_shows_its_status_in_plain_words(admin_client, call) -> None:
    later_run(
        call,
        values={"customer_name": "Mary", "follow_up_date": None, "interest_level": None},
        field_errors={
            "follow_up_date": "'the 31st of February' is not a date",
            "interest_level": "required but not found in the call",
        },
        evidence={"customer_name": "I am Mary"},
        ungrounded=["customer_name"],
    )

    html = page(admin_client, call)

    assert '<span class="badge badge-ungrounded">check: no evidence</span>' in html
    assert "The value&#x27;s quote was not found in the transcript: check it." in html
    assert '<span class="badge badge-invalid">invalid</span>' in html
    assert "The answer did not fit the field: &#x27;the 31st of February&#x27; is not a date." in (
        html
    )
    assert '<span class="badge badge-missing">required, missing</span>' in html
    transcript = html.split("<h2>Transcript</h2>")[1].split("<h2>Actions</h2>")[0]
    assert 'data-fields="customer_name"' not in transcript  # "I am Mary" is not in the call


def test_the_run_history_says_what_changed_between_runs(admin_client, call) -> None:
    first = call.latest_run
    second = later_run(call, values={"interest_level": "high", "customer_name": "Maria G."})

    html = page(admin_client, call)
    history = html.split('id="runs"')[1]

    assert f"<td>{second.pk} <small>(shown)</small></td>" in history
    assert "<strong>customer_name</strong>: Maria Gonzalez → Maria G." in history
    assert "<strong>interest_level</strong>: medium → high" in history
    assert "first analysis" in history.split(f"<td>{first.pk}</td>")[1]


def test_a_failed_run_shows_its_reason_in_the_history(admin_client, call) -> None:
    RunFactory(
        call=call,
        failed=True,
        backend="openai",
        config_snapshot=call.latest_run.config_snapshot,
        failure_reason="the model refused: policy",
    )

    html = page(admin_client, call)

    assert '<span class="problem">the model refused: policy</span>' in html
    assert "<strong>Maria Gonzalez</strong>" in html  # the last good values stay shown


def test_the_call_page_and_the_analysis_are_tabs_of_one_call(admin_client, call) -> None:
    change = admin_client.get(reverse("admin:calls_call_change", args=[call.pk])).content.decode()
    analysis = page(admin_client, call)

    analysis_url = reverse("admin:calls_call_analysis", args=[call.pk])
    assert f'<a href="{analysis_url}">AI Analysis</a>' in change
    assert f'<a href="{analysis_url}" class="current" aria-current="page">AI Analysis</a>' in (
        analysis
    )


def test_highlights_survive_case_spacing_punctuation_and_ellipses() -> None:
    turns = (
        Turn("agent", "Hi, who am I speaking with?"),
        Turn("user", "This is  John SMITH, and call me back on Friday… or Monday."),
    )

    assert [(s.turn, s.start, s.end) for s in evidence_spans("john smith", turns)] == [(1, 9, 19)]
    parts = evidence_spans("Customer: call me back ... Monday", turns)
    assert [turns[s.turn].text[s.start : s.end] for s in parts] == ["call me back", "Monday"]
    assert evidence_spans("call me on Sunday", turns) == []

    highlighted = highlighted_turns(turns, {"name": "John Smith", "date": "back on Friday"})
    marked = [(s.text, s.fields) for s in highlighted[1].segments if s.fields]
    assert marked == [("John SMITH", ("name",)), ("back on Friday", ("date",))]


def test_overlapping_evidence_marks_both_fields() -> None:
    turns = (Turn("user", "Call Maria on 555 0134 tomorrow"),)

    highlighted = highlighted_turns(turns, {"name": "Call Maria", "phone": "Maria on 555 0134"})

    assert [(s.text, s.fields) for s in highlighted[0].segments] == [
        ("Call ", ("name",)),
        ("Maria", ("name", "phone")),
        (" on 555 0134", ("phone",)),
        (" tomorrow", ()),
    ]


def test_times_on_the_page_are_the_calls_local_times(admin_client, call) -> None:
    html = page(admin_client, call)

    follow_ups = html.split("<h2>Follow-up calls</h2>")[1]
    assert "due Wed 2026-03-11 14:05 +03" in follow_ups
    assert "Times are in the call's time zone, Europe/Istanbul." in html
