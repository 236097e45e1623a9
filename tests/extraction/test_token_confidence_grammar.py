"""Under a JSON grammar, a value's tokens count among the alternatives the schema allows."""

from __future__ import annotations

import pytest

from extraction.token_confidence import UNNORMALISED, Token, field_confidences
from extraction.types import FieldSpec
from tests.factories import answer_tokens, token

NAME = FieldSpec("customer_name", "string")
AGE = FieldSpec("age", "number")
INTEREST = FieldSpec("interest_level", "enum", choices=("high", "medium", "low"))
FOLLOW_UP = FieldSpec("follow_up_required", "boolean")


def confidences(tokens: list[Token], *fields: FieldSpec) -> tuple[dict, dict]:
    return field_confidences("".join(item.text for item in tokens), tokens, fields)


def test_an_enum_token_counts_among_the_tokens_that_begin_a_choice() -> None:
    high = token("high", 0.5, {"high": 0.5, "very": 0.3, "med": 0.2})
    tokens = answer_tokens(interest_level=[token('"'), high, token('"')])

    # "very" begins no choice: the grammar forbade it.
    assert confidences(tokens, INTEREST) == (pytest.approx({"interest_level": 0.5 / 0.7}), {})


def test_a_boolean_counts_among_true_false_and_null() -> None:
    written = token("true", 0.6, {"true": 0.6, '"': 0.2, "false": 0.15, "null": 0.05})
    tokens = answer_tokens(follow_up_required=[written])

    assert confidences(tokens, FOLLOW_UP)[0] == pytest.approx({"follow_up_required": 0.6 / 0.8})


def test_a_null_counts_among_what_could_begin_the_value() -> None:
    null = token("null", 0.4, {'"': 0.3, "null": 0.4, "{": 0.2, "1": 0.1})
    tokens = answer_tokens(customer_name=[null])

    # A string or null may follow; an object or a number may not.
    assert confidences(tokens, NAME)[0] == pytest.approx({"customer_name": 0.4 / 0.7})


def test_a_number_counts_among_digits() -> None:
    tokens = answer_tokens(age=[token("4", 0.5, {"4": 0.5, '"': 0.25, "3": 0.25}), token("2")])

    assert confidences(tokens, AGE)[0] == pytest.approx({"age": 0.5 / 0.75})


def test_inside_a_string_every_alternative_is_allowed() -> None:
    second = token(" Gonzalez", 0.5, {" Gonzalez": 0.5, " Gonzales": 0.3, "}": 0.2})
    tokens = answer_tokens(customer_name=[token('"Maria', 0.9), second, token('"')])

    assert confidences(tokens, NAME)[0] == pytest.approx({"customer_name": 0.45})


def test_the_structure_a_token_begins_with_is_forced_so_other_keys_are_not_alternatives() -> None:
    # `_` would have gone on with the key, which the grammar had already fixed.
    opening = token(': "', 0.2, {"_": 0.6, ': "': 0.2, ":": 0.1, ": null": 0.1})
    tokens = [
        token('{"values": {"customer_name"', 0.001),
        opening,
        token('Ana"', 0.9),
        token('}, "evidence": {}}', 0.001),
    ]

    assert confidences(tokens, NAME)[0] == pytest.approx({"customer_name": 0.2 / 0.4 * 0.9})


def test_a_token_without_alternatives_gives_the_unnormalised_product_saying_so() -> None:
    unlisted = Token("high", -0.5)
    tokens = answer_tokens(interest_level=[token('"', 0.5), unlisted, token('"')])

    found, reasons = confidences(tokens, INTEREST)

    assert found == pytest.approx({"interest_level": 0.5 * 2.718281828**-0.5})
    assert reasons == {"interest_level": UNNORMALISED}


def test_a_value_the_servers_grammar_let_through_off_the_schema_is_unnormalised() -> None:
    # A small model under llama.cpp's grammar wrote a boolean as a string.
    quote = token('"', 0.1, {"false": 0.7, "true": 0.2, '"': 0.1})
    tokens = answer_tokens(follow_up_required=[quote, token("false", 0.5), token('"', 0.9)])

    found, reasons = confidences(tokens, FOLLOW_UP)

    assert found == pytest.approx({"follow_up_required": 0.1 * 0.5 * 0.9})
    assert reasons == {"follow_up_required": UNNORMALISED}
