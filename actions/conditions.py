"""Conditions on extracted values: the product page's `{field, operator, value}`, plus
ordering, membership, text search, presence, and `all` / `any` groups.

Comparisons respect the field's type: text and enum choices ignore case, `1` equals
`1.0`, a boolean is never a number, dates compare as dates, and `null` matches a missing
value. `is_set` and `is_not_set` take no `value` key at all, so a stray value is reported
rather than silently ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from extraction.types import FieldSpec

EQUALITY = ("==", "!=")
ORDERING = (">", ">=", "<", "<=")
MEMBERSHIP = ("in", "not_in")
PRESENCE = ("is_set", "is_not_set")
OPERATORS = (*EQUALITY, *ORDERING, *MEMBERSHIP, "contains", *PRESENCE)
GROUPS = ("all", "any")
CONDITION_KEYS = {"field", "operator", "value"}


@dataclass(frozen=True)
class ConditionResult:
    matched: bool
    reason: str


def is_empty(condition: object) -> bool:
    return condition is None or condition == {}


# Validation


def condition_errors(condition: object, fields: Mapping[str, FieldSpec]) -> list[str]:
    """Every problem of a condition, each starting with where it is."""
    if is_empty(condition):
        return []
    return _errors(condition, fields, "condition")


def _errors(condition: object, fields: Mapping[str, FieldSpec], path: str) -> list[str]:
    if not isinstance(condition, dict):
        return [f'{path}: must be an object like {{"field": …, "operator": "==", "value": …}}']
    group = [key for key in GROUPS if key in condition]
    if group:
        return _group_errors(condition, group[0], fields, path)
    unknown = sorted(set(condition) - CONDITION_KEYS)
    if unknown:
        return [f"{path}: unknown key(s) {', '.join(unknown)} (use field, operator, value)"]
    name, operator = condition.get("field"), condition.get("operator")
    if not isinstance(name, str) or name not in fields:
        known = ", ".join(fields) or "none yet"
        return [f"{path}: field {name!r} does not exist (fields: {known})"]
    if operator not in OPERATORS:
        return [f"{path}: operator {operator!r} is not supported (use {', '.join(OPERATORS)})"]
    return [f"{path}: {message}" for message in _operand_errors(fields[name], operator, condition)]


def _group_errors(
    condition: dict, key: str, fields: Mapping[str, FieldSpec], path: str
) -> list[str]:
    if set(condition) != {key}:
        return [f"{path}: a group has only its {key!r} key"]
    members = condition[key]
    if not isinstance(members, list) or not members:
        return [f"{path}.{key}: must be a non-empty list of conditions"]
    errors = []
    for index, member in enumerate(members):
        errors += _errors(member, fields, f"{path}.{key}[{index}]")
    return errors


def _operand_errors(spec: FieldSpec, operator: str, condition: dict) -> list[str]:
    has_value, value = "value" in condition, condition.get("value")
    if operator in PRESENCE:
        return [f"{operator} takes no value"] if has_value else []
    if not has_value:
        return [f"{operator} needs a value"]
    if operator in ORDERING and not _orderable(spec):
        return [f"{operator} applies to numbers and dates; {spec.name} is {_kind(spec)}"]
    if operator == "contains":
        if spec.type not in ("string", "enum"):
            return [f"contains applies to text; {spec.name} is {_kind(spec)}"]
        return [] if isinstance(value, str) else [f"contains needs text, not {value!r}"]
    if operator in MEMBERSHIP:
        if not isinstance(value, list) or not value:
            return [f"{operator} needs a non-empty list of values"]
        return [error for item in value for error in _value_errors(spec, item, nullable=True)]
    return _value_errors(spec, value, nullable=operator in EQUALITY)


def _kind(spec: FieldSpec) -> str:
    if spec.format:
        return f"a {spec.format} string"
    return f"an {spec.type}" if spec.type == "enum" else f"a {spec.type}"


def _orderable(spec: FieldSpec) -> bool:
    return spec.type == "number" or spec.format in ("date", "date-time")


def _describe(value: object) -> str:
    kinds = {bool: "a boolean", str: "a string", int: "a number", float: "a number"}
    return f"{value!r} ({kinds.get(type(value), type(value).__name__)})"


def _value_errors(spec: FieldSpec, value: object, *, nullable: bool) -> list[str]:
    if value is None:
        return [] if nullable else ["null only works with == and !="]
    if spec.type == "boolean" and not isinstance(value, bool):
        return [f"{spec.name} is a boolean, {_describe(value)} is not"]
    if spec.type == "number" and (isinstance(value, bool) or not isinstance(value, int | float)):
        return [f"{spec.name} is a number, {_describe(value)} is not"]
    if spec.type in ("string", "enum") and not isinstance(value, str):
        return [f"{spec.name} is text, {_describe(value)} is not"]
    if spec.type == "enum" and _choice(spec, value) is None:
        return [f"{value!r} is not one of {spec.name}'s choices ({', '.join(spec.choices)})"]
    if spec.format in ("date", "date-time"):
        return _moment_errors(spec, value)
    return []


def _moment_errors(spec: FieldSpec, value: str) -> list[str]:
    moment = _as_moment(value)
    if moment is None:
        return [f"{value!r} is not an ISO 8601 date"]
    if spec.format == "date-time" and isinstance(moment, datetime) and moment.tzinfo is None:
        # Extracted date-times carry an offset; a naive one cannot be ordered against them.
        return [f"{value!r} has no time zone: add Z or an offset such as +02:00"]
    return []


def _choice(spec: FieldSpec, value: str) -> str | None:
    folded = value.strip().casefold()
    return next((choice for choice in spec.choices if choice.casefold() == folded), None)


def _as_moment(value: object) -> date | datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
    except ValueError:
        return None


# What a condition reads


def referenced_fields(condition: object) -> set[str]:
    """The field names a condition reads; tolerant of malformed input."""
    if not isinstance(condition, dict):
        return set()
    for key in GROUPS:
        if isinstance(condition.get(key), list):
            return set().union(*(referenced_fields(member) for member in condition[key]))
    name = condition.get("field")
    return {name} if isinstance(name, str) else set()


# Evaluation


def evaluate_condition(
    condition: object, values: Mapping[str, Any], fields: Mapping[str, FieldSpec]
) -> ConditionResult:
    """Decide a condition against extracted values, with a reason ops can read.

    A condition that does not fit the fields (one was removed since it was saved) never
    matches, and the reason says why.
    """
    if is_empty(condition):
        return ConditionResult(True, "no condition: always runs")
    errors = condition_errors(condition, fields)
    if errors:
        return ConditionResult(False, "the condition cannot be checked: " + "; ".join(errors))
    return _evaluate(condition, values, fields)


def _evaluate(
    condition: dict, values: Mapping[str, Any], fields: Mapping[str, FieldSpec]
) -> ConditionResult:
    if "all" in condition:
        return _evaluate_all(condition["all"], values, fields)
    if "any" in condition:
        return _evaluate_any(condition["any"], values, fields)
    return _evaluate_one(condition, values, fields)


def _evaluate_all(
    members: list[dict], values: Mapping[str, Any], fields: Mapping[str, FieldSpec]
) -> ConditionResult:
    reasons = []
    for number, member in enumerate(members, start=1):
        result = _evaluate(member, values, fields)
        if not result.matched:
            return ConditionResult(False, f"all: #{number} did not match: {result.reason}")
        reasons.append(result.reason)
    return ConditionResult(True, f"all {len(members)} matched: " + "; ".join(reasons))


def _evaluate_any(
    members: list[dict], values: Mapping[str, Any], fields: Mapping[str, FieldSpec]
) -> ConditionResult:
    reasons = []
    for number, member in enumerate(members, start=1):
        result = _evaluate(member, values, fields)
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


def _evaluate_one(
    condition: dict, values: Mapping[str, Any], fields: Mapping[str, FieldSpec]
) -> ConditionResult:
    name, operator = condition["field"], condition["operator"]
    expected = condition.get("value")
    spec, actual = fields[name], values.get(name)
    wants = f"{operator} {_shown(expected)}" if "value" in condition else operator
    matched = _matches(spec, operator, actual, expected)
    state = f"{name} is not set" if actual is None else f"{name} is {_shown(actual)}"
    if matched:
        return ConditionResult(True, f"{state} ({wants})")
    return ConditionResult(False, f"{state}, condition wants {wants}")


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
            return _as_moment(value) or value.strip().casefold()
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
