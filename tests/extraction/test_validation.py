"""After the backend: every value normalised, every quote looked up in the transcript."""

from __future__ import annotations

from calls.extraction.types import BackendAnswer, FieldSpec
from calls.extraction.validation import validate_answer
from tests.extraction.conftest import SEED_SPECS, request_for

REQUEST = request_for(
    [
        ("agent", "Who am I speaking with?"),
        ("user", "It's Maria Gonzalez. Call me back next Tuesday, please!"),
    ]
)


def answer(values: dict, evidence: dict | None = None) -> BackendAnswer:
    return BackendAnswer(values=values, evidence=evidence or {})


def test_values_are_normalised_and_every_field_is_present() -> None:
    result = validate_answer(
        answer(
            {"customer_name": "Maria Gonzalez", "follow_up_date": "next Tuesday"},
            {"customer_name": "it's maria  gonzalez", "follow_up_date": "next Tuesday"},
        ),
        REQUEST,
    )

    assert result.values == {
        "customer_name": "Maria Gonzalez",
        "interest_level": None,
        "follow_up_required": None,
        "follow_up_date": "2026-03-17",
        "callback_number": None,
    }
    assert result.errors == {}
    assert result.ungrounded == []


def test_a_value_that_does_not_validate_is_null_with_what_came_back() -> None:
    result = validate_answer(
        answer({"interest_level": "very high", "follow_up_required": "maybe"}), REQUEST
    )

    assert result.values["interest_level"] is None
    assert result.errors == {
        "interest_level": "'very high' is not one of high, medium, low, none",
        "follow_up_required": "'maybe' is not yes or no",
    }
    assert result.feedback() == [
        "interest_level: 'very high' is not one of high, medium, low, none",
        "follow_up_required: 'maybe' is not yes or no",
    ]


def test_a_quote_not_in_the_transcript_marks_the_value_ungrounded() -> None:
    result = validate_answer(
        answer(
            {"customer_name": "Maria Lopez", "follow_up_required": True},
            {"customer_name": "My name is Maria Lopez", "follow_up_required": None},
        ),
        REQUEST,
    )

    assert result.values["customer_name"] == "Maria Lopez"
    assert result.ungrounded == ["customer_name", "follow_up_required"]


def test_a_required_field_that_comes_back_null_is_flagged_but_not_fed_back() -> None:
    fields = (
        *SEED_SPECS[:4],
        FieldSpec("callback_number", "string", format="phone", required=True),
    )
    request = request_for([("user", "Hello")], fields=fields)

    result = validate_answer(answer({}), request)

    assert result.errors == {"callback_number": "required but not found in the call"}
    assert result.feedback() == []


def test_keys_that_are_not_fields_are_ignored() -> None:
    result = validate_answer(answer({"mood": "happy", "customer_name": "Maria"}), REQUEST)

    assert "mood" not in result.values
