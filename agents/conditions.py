"""Conditions on extracted values, as an agent's config holds them: the product page's
`{field, operator, value}`, plus ordering, membership, text search, presence, and
`all` / `any` groups.

A condition is parsed once, against the agent's fields, into a typed `Comparison` or
`Group`; every problem is reported with where it is. Deciding a condition against a
call's values is the actions app's part (`actions/conditions.py`). `is_set` and
`is_not_set` take no `value` key at all, so a stray value is reported rather than
silently ignored.

A list field takes its own operators: `contains` (one item), `contains_any` and
`contains_all` (a list of items), `is_empty` (no value key) and `has_more_than` (a whole
number), besides `is_set` and `is_not_set`; the items are checked against the list's item
type. `contains` on a text field keeps its meaning there: the text contains the words.
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
LIST_ONLY = ("contains_any", "contains_all", "is_empty", "has_more_than")
LIST_OPERATORS = ("contains", *LIST_ONLY, *PRESENCE)
SCALAR_OPERATORS = (*EQUALITY, *ORDERING, *MEMBERSHIP, "contains", *PRESENCE)
OPERATORS = (*SCALAR_OPERATORS, *LIST_ONLY)
NO_VALUE = (*PRESENCE, "is_empty")
# How the agent page's condition builder offers each list operator.
LIST_OPERATOR_LABELS = {
    "contains": "contains",
    "contains_any": "contains any of",
    "contains_all": "contains all of",
    "is_empty": "is empty",
    "has_more_than": "has more than (items)",
    "is_set": "has a value",
    "is_not_set": "has no value",
}
GROUPS = ("all", "any")
CONDITION_KEYS = {"field", "operator", "value"}


@dataclass(frozen=True)
class Comparison:
    """One test of one field; `value` is None for `is_set`, `is_not_set`, `is_empty`."""

    field: FieldSpec
    operator: str
    value: Any = None

    @property
    def takes_value(self) -> bool:
        return self.operator not in NO_VALUE


@dataclass(frozen=True)
class Group:
    """`all` or `any` of its members."""

    mode: str
    members: tuple[Condition, ...]


Condition = Comparison | Group


class ConditionInvalid(ValueError):
    """A condition that does not fit the fields; `errors` says every problem and where."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


def is_empty(condition: object) -> bool:
    return condition is None or condition == {}


def condition_parse(condition: object, fields: Mapping[str, FieldSpec]) -> Condition | None:
    """The typed condition, or None for no condition (always); raise ConditionInvalid."""
    if is_empty(condition):
        return None
    errors: list[str] = []
    parsed = _parse(condition, fields, "condition", errors)
    if errors or parsed is None:
        raise ConditionInvalid(errors)
    return parsed


def condition_errors(condition: object, fields: Mapping[str, FieldSpec]) -> list[str]:
    """Every problem of a condition, each starting with where it is."""
    try:
        condition_parse(condition, fields)
    except ConditionInvalid as error:
        return error.errors
    return []


def _parse(
    condition: object, fields: Mapping[str, FieldSpec], path: str, errors: list[str]
) -> Condition | None:
    if not isinstance(condition, dict):
        errors.append(
            f'{path}: must be an object like {{"field": …, "operator": "==", "value": …}}'
        )
        return None
    group = [key for key in GROUPS if key in condition]
    if group:
        return _parse_group(condition, group[0], fields, path, errors)
    unknown = sorted(set(condition) - CONDITION_KEYS)
    if unknown:
        errors.append(f"{path}: unknown key(s) {', '.join(unknown)} (use field, operator, value)")
        return None
    name, operator = condition.get("field"), condition.get("operator")
    if not isinstance(name, str) or name not in fields:
        known = ", ".join(fields) or "none yet"
        errors.append(f"{path}: field {name!r} does not exist (fields: {known})")
        return None
    if operator not in OPERATORS:
        fitting = LIST_OPERATORS if fields[name].is_list else SCALAR_OPERATORS
        errors.append(f"{path}: operator {operator!r} is not supported (use {', '.join(fitting)})")
        return None
    problems = _operand_errors(fields[name], operator, condition)
    errors += [f"{path}: {message}" for message in problems]
    return None if problems else Comparison(fields[name], operator, condition.get("value"))


def _parse_group(
    condition: dict, key: str, fields: Mapping[str, FieldSpec], path: str, errors: list[str]
) -> Group | None:
    if set(condition) != {key}:
        errors.append(f"{path}: a group has only its {key!r} key")
        return None
    members = condition[key]
    if not isinstance(members, list) or not members:
        errors.append(f"{path}.{key}: must be a non-empty list of conditions")
        return None
    parsed = [
        _parse(member, fields, f"{path}.{key}[{index}]", errors)
        for index, member in enumerate(members)
    ]
    if any(member is None for member in parsed):
        return None
    return Group(key, tuple(member for member in parsed if member is not None))


def _operand_errors(spec: FieldSpec, operator: str, condition: dict) -> list[str]:
    has_value, value = "value" in condition, condition.get("value")
    if spec.is_list and operator not in LIST_OPERATORS:
        return [
            f"{operator} does not apply to a list; {spec.name} is a list "
            f"(use {', '.join(LIST_OPERATORS)})"
        ]
    if operator in LIST_ONLY and not spec.is_list:
        return [f"{operator} applies to list fields only; {spec.name} is {_kind(spec)}"]
    if operator in NO_VALUE:
        return [f"{operator} takes no value"] if has_value else []
    if not has_value:
        return [f"{operator} needs a value"]
    if spec.is_list:
        return _list_operand_errors(spec, operator, value)
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


def _list_operand_errors(spec: FieldSpec, operator: str, value: object) -> list[str]:
    item = spec.item()
    if operator == "has_more_than":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return [f"has_more_than needs a whole number of items, 0 or more, not {value!r}"]
        return []
    if operator == "contains":
        return _value_errors(item, value, nullable=False)
    if not isinstance(value, list) or not value:
        return [f"{operator} needs a non-empty list of items"]
    return [error for each in value for error in _value_errors(item, each, nullable=False)]


def _kind(spec: FieldSpec) -> str:
    if spec.is_list:
        return f"a list of {spec.item_type or 'string'}"
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
    if spec.type in ("string", "enum"):
        if not isinstance(value, str):
            return [f"{spec.name} is text, {_describe(value)} is not"]
        if spec.type == "enum" and _choice(spec, value) is None:
            return [f"{value!r} is not one of {spec.name}'s choices ({', '.join(spec.choices)})"]
    if spec.format in ("date", "date-time"):
        return _moment_errors(spec, value)
    return []


def _moment_errors(spec: FieldSpec, value: object) -> list[str]:
    moment = as_moment(value)
    if moment is None:
        return [f"{value!r} is not an ISO 8601 date"]
    if spec.format == "date-time" and isinstance(moment, datetime) and moment.tzinfo is None:
        # Extracted date-times carry an offset; a naive one cannot be ordered against them.
        return [f"{value!r} has no time zone: add Z or an offset such as +02:00"]
    return []


def _choice(spec: FieldSpec, value: str) -> str | None:
    folded = value.strip().casefold()
    return next((choice for choice in spec.choices if choice.casefold() == folded), None)


def as_moment(value: object) -> date | datetime | None:
    """An ISO 8601 date or date-time read from text, or None."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
    except ValueError:
        return None


def referenced_fields(condition: object) -> set[str]:
    """The field names a condition reads; tolerant of malformed input."""
    if not isinstance(condition, dict):
        return set()
    for key in GROUPS:
        if isinstance(condition.get(key), list):
            return set().union(*(referenced_fields(member) for member in condition[key]))
    name = condition.get("field")
    return {name} if isinstance(name, str) else set()
