"""A value's confidence is the probability of the tokens that wrote it, and only those."""

from __future__ import annotations

import json

import pytest

from extraction.token_confidence import NOT_WRITTEN, UNALIGNED, Token, field_confidences
from extraction.types import FieldSpec
from tests.factories import answer_tokens, token

NAME = FieldSpec("customer_name", "string")
AGE = FieldSpec("age", "number")


def confidences(tokens: list[Token], *fields: FieldSpec) -> tuple[dict, dict]:
    return field_confidences("".join(item.text for item in tokens), tokens, fields)


def test_a_value_is_the_product_of_its_own_tokens_and_not_of_the_structure_around_it() -> None:
    tokens = answer_tokens(customer_name=[token('"Maria', 0.9), token(' Gonzalez"', 0.8)])

    assert confidences(tokens, NAME) == (pytest.approx({"customer_name": 0.72}), {})


def test_a_null_gets_the_probability_of_its_null() -> None:
    tokens = answer_tokens(age=[token("null", 0.7)], customer_name=[token("null", 0.95)])

    assert confidences(tokens, AGE, NAME)[0] == pytest.approx({"age": 0.7, "customer_name": 0.95})


def test_each_field_gets_the_tokens_of_its_own_value() -> None:
    tokens = answer_tokens(customer_name=[token('"Ana"', 0.6)], age=[token("4", 0.5), token("2")])

    assert confidences(tokens, NAME, AGE)[0] == pytest.approx({"customer_name": 0.6, "age": 0.5})


def test_a_token_that_ends_a_value_and_closes_its_member_counts_once() -> None:
    tokens = [
        token('{"values": {"age": ', 0.001),
        token("1", 0.5),
        token("2},", 0.9),
        token(' "evidence": {}}', 0.001),
    ]

    assert confidences(tokens, AGE)[0] == pytest.approx({"age": 0.45})


def test_an_answer_in_a_markdown_fence_is_read_inside_it() -> None:
    tokens = [token("```json\n"), *answer_tokens(age=[token("3", 0.25)]), token("\n```")]

    assert confidences(tokens, AGE)[0] == pytest.approx({"age": 0.25})


def test_a_character_split_across_tokens_the_server_reported_empty_still_counts() -> None:
    # llama.cpp's Python server reports each half of "é" as an empty token.
    tokens = answer_tokens(
        customer_name=[token('"Jos', 0.9), token("", 0.5), token("", 0.8), token('"', 0.9)]
    )

    assert confidences(tokens, NAME)[0] == pytest.approx({"customer_name": 0.9 * 0.5 * 0.8 * 0.9})


def test_tokens_given_as_bytes_are_read_as_bytes() -> None:
    halves = [Token("bytes:\\xc3", -0.1, (("bytes:\\xc3", -0.1),), "é".encode()[:1]),
              Token("bytes:\\xa9", -0.2, (("bytes:\\xa9", -0.2),), "é".encode()[1:])]  # fmt: skip
    tokens = answer_tokens(customer_name=[token('"Jos', 0.9), *halves, token('"')])
    text = '{"values": {"customer_name": "José"}, "evidence": {}}'

    found, _ = field_confidences(text, tokens, (NAME,))

    assert json.loads(text)["values"]["customer_name"] == "José"
    assert found == pytest.approx({"customer_name": 0.9 * 2.718281828**-0.3})


def test_a_field_the_answer_leaves_out_says_so() -> None:
    tokens = answer_tokens(customer_name=[token('"Ana"', 0.6)])

    assert confidences(tokens, NAME, AGE)[1] == {"age": NOT_WRITTEN}


def test_tokens_that_do_not_spell_the_answer_give_no_confidence_saying_why() -> None:
    tokens = answer_tokens(customer_name=[token('"Ana"', 0.6)])
    text = '{"values": {"customer_name": "Anna"}, "evidence": {}}'

    assert field_confidences(text, tokens, (NAME, AGE)) == (
        {},
        {"customer_name": UNALIGNED, "age": UNALIGNED},
    )


def test_a_stop_token_after_the_answer_is_left_out() -> None:
    tokens = [*answer_tokens(age=[token("7", 0.5)]), token("<end_of_turn>", 0.01)]
    text = "".join(item.text for item in tokens[:-1])

    assert field_confidences(text, tokens, (AGE,))[0] == pytest.approx({"age": 0.5})
