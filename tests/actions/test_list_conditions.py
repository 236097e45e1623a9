"""Conditions on a list field: contains, contains any of, contains all of, is empty, has
more than N items; checked against the item type, decided with the items named."""

from __future__ import annotations

import pytest

from actions.conditions import condition_evaluate
from agents.conditions import condition_errors
from extraction.types import FieldSpec

FIELDS = {
    spec.name: spec
    for spec in (
        FieldSpec(
            "products_asked",
            "list",
            choices=("solar panels", "battery", "ev charger"),
            item_type="enum",
        ),
        FieldSpec("cc_emails", "list", format="email", item_type="string"),
        FieldSpec("quantities", "list", item_type="number"),
        FieldSpec("customer_name", "string"),
        FieldSpec("budget", "number"),
    )
}
VALUES = {
    "products_asked": ["solar panels", "battery"],
    "cc_emails": None,
    "quantities": [2, 10],
    "customer_name": "Maria Gonzalez",
}


def decided(condition: dict) -> tuple[bool, str]:
    assert condition_errors(condition, FIELDS) == [], condition_errors(condition, FIELDS)
    result = condition_evaluate(condition=condition, values=VALUES, fields=FIELDS)
    return result.matched, result.reason


@pytest.mark.parametrize(
    ("operator", "value", "expected"),
    [
        ("contains", "Battery", True),
        ("contains", "ev charger", False),
        ("contains_any", ["ev charger", "battery"], True),
        ("contains_any", ["ev charger"], False),
        ("contains_all", ["solar panels", "battery"], True),
        ("contains_all", ["solar panels", "ev charger"], False),
        ("has_more_than", 1, True),
        ("has_more_than", 2, False),
    ],
)
def test_list_operators_on_a_list_of_choices(operator: str, value: object, expected: bool) -> None:
    condition = {"field": "products_asked", "operator": operator, "value": value}

    assert decided(condition)[0] is expected


def test_numbers_compare_as_numbers_and_a_null_list_is_empty() -> None:
    assert decided({"field": "quantities", "operator": "contains", "value": 10.0})[0]
    assert decided({"field": "cc_emails", "operator": "is_empty"})[0]
    assert not decided({"field": "products_asked", "operator": "is_empty"})[0]
    assert not decided({"field": "cc_emails", "operator": "has_more_than", "value": 0})[0]
    assert decided({"field": "products_asked", "operator": "is_set"})[0]


def test_the_reason_names_the_items_and_what_is_missing() -> None:
    matched, reason = decided(
        {"field": "products_asked", "operator": "contains_all", "value": ["battery", "ev charger"]}
    )
    assert not matched
    assert reason == (
        "products_asked has 2 items: ['solar panels', 'battery'], condition wants "
        "contains_all ['battery', 'ev charger'] (missing ['ev charger'])"
    )

    assert decided({"field": "cc_emails", "operator": "contains", "value": "a@b.co"})[1] == (
        "cc_emails is empty, condition wants contains 'a@b.co'"
    )


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        (
            {"field": "products_asked", "operator": "==", "value": "battery"},
            "condition: == does not apply to a list; products_asked is a list (use contains, "
            "contains_any, contains_all, is_empty, has_more_than, is_set, is_not_set)",
        ),
        (
            {"field": "products_asked", "operator": "contains", "value": "purple"},
            "condition: 'purple' is not one of products_asked's choices "
            "(solar panels, battery, ev charger)",
        ),
        (
            {"field": "products_asked", "operator": "contains_any", "value": []},
            "condition: contains_any needs a non-empty list of items",
        ),
        (
            {"field": "quantities", "operator": "contains_all", "value": [1, "two"]},
            "condition: quantities is a number, 'two' (a string) is not",
        ),
        (
            {"field": "products_asked", "operator": "has_more_than", "value": -1},
            "condition: has_more_than needs a whole number of items, 0 or more, not -1",
        ),
        (
            {"field": "products_asked", "operator": "is_empty", "value": True},
            "condition: is_empty takes no value",
        ),
        (
            {"field": "budget", "operator": "has_more_than", "value": 2},
            "condition: has_more_than applies to list fields only; budget is a number",
        ),
        (
            {"field": "customer_name", "operator": "contains_any", "value": ["Maria"]},
            "condition: contains_any applies to list fields only; customer_name is a string",
        ),
    ],
)
def test_conditions_that_do_not_fit_a_list_say_why(condition: dict, message: str) -> None:
    assert condition_errors(condition, FIELDS) == [message]


def test_contains_keeps_its_text_meaning_on_a_string_field() -> None:
    assert decided({"field": "customer_name", "operator": "contains", "value": "gonz"})[0]
