"""Validation of an agent's whole configuration: its fields and its actions.

The one place that decides whether a config can work. The admin, the JSON import and
the API all call `config_errors`; each error names the row and the problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from agents.conditions import condition_errors, is_empty, referenced_fields
from agents.kinds import action_kind_rules, action_types
from agents.models import ReviewRule
from extraction.names import is_field_name
from extraction.types import FieldSpec

FIELD_TYPES = ("string", "number", "boolean", "enum", "list")
ITEM_TYPES = ("string", "number", "enum")
MAX_LIST_ITEMS = 50
CONFIDENCE_EXAMPLE = '{"confidence_below": 0.6}'
REVIEW_RULES_TOLD = f"never, uncertain, always, or {CONFIDENCE_EXAMPLE}"
STRING_FORMATS = ("date", "date-time", "phone", "email")
MODEL_NAME = re.compile(r"[A-Za-z0-9\-_.:/]+")
MAX_EXTRACTOR_LENGTH = 100


@dataclass
class ActionDraft:
    """An action as a caller wants it saved.

    `pk` is the stored action it edits when the caller knows it (the admin's rows); an
    action given without one edits the stored action of the same name.
    """

    name: str
    type: str
    condition: Any = None
    config: dict[str, Any] = field(default_factory=dict)
    enabled: bool = True
    pk: int | None = None
    review: str = "never"
    review_below: float | None = None


@dataclass(frozen=True)
class ConfigError:
    """One problem: `section` is "fields" or "actions", `index` the row (0-based)."""

    section: str
    index: int
    row: str
    message: str

    def __str__(self) -> str:
        return f"{self.row}: {self.message}"


class ConfigInvalid(Exception):
    def __init__(self, errors: Sequence[ConfigError]) -> None:
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = list(errors)


def field_row(index: int, name: object) -> str:
    return f"field {index + 1} ({name})" if name else f"field {index + 1}"


def action_row(index: int, name: object) -> str:
    return f"action {index + 1} ({name})" if name else f"action {index + 1}"


def config_errors(
    fields: Sequence[FieldSpec],
    actions: Sequence[ActionDraft],
    *,
    previous_field_names: Iterable[str] = (),
) -> list[ConfigError]:
    """Return every problem of the config; `previous_field_names` are the stored ones.

    A field that an action uses and that existed before is reported as a refused
    deletion or rename, naming the action, rather than as a dangling reference.
    """
    errors = _fields_errors(fields)
    specs = {spec.name: spec for spec in fields}
    errors += _actions_errors(actions, specs, set(previous_field_names))
    return errors


def _fields_errors(fields: Sequence[FieldSpec]) -> list[ConfigError]:
    errors: list[ConfigError] = []
    seen: set[str] = set()
    for index, spec in enumerate(fields):
        row = field_row(index, spec.name)
        errors += [ConfigError("fields", index, row, m) for m in field_spec_errors(spec)]
        if spec.name in seen:
            errors.append(ConfigError("fields", index, row, f"duplicate name {spec.name!r}"))
        seen.add(spec.name)
    return errors


def field_spec_errors(spec: FieldSpec) -> list[str]:
    """Return the problems of one field taken alone."""
    errors = []
    if not is_field_name(spec.name):
        errors.append(
            f"name {spec.name!r} is not an identifier "
            "(letters, digits and _, not starting with a digit, at most 64)"
        )
    if spec.type not in FIELD_TYPES:
        errors.append(f"type {spec.type!r} is not supported (use {', '.join(FIELD_TYPES)})")
    errors += _list_errors(spec)
    errors += _choices_errors(spec)
    holds_text = spec.type == "string" or (spec.is_list and spec.item_type == "string")
    if spec.format and not holds_text:
        errors.append(
            f"format {spec.format!r} applies to string fields only (and to lists of string)"
        )
    elif spec.format and spec.format not in STRING_FORMATS:
        errors.append(f"format {spec.format!r} is not supported (use {', '.join(STRING_FORMATS)})")
    errors += _extractor_errors(spec.extractor)
    return errors


def _list_errors(spec: FieldSpec) -> list[str]:
    """A list's item type and counts; none of them on another field."""
    counts = {"min_items": spec.min_items, "max_items": spec.max_items}
    if not spec.is_list:
        keys = [key for key, value in counts.items() if value is not None]
        keys = (["item_type"] if spec.item_type else []) + keys
        return [f"{key} applies to list fields only" for key in keys]
    if spec.item_type not in ITEM_TYPES:
        return [f"item_type {spec.item_type!r} is not supported (use {', '.join(ITEM_TYPES)})"]
    errors = []
    for key, value in counts.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            errors.append(f"{key} must be a whole number, not {value!r}")
        elif value is not None and not 0 <= value <= MAX_LIST_ITEMS:
            errors.append(f"{key} {value} is out of range (0 to {MAX_LIST_ITEMS})")
    if errors:
        return errors
    if spec.max_items == 0:
        return ["max_items 0 would keep no item: use at least 1, or leave it out"]
    if (
        spec.min_items is not None
        and spec.max_items is not None
        and spec.min_items > spec.max_items
    ):
        return [f"min_items {spec.min_items} is more than max_items {spec.max_items}"]
    return []


def _extractor_errors(extractor: object) -> list[str]:
    """A field's extractor: empty (the agent's), "offline", or a model name."""
    if not isinstance(extractor, str):
        return ['extractor must be text: empty, "offline" or a model name']
    if len(extractor) > MAX_EXTRACTOR_LENGTH:
        return [f"extractor is {len(extractor)} characters long; at most {MAX_EXTRACTOR_LENGTH}"]
    if extractor and not MODEL_NAME.fullmatch(extractor):
        return [
            f'extractor {extractor!r} is not "offline" or a model name '
            "(letters, digits and - _ . : /)"
        ]
    return []


def _choices_errors(spec: FieldSpec) -> list[str]:
    if spec.is_list and spec.item_type != "enum":
        return ["choices apply to enum fields only (and to lists of enum)"] if spec.choices else []
    if spec.is_list and not spec.choices:
        return [
            'a list of enum needs choices: list them in choices, e.g. ["solar panels", "battery"]'
        ]
    if spec.type not in ("enum", "list"):
        return ["choices apply to enum fields only (and to lists of enum)"] if spec.choices else []
    if not spec.choices:
        return [
            "an enum needs choices: list them in choices, "
            "or in the description as 'high, medium, low, none'"
        ]
    if not all(isinstance(choice, str) and choice.strip() for choice in spec.choices):
        return ["every choice must be non-empty text"]
    folded = [choice.strip().casefold() for choice in spec.choices]
    if len(set(folded)) != len(folded):
        return ["choices repeat (they are compared ignoring case)"]
    return []


def _actions_errors(
    actions: Sequence[ActionDraft], specs: dict[str, FieldSpec], previous: set[str]
) -> list[ConfigError]:
    errors: list[ConfigError] = []
    seen: set[str] = set()
    for index, action in enumerate(actions):
        row = action_row(index, action.name)
        for message in _action_errors(action, specs, previous):
            errors.append(ConfigError("actions", index, row, message))
        if action.name and action.name in seen:
            errors.append(ConfigError("actions", index, row, f"duplicate name {action.name!r}"))
        seen.add(action.name)
        errors += _removed_field_errors(action, specs, previous)
    return errors


def _action_errors(
    action: ActionDraft, specs: dict[str, FieldSpec], previous: set[str]
) -> list[str]:
    errors = []
    if not isinstance(action.name, str) or not action.name.strip():
        errors.append("name is required")
    kind = action_kind_rules(action.type)
    if kind is None:
        supported = ", ".join(action_types())
        return [*errors, f"type {action.type!r} is not supported (use {supported})"]
    if not isinstance(action.config, dict):
        return [*errors, "config must be a JSON object"]
    if _removed_references(action, specs, previous):
        # Reported once, on the field that was removed, naming this action.
        return errors
    errors += condition_errors(action.condition, specs)
    errors += _review_errors(action.review, action.review_below)
    return errors + kind.config_errors(action.config, specs)


def _review_errors(review: object, below: object) -> list[str]:
    if review not in ReviewRule.values:
        return [f"review {review!r} is not a review rule (use {REVIEW_RULES_TOLD})"]
    if review != ReviewRule.CONFIDENCE:
        return []
    if below is None:
        return [
            f"review {review!r} needs the confidence to hold below, from 0 to 1 "
            f"(in JSON: {CONFIDENCE_EXAMPLE})"
        ]
    if isinstance(below, bool) or not isinstance(below, int | float) or not 0 <= below <= 1:
        return [f"review below a confidence of {below!r}: a confidence is from 0 to 1 (e.g. 0.6)"]
    return []


def _references(action: ActionDraft) -> dict[str, str]:
    kind = action_kind_rules(action.type)
    references: dict[str, str] = {}
    if kind is not None and isinstance(action.config, dict):
        references.update(kind.field_references(action.config))
    if not is_empty(action.condition):
        for name in referenced_fields(action.condition):
            references.setdefault(name, "condition")
    return references


def _removed_references(
    action: ActionDraft, specs: dict[str, FieldSpec], previous: set[str]
) -> list[str]:
    return [name for name in _references(action) if name not in specs and name in previous]


def _removed_field_errors(
    action: ActionDraft, specs: dict[str, FieldSpec], previous: set[str]
) -> list[ConfigError]:
    references = _references(action)
    return [
        ConfigError(
            "fields",
            -1,
            f"field {name}",
            f"cannot be deleted or renamed: action {action.name!r} uses it "
            f"({references[name]}); change or delete that action first",
        )
        for name in _removed_references(action, specs, previous)
    ]
