"""A list's confidence is the probability of every token of its whole array, renormalised
over what a list allows where its first token was written."""

from __future__ import annotations

import pytest

from extraction.token_confidence import Token, field_confidences
from extraction.types import FieldSpec
from tests.factories import answer_tokens, token

PRODUCTS = FieldSpec(
    "products", "list", "", ("solar panels", "battery"), item_type="enum", max_items=2
)
NAME = FieldSpec("customer_name", "string")


def confidences(tokens: list[Token], *fields: FieldSpec) -> tuple[dict, dict]:
    return field_confidences("".join(item.text for item in tokens), tokens, fields)


def test_a_lists_confidence_is_the_product_of_all_its_items_tokens() -> None:
    tokens = answer_tokens(
        products=[token('["solar', 0.9), token(' panels"', 0.8), token(', "battery"]', 0.5)],
        customer_name=[token('"Ana"', 0.7)],
    )

    assert confidences(tokens, PRODUCTS, NAME) == (
        pytest.approx({"products": 0.36, "customer_name": 0.7}),
        {},
    )


def test_an_opening_bracket_is_renormalised_over_what_a_list_allows() -> None:
    tokens = answer_tokens(
        products=[token('["battery"]', 0.6, {'["battery"]': 0.6, '"battery"': 0.3, "null": 0.1})]
    )

    # A bare string is no list: its 0.3 is taken out, null stays allowed.
    assert confidences(tokens, PRODUCTS)[0] == pytest.approx({"products": 0.6 / 0.7})


def test_a_null_list_gets_the_probability_of_its_null() -> None:
    tokens = answer_tokens(products=[token("null", 0.8)])

    assert confidences(tokens, PRODUCTS)[0] == pytest.approx({"products": 0.8})
