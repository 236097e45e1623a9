"""Conditions: every operator and type, with the sentences ops will read."""

from __future__ import annotations

import pytest

from actions.conditions import condition_evaluate
from agents.conditions import condition_errors, referenced_fields
from extraction.types import FieldSpec

FIELDS = {
    spec.name: spec
    for spec in (
        FieldSpec("customer_name", "string"),
        FieldSpec("interest_level", "enum", choices=("high", "medium", "low", "none")),
        FieldSpec("follow_up_required", "boolean"),
        FieldSpec("follow_up_date", "string", format="date"),
        FieldSpec("meeting_at", "string", format="date-time"),
        FieldSpec("budget", "number"),
    )
}
VALUES = {
    "customer_name": "Maria Gonzalez",
    "interest_level": "high",
    "follow_up_required": True,
    "follow_up_date": "2026-03-17",
    "meeting_at": "2026-03-17T15:30:00+03:00",
    "budget": 1,
}


def matched(condition: object, values: dict | None = None) -> bool:
    assert condition_errors(condition, FIELDS) == [], condition_errors(condition, FIELDS)
    return condition_evaluate(
        condition=condition, values=VALUES if values is None else values, fields=FIELDS
    ).matched


def test_the_seed_condition() -> None:
    seed = {"field": "follow_up_required", "operator": "==", "value": True}

    assert matched(seed)
    assert not matched(seed, {**VALUES, "follow_up_required": False})
    assert not matched(seed, {**VALUES, "follow_up_required": None})


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"field": "interest_level", "operator": "==", "value": "high"}, True),
        ({"field": "interest_level", "operator": "==", "value": "HIGH"}, True),
        ({"field": "interest_level", "operator": "!=", "value": "low"}, True),
        ({"field": "budget", "operator": "==", "value": 1.0}, True),
        ({"field": "budget", "operator": "!=", "value": 2}, True),
        ({"field": "customer_name", "operator": "==", "value": "maria gonzalez"}, True),
        ({"field": "follow_up_required", "operator": "!=", "value": False}, True),
        ({"field": "budget", "operator": ">", "value": 0.5}, True),
        ({"field": "budget", "operator": ">=", "value": 1}, True),
        ({"field": "budget", "operator": "<", "value": 1}, False),
        ({"field": "budget", "operator": "<=", "value": 1}, True),
        ({"field": "follow_up_date", "operator": ">=", "value": "2026-03-17"}, True),
        ({"field": "follow_up_date", "operator": "<", "value": "2026-03-01"}, False),
        ({"field": "meeting_at", "operator": ">", "value": "2026-03-17T12:00:00Z"}, True),
        ({"field": "meeting_at", "operator": "<", "value": "2026-03-17T12:00:00Z"}, False),
        ({"field": "meeting_at", "operator": "==", "value": "2026-03-17T12:30:00Z"}, True),
        ({"field": "meeting_at", "operator": ">=", "value": "2026-03-17"}, True),
        ({"field": "follow_up_date", "operator": "<=", "value": "2026-03-17T23:00:00Z"}, True),
        ({"field": "interest_level", "operator": "in", "value": ["high", "medium"]}, True),
        ({"field": "interest_level", "operator": "in", "value": ["low", "none"]}, False),
        ({"field": "budget", "operator": "in", "value": [1.0, 2]}, True),
        ({"field": "budget", "operator": "not_in", "value": [1]}, False),
        ({"field": "follow_up_required", "operator": "in", "value": [True]}, True),
        ({"field": "interest_level", "operator": "not_in", "value": ["low", "none"]}, True),
        ({"field": "customer_name", "operator": "contains", "value": "GONZ"}, True),
        ({"field": "customer_name", "operator": "contains", "value": "smith"}, False),
        ({"field": "interest_level", "operator": "contains", "value": "IG"}, True),
        ({"field": "customer_name", "operator": "!=", "value": None}, True),
        ({"field": "customer_name", "operator": "==", "value": None}, False),
        ({"field": "customer_name", "operator": "is_set"}, True),
        ({"field": "customer_name", "operator": "is_not_set"}, False),
        ({"all": [{"field": "interest_level", "operator": "==", "value": "high"},
                  {"field": "budget", "operator": ">", "value": 5}]}, False),
        ({"any": [{"field": "interest_level", "operator": "==", "value": "low"},
                  {"field": "budget", "operator": ">", "value": 0}]}, True),
        ({"all": [{"any": [{"field": "budget", "operator": ">", "value": 5},
                           {"field": "follow_up_required", "operator": "==", "value": True}]},
                  {"field": "interest_level", "operator": "!=", "value": "none"}]}, True),
        (None, True),
        ({}, True),
    ],
)  # fmt: skip
def test_operators(condition: object, expected: bool) -> None:
    assert matched(condition) is expected


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"field": "interest_level", "operator": "==", "value": None}, True),
        ({"field": "interest_level", "operator": "!=", "value": None}, False),
        ({"field": "interest_level", "operator": "==", "value": "high"}, False),
        ({"field": "interest_level", "operator": "!=", "value": "high"}, True),
        ({"field": "budget", "operator": ">", "value": 0}, False),
        ({"field": "budget", "operator": "<", "value": 0}, False),
        ({"field": "interest_level", "operator": "in", "value": ["high", None]}, True),
        ({"field": "interest_level", "operator": "is_not_set"}, True),
        ({"field": "customer_name", "operator": "contains", "value": "a"}, False),
    ],
)
def test_a_missing_value_matches_only_null(condition: dict, expected: bool) -> None:
    assert matched(condition, {}) is expected


@pytest.mark.parametrize(
    ("condition", "values"),
    [
        ({"field": "budget", "operator": "==", "value": 1}, {"budget": True}),
        ({"field": "budget", "operator": ">=", "value": 1}, {"budget": True}),
        ({"field": "follow_up_required", "operator": "==", "value": True},
         {"follow_up_required": 1}),
        ({"field": "follow_up_required", "operator": "in", "value": [False]},
         {"follow_up_required": 0}),
    ],
)  # fmt: skip
def test_a_boolean_and_a_number_never_match(condition: dict, values: dict) -> None:
    assert not matched(condition, values)


@pytest.mark.parametrize(
    ("condition", "values", "reason"),
    [
        ({"field": "interest_level", "operator": "==", "value": "high"},
         {"interest_level": "low"}, "interest_level is 'low', condition wants == 'high'"),
        ({"field": "interest_level", "operator": "==", "value": "high"},
         {"interest_level": "high"}, "interest_level is 'high' (== 'high')"),
        ({"field": "follow_up_required", "operator": "==", "value": True},
         {"follow_up_required": False}, "follow_up_required is false, condition wants == true"),
        ({"field": "follow_up_date", "operator": ">=", "value": "2026-03-01"},
         {}, "follow_up_date is not set, condition wants >= '2026-03-01'"),
        (None, {}, "no condition: always runs"),
        ({"field": "customer_name", "operator": "is_set"}, {},
         "customer_name is not set, condition wants is_set"),
        ({"field": "budget", "operator": "in", "value": [1, 2]}, {"budget": 3},
         "budget is 3, condition wants in [1, 2]"),
        ({"field": "follow_up_required", "operator": "in", "value": [True, None]},
         {"follow_up_required": False},
         "follow_up_required is false, condition wants in [true, null]"),
        ({"any": [{"field": "budget", "operator": ">", "value": 5},
                  {"field": "budget", "operator": "<", "value": 0}]}, {"budget": 1},
         "none of 2 matched: budget is 1, condition wants > 5; budget is 1, condition wants < 0"),
        ({"any": [{"field": "budget", "operator": ">", "value": 5},
                  {"field": "budget", "operator": ">", "value": 0}]}, {"budget": 1},
         "any: #2 matched: budget is 1 (> 0)"),
        ({"all": [{"field": "budget", "operator": ">", "value": 0},
                  {"field": "interest_level", "operator": "==", "value": "high"}]},
         {"budget": 1, "interest_level": "low"},
         "all: #2 did not match: interest_level is 'low', condition wants == 'high'"),
        ({"all": [{"field": "budget", "operator": ">", "value": 0},
                  {"field": "interest_level", "operator": "==", "value": "high"}]},
         {"budget": 1, "interest_level": "HIGH"},
         "all 2 matched: budget is 1 (> 0); interest_level is 'HIGH' (== 'high')"),
        ({"all": [{"any": [{"field": "budget", "operator": ">", "value": 5},
                           {"field": "customer_name", "operator": "is_set"}]}]},
         {"budget": 1},
         "all: #1 did not match: none of 2 matched: budget is 1, condition wants > 5; "
         "customer_name is not set, condition wants is_set"),
        ({"field": "shoe_size", "operator": "==", "value": 42}, {"shoe_size": 42},
         "the condition cannot be checked: condition: field 'shoe_size' does not exist "
         "(fields: customer_name, interest_level, follow_up_required, follow_up_date, "
         "meeting_at, budget)"),
    ],
)  # fmt: skip
def test_reasons_say_what_was_found_and_what_was_wanted(
    condition: object, values: dict, reason: str
) -> None:
    assert condition_evaluate(condition=condition, values=values, fields=FIELDS).reason == reason


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ("interest_level == high", "condition: must be an object like"),
        ({"field": "interest", "operator": "==", "value": "high"},
         "condition: field 'interest' does not exist (fields: customer_name, interest_level"),
        ({"field": "interest_level", "operator": "=~", "value": "h"},
         "condition: operator '=~' is not supported (use ==, !=, >, >=, <, <=, in, not_in"),
        ({"field": "interest_level", "operator": "==", "value": "maybe"},
         "condition: 'maybe' is not one of interest_level's choices (high, medium, low, none)"),
        ({"field": "follow_up_required", "operator": "==", "value": "true"},
         "condition: follow_up_required is a boolean, 'true' (a string) is not"),
        ({"field": "customer_name", "operator": "==", "value": 5},
         "condition: customer_name is text, 5 (a number) is not"),
        ({"field": "budget", "operator": "in", "value": [1, "2"]},
         "condition: budget is a number, '2' (a string) is not"),
        ({"field": "interest_level", "operator": "in", "value": "high"},
         "condition: in needs a non-empty list of values"),
        ({"field": "follow_up_required", "operator": ">", "value": True},
         "condition: > applies to numbers and dates; follow_up_required is a boolean"),
        ({"field": "budget", "operator": ">", "value": None},
         "condition: null only works with == and !="),
        ({"field": "customer_name", "operator": "contains", "value": 5},
         "condition: contains needs text, not 5"),
        ({"field": "meeting_at", "operator": ">", "value": "2026-03-17T12:00:00"},
         "condition: '2026-03-17T12:00:00' has no time zone: add Z or an offset such as +02:00"),
        ({"all": [{"field": "budget", "operator": ">", "value": 1}], "field": "budget"},
         "condition: a group has only its 'all' key"),
        ({"field": "budget", "operator": "==", "value": True},
         "condition: budget is a number, True (a boolean) is not"),
        ({"field": "interest_level", "operator": ">", "value": "high"},
         "condition: > applies to numbers and dates; interest_level is an enum"),
        ({"field": "budget", "operator": "contains", "value": "1"},
         "condition: contains applies to text; budget is a number"),
        ({"field": "budget", "operator": "in", "value": []},
         "condition: in needs a non-empty list of values"),
        ({"field": "budget", "operator": "is_set", "value": 1}, "condition: is_set takes no value"),
        ({"field": "budget", "operator": "=="}, "condition: == needs a value"),
        ({"field": "follow_up_date", "operator": ">", "value": "next week"},
         "condition: 'next week' is not an ISO 8601 date"),
        ({"field": "budget", "operator": "==", "value": 1, "extra": 2},
         "condition: unknown key(s) extra"),
        ({"all": [{"field": "budget", "operator": ">", "value": 1},
                  {"field": "nope", "operator": "==", "value": 1}]},
         "condition.all[1]: field 'nope' does not exist"),
        ({"any": []}, "condition.any: must be a non-empty list of conditions"),
    ],
)  # fmt: skip
def test_invalid_conditions_are_explained(condition: object, message: str) -> None:
    errors = condition_errors(condition, FIELDS)

    assert len(errors) == 1
    assert errors[0].startswith(message), errors[0]


def test_every_problem_is_reported_with_its_path() -> None:
    condition = {
        "any": [
            {"field": "interest_level", "operator": "==", "value": "maybe"},
            {"all": [{"field": "budget", "operator": "~", "value": 1}, "junk"]},
        ]
    }

    assert condition_errors(condition, FIELDS) == [
        "condition.any[0]: 'maybe' is not one of interest_level's choices "
        "(high, medium, low, none)",
        "condition.any[1].all[0]: operator '~' is not supported "
        "(use ==, !=, >, >=, <, <=, in, not_in, contains, is_set, is_not_set)",
        'condition.any[1].all[1]: must be an object like {"field": …, "operator": "==", '
        '"value": …}',
    ]


def test_referenced_fields_never_fail_on_bad_input() -> None:
    nested = {"all": [{"field": "budget"}, {"any": [{"field": "interest_level"}, "junk"]}]}

    assert referenced_fields(nested) == {"budget", "interest_level"}
    assert referenced_fields("junk") == set()
