"""Deciding a condition against a call's extracted values, with a reason ops can read.

Comparisons respect the field's type: text and enum choices ignore case, `1` equals
`1.0`, a boolean is never a number, dates compare as dates, and `null` matches a missing
value. What a condition is and whether it fits the fields is `agents/conditions.py`.

A list field's items compare as its item type does; a list with no items is null, which
`is_empty` matches. The reason names the list's items, and for `contains_all` the ones
missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from agents.conditions import (
    EQUALITY,
    MEMBERSHIP,
    Comparison,
    Condition,
    ConditionInvalid,
    Group,
    as_moment,
    condition_parse,
)
from extraction.types import FieldSpec


@dataclass(frozen=True)
class ConditionResult:
    matched: bool
    reason: str


def condition_evaluate(
    *, condition: object, values: Mapping[str, Any], fields: Mapping[str, FieldSpec]
) -> ConditionResult:
    """Decide a condition as stored against extracted values, saying why.

    A condition that does not fit the fields (one was removed since it was saved) never
    matches, and the reason says why.
    """
    try:
        parsed = condition_parse(condition, fields)
    except ConditionInvalid as error:
        return ConditionResult(False, "the condition cannot be checked: " + "; ".join(error.errors))
    return _evaluate(parsed, values)


def _evaluate(condition: Condition | None, values: Mapping[str, Any]) -> ConditionResult:
    """Decide a parsed condition (None: no condition) against extracted values."""
    if condition is None:
        return ConditionResult(True, "no condition: always runs")
    if isinstance(condition, Group):
        if condition.mode == "all":
            return _evaluate_all(condition.members, values)
        return _evaluate_any(condition.members, values)
    return _evaluate_one(condition, values)


def _evaluate_all(members: tuple[Condition, ...], values: Mapping[str, Any]) -> ConditionResult:
    reasons = []
    for number, member in enumerate(members, start=1):
        result = _evaluate(member, values)
        if not result.matched:
            return ConditionResult(False, f"all: #{number} did not match: {result.reason}")
        reasons.append(result.reason)
    return ConditionResult(True, f"all {len(members)} matched: " + "; ".join(reasons))


def _evaluate_any(members: tuple[Condition, ...], values: Mapping[str, Any]) -> ConditionResult:
    reasons = []
    for number, member in enumerate(members, start=1):
        result = _evaluate(member, values)
        if result.matched:
            return ConditionResult(True, f"any: #{number} matched: {result.reason}")
        reasons.append(result.reason)
    return ConditionResult(False, f"none of {len(members)} matched: " + "; ".join(reasons))


def _shown(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_shown(item) for item in value) + "]"
    return repr(value)


def _evaluate_one(comparison: Comparison, values: Mapping[str, Any]) -> ConditionResult:
    name, operator = comparison.field.name, comparison.operator
    actual = values.get(name)
    wants = f"{operator} {_shown(comparison.value)}" if comparison.takes_value else operator
    if comparison.field.is_list:
        return _evaluate_list(comparison, _items(actual), wants)
    matched = _matches(comparison.field, operator, actual, comparison.value)
    state = f"{name} is not set" if actual is None else f"{name} is {_shown(actual)}"
    if matched:
        return ConditionResult(True, f"{state} ({wants})")
    return ConditionResult(False, f"{state}, condition wants {wants}")


def _items(actual: Any) -> list[Any]:
    """A list field's items; a value stored as one item is a list of it."""
    if actual is None:
        return []
    return actual if isinstance(actual, list) else [actual]


def _evaluate_list(comparison: Comparison, items: list[Any], wants: str) -> ConditionResult:
    spec, operator, expected = comparison.field, comparison.operator, comparison.value
    item = spec.item()
    held = {_normal(item, each) for each in items}

    def has(wanted: Any) -> bool:
        return _normal(item, wanted) in held

    missing: list[Any] = []
    if operator in ("is_set", "is_not_set", "is_empty"):
        matched = bool(items) == (operator == "is_set")
    elif operator == "contains":
        matched = has(expected)
    elif operator == "contains_any":
        matched = any(has(wanted) for wanted in expected)
    elif operator == "contains_all":
        missing = [wanted for wanted in expected if not has(wanted)]
        matched = not missing
    else:
        matched = len(items) > expected
    count = f"{len(items)} item{'' if len(items) == 1 else 's'}"
    state = f"{spec.name} is empty" if not items else f"{spec.name} has {count}: {_shown(items)}"
    if matched:
        return ConditionResult(True, f"{state} ({wants})")
    lacking = f" (missing {_shown(missing)})" if missing and items else ""
    return ConditionResult(False, f"{state}, condition wants {wants}{lacking}")


def _matches(spec: FieldSpec, operator: str, actual: Any, expected: Any) -> bool:
    if operator == "is_set":
        return actual is not None
    if operator == "is_not_set":
        return actual is None
    if operator in EQUALITY:
        return _equal(spec, actual, expected) == (operator == "==")
    if operator in MEMBERSHIP:
        found = any(_equal(spec, actual, item) for item in expected)
        return found == (operator == "in")
    if actual is None:
        return False
    if operator == "contains":
        return isinstance(actual, str) and expected.casefold() in actual.casefold()
    return _ordered(spec, operator, actual, expected)


def _normal(spec: FieldSpec, value: Any) -> Any:
    """A value in the form comparisons use, or a marker that never equals anything."""
    if value is None:
        return None
    if spec.type == "boolean":
        return value if isinstance(value, bool) else _Unequal()
    if spec.type == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return _Unequal()
        return float(value)
    if isinstance(value, str):
        if spec.format in ("date", "date-time"):
            return as_moment(value) or value.strip().casefold()
        return value.strip().casefold()
    return _Unequal()


class _Unequal:
    def __eq__(self, other: object) -> bool:
        return False

    def __hash__(self) -> int:
        return id(self)


def _equal(spec: FieldSpec, actual: Any, expected: Any) -> bool:
    return _normal(spec, actual) == _normal(spec, expected)


def _ordered(spec: FieldSpec, operator: str, actual: Any, expected: Any) -> bool:
    left, right = _normal(spec, actual), _normal(spec, expected)
    if isinstance(left, datetime) != isinstance(right, datetime):
        # A date against a date-time compares by calendar day.
        left = left.date() if isinstance(left, datetime) else left
        right = right.date() if isinstance(right, datetime) else right
    try:
        return {
            ">": left > right,
            ">=": left >= right,
            "<": left < right,
            "<=": left <= right,
        }[operator]
    except TypeError:
        return False
