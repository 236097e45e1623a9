"""After the backend: every value normalised, every quote looked up in the transcript."""

from __future__ import annotations

from typing import Any

import pytest

from extraction.types import BackendAnswer, FieldSpec
from extraction.validation import validate_answer
from tests.extraction.conftest import SEED_SPECS, request_for

REQUEST = request_for(
    [
        ("agent", "Who am I speaking with?"),
        ("user", "It's Maria Gonzalez. Call me back next Tuesday, please!"),
        ("agent", "And the best number?"),
        ("user", "Five five five, oh one three four — that's my cell."),
    ]
)


def answer(values: dict[str, Any], evidence: dict[str, Any] | None = None) -> BackendAnswer:
    return BackendAnswer(values=values, evidence=evidence or {})


def test_values_are_normalised_and_every_field_is_present() -> None:
    result = validate_answer(
        answer(
            {
                "customer_name": " Maria Gonzalez ",
                "follow_up_required": "yes",
                "follow_up_date": "next Tuesday",
                "callback_number": "five five five, oh one three four",
            },
            {
                "customer_name": "it's maria  gonzalez",
                "follow_up_required": "Call me back next Tuesday, please!",
                "follow_up_date": "next Tuesday",
                "callback_number": "Five five five, oh one three four",
            },
        ),
        REQUEST,
    )

    assert result.values == {
        "customer_name": "Maria Gonzalez",
        "interest_level": None,
        "follow_up_required": True,
        "follow_up_date": "2026-03-17",
        "callback_number": "5550134",
    }
    assert result.evidence["interest_level"] is None
    assert result.errors == {}
    assert result.ungrounded == []
    assert result.feedback() == []


def test_a_value_that_does_not_validate_is_null_with_what_came_back() -> None:
    result = validate_answer(
        answer(
            {
                "interest_level": "very high",
                "follow_up_required": "maybe",
                "follow_up_date": "next blue",
                "callback_number": "555 12",
            }
        ),
        REQUEST,
    )

    assert result.values == dict.fromkeys(
        ("customer_name", "interest_level", "follow_up_required", "follow_up_date",
         "callback_number")
    )  # fmt: skip
    assert result.errors == {
        "interest_level": "'very high' is not one of high, medium, low, none",
        "follow_up_required": "'maybe' is not yes or no",
        "follow_up_date": "'next blue' is not a date",
        "callback_number": "'555 12' has 5 digits; a phone number has 7 to 15",
    }
    assert result.feedback() == [
        "interest_level: 'very high' is not one of high, medium, low, none",
        "follow_up_required: 'maybe' is not yes or no",
        "follow_up_date: 'next blue' is not a date",
        "callback_number: '555 12' has 5 digits; a phone number has 7 to 15",
    ]
    assert result.ungrounded == []  # nothing kept, nothing to check


@pytest.mark.parametrize(
    ("quote", "grounded"),
    [
        ("It's Maria Gonzalez.", True),
        ("it's maria gonzalez", True),
        ("IT\u2019S MARIA   GONZALEZ!!", True),  # curly apostrophe, case, spacing
        ("Maria Gonzalez. Call me back", True),
        ("User: It's Maria Gonzalez.", True),
        ("It's Maria … next Tuesday", True),
        ("It's Maria ... next Tuesday", True),
        ("next Tuesday ... It's Maria", False),  # parts out of order
        ("My name is Maria Lopez", False),
        ("Maria Gonzales", False),
        ("...", False),
        ("   ", False),
    ],
)
def test_quotes_are_found_ignoring_case_spacing_and_punctuation(quote: str, grounded: bool) -> None:
    result = validate_answer(
        answer({"customer_name": "Maria Gonzalez"}, {"customer_name": quote}), REQUEST
    )

    assert ("customer_name" in result.ungrounded) is not grounded


def test_a_value_without_any_quote_is_ungrounded() -> None:
    result = validate_answer(
        answer(
            {"customer_name": "Maria Lopez", "follow_up_required": True},
            {"customer_name": "My name is Maria Lopez", "follow_up_required": None},
        ),
        REQUEST,
    )

    assert result.values["customer_name"] == "Maria Lopez"
    assert result.ungrounded == ["customer_name", "follow_up_required"]


def test_a_quote_that_is_not_text_counts_as_no_quote() -> None:
    result = validate_answer(
        answer({"customer_name": "Maria Gonzalez"}, {"customer_name": ["It's Maria"]}), REQUEST
    )

    assert result.evidence["customer_name"] is None
    assert result.ungrounded == ["customer_name"]


def test_a_null_value_is_never_ungrounded() -> None:
    result = validate_answer(
        answer({"customer_name": None}, {"customer_name": "not in the call at all"}), REQUEST
    )

    assert result.ungrounded == []


def test_a_required_field_that_comes_back_null_is_flagged_but_not_fed_back() -> None:
    fields = (
        *SEED_SPECS[:4],
        FieldSpec("callback_number", "string", format="phone", required=True),
    )
    request = request_for([("user", "Hello")], fields=fields)

    result = validate_answer(answer({"callback_number": "n/a"}), request)

    assert result.errors == {"callback_number": "required but not found in the call"}
    assert result.feedback() == []


def test_a_required_field_that_does_not_validate_is_fed_back_with_its_reason() -> None:
    fields = (FieldSpec("callback_number", "string", format="phone", required=True),)
    request = request_for([("user", "Call me on 555")], fields=fields)

    result = validate_answer(answer({"callback_number": "555"}), request)

    assert result.errors == {"callback_number": "'555' has 3 digits; a phone number has 7 to 15"}
    assert result.feedback() == ["callback_number: '555' has 3 digits; a phone number has 7 to 15"]


def test_keys_that_are_not_fields_are_ignored() -> None:
    result = validate_answer(
        answer({"mood": "happy", "customer_name": "Maria"}, {"mood": "It's Maria"}), REQUEST
    )

    assert "mood" not in result.values
    assert "mood" not in result.evidence
    assert result.errors == {}


def test_dates_resolve_in_the_calls_own_zone() -> None:
    fields = (FieldSpec("appointment", "string", format="date-time"),)
    request = request_for(
        [("user", "Tomorrow at 3pm works.")],
        start="2026-03-07T10:00:00",
        zone="America/New_York",
        fields=fields,
    )

    result = validate_answer(
        answer({"appointment": "tomorrow at 3pm"}, {"appointment": "Tomorrow at 3pm works"}),
        request,
    )

    assert result.values == {"appointment": "2026-03-08T15:00:00-04:00"}
    assert result.ungrounded == []
