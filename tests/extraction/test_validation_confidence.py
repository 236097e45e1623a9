"""A value's confidence is kept as the backend gave it, with any caveat beside it; a value
that did not validate, or a backend that gives none, has none, and says why."""

from __future__ import annotations

from extraction.types import BackendAnswer
from extraction.validation import validate_answer
from tests.extraction.conftest import request_for

SAID = [("agent", "Who am I speaking with?"), ("user", "Maria Gonzalez, 0532 123 4567.")]


def answer(**extra: object) -> BackendAnswer:
    return BackendAnswer(
        values={"customer_name": "Maria Gonzalez", "callback_number": "not a number"},
        evidence={"customer_name": "Maria Gonzalez", "callback_number": "0532 123 4567"},
        **extra,  # type: ignore[arg-type]
    )


def test_the_backends_confidence_and_its_caveat_are_kept() -> None:
    given = answer(
        confidences={"customer_name": 0.93, "interest_level": 0.4},
        confidence_reasons={"customer_name": "unnormalised: no alternatives listed"},
    )

    result = validate_answer(given, request_for(SAID))

    assert result.confidences["customer_name"] == 0.93
    assert result.confidence_reasons["customer_name"].startswith("unnormalised")
    assert result.confidences["interest_level"] == 0.4  # a null's confidence


def test_a_value_that_did_not_validate_has_no_confidence() -> None:
    result = validate_answer(answer(confidences={"callback_number": 0.99}), request_for(SAID))

    assert result.values["callback_number"] is None
    assert result.confidences["callback_number"] is None
    assert result.confidence_reasons["callback_number"] == "the value given did not validate"


def test_a_backend_that_gives_none_says_so() -> None:
    result = validate_answer(answer(), request_for(SAID))

    assert result.confidences["customer_name"] is None
    assert result.confidence_reasons["customer_name"] == "the backend gives no confidence for it"
