"""The product page's JSON shapes: the field array and action objects.

Import accepts them exactly as printed, plus the keys the page lacks (`choices`,
`format`, `required`, `extractor`, `enabled`, `review`: a rule's name, or
`{"confidence_below": 0.6}`).
A list field (`"type": "list"`) adds `item_type` (string when left out), `min_items` and
`max_items`; its `choices` and `format` are its items', inferred as a field's are.
Export prints the same shapes and adds one of those keys only when its value differs from
what the import would infer, so that a config imported from the product page exports as
the product page prints it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, cast

from agents.config import CONFIDENCE_EXAMPLE, REVIEW_RULES_TOLD, ActionDraft, action_row, field_row
from agents.kinds import action_kind
from extraction.text import MAX_DEPTH, TextInvalid, check_storable
from extraction.types import FieldSpec, ItemType, StringFormat

FIELD_KEYS = {
    "name",
    "type",
    "description",
    "choices",
    "format",
    "required",
    "item_type",
    "min_items",
    "max_items",
    "extractor",
}
ACTION_KEYS = {"type", "name", "condition", "config", "enabled", "review"}
DEFAULT_REVIEW = "never"
CONFIDENCE_RULE = "confidence"
CONFIDENCE_KEY = "confidence_below"
CHOICE_SEPARATORS = re.compile(r"\s*(?:,|;|\||/|\bor\b)\s*", re.IGNORECASE)
MAX_INFERRED_CHOICE_LENGTH = 40


@dataclass(frozen=True)
class ImportProblem:
    row: str
    message: str

    def __str__(self) -> str:
        return f"{self.row}: {self.message}"


class ImportInvalid(Exception):
    def __init__(self, problems: list[ImportProblem]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


def loads(text: str, what: str) -> Any:
    """Parse pasted JSON, saying where it breaks."""
    try:
        value = json.loads(text)
    except RecursionError as error:
        problem = ImportProblem(what, f"nested more than {MAX_DEPTH} levels deep")
        raise ImportInvalid([problem]) from error
    except json.JSONDecodeError as error:
        raise ImportInvalid(
            [
                ImportProblem(
                    what, f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
                )
            ]
        ) from error
    try:
        check_storable(value, what)
    except TextInvalid as error:
        raise ImportInvalid([ImportProblem(what, str(error))]) from error
    return value


ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "st", "jr", "sr", "vs", "no", "approx", "dept"})


def choices_from_description(description: str) -> tuple[str, ...]:
    """Read enum choices written the product page's way: "high, medium, low, none"."""
    listed = description.rsplit(":", 1)[-1].strip().rstrip(".")
    listed = _first_sentence(listed)
    parts = [part.strip().strip("'\"") for part in CHOICE_SEPARATORS.split(listed)]
    parts = [part for part in parts if part]
    if len(parts) < 2 or any(len(part) > MAX_INFERRED_CHOICE_LENGTH for part in parts):
        return ()
    return tuple(parts)


def _first_sentence(listed: str) -> str:
    """ "economy, compact, van. Van is our 9 seater": a sentence after the list is no
    choice; "Dr. Smith, Dr. Jones" is one sentence."""
    for end in re.finditer(r"[.;!?]\s", listed):
        before = re.findall(r"\w+", listed[: end.start()])
        if end.group()[0] != "." or not before or before[-1].casefold() not in ABBREVIATIONS:
            return listed[: end.start()]
    return listed


def infer_format(description: str, name: str = "") -> StringFormat:
    """Guess a string field's format from its description. A field named for a name, or
    described as one ("Name of the person who referred them"), holds a name whatever else
    its description says ("organizer_name": "not whoever is on the phone"), and being on
    the phone is no phone number."""
    text = re.sub(r"\b(?:on|over) the phone\b", " ", description.casefold())
    if re.search(r"(?:^|_)name$", name.casefold()) or re.match(r"(?:the |full )?name\b", text):
        return ""
    # The name says it when the description does not ("contact_phone": "Number to call
    # the family back on"), by its last word ("phone_model" is a handset).
    head = re.sub(r"[_\W]+(?:number|address)$", "", name.casefold())
    named = re.split(r"[_\W]+", head)[-1]
    if "email" in text or "e-mail" in text or named in ("email", "mail"):
        return "email"
    if (
        "phone" in text
        or "callback number" in text
        or "mobile number" in text
        or named in ("phone", "mobile", "cell", "telephone", "tel")
    ):
        return "phone"
    # Whole words: a "candidate" names no date.
    mentions_date = re.search(r"\b(?:dates?|days?|birth ?(?:date|day))\b|iso 8601", text)
    mentions_time = re.search(r"\btime\b|date-time|datetime|timestamp", text) is not None
    if mentions_date and mentions_time:
        return "date-time"
    if mentions_date:
        return "date"
    return ""


def parse_fields(data: Any) -> list[FieldSpec]:
    """Turn the product page's field array into field specs, or raise ImportInvalid."""
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise ImportInvalid([ImportProblem("fields", "must be a JSON array of field objects")])
    specs, problems = [], []
    for index, item in enumerate(data):
        row = field_row(index, item.get("name") if isinstance(item, dict) else None)
        try:
            specs.append(_parse_field(item))
        except ValueError as error:
            problems.append(ImportProblem(row, str(error)))
    if problems:
        raise ImportInvalid(problems)
    return specs


def _parse_field(item: Any) -> FieldSpec:
    if not isinstance(item, dict):
        raise ValueError('must be an object like {"name": …, "type": …, "description": …}')
    unknown = sorted(set(item) - FIELD_KEYS)
    if unknown:
        raise ValueError(
            f"unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(FIELD_KEYS))})"
        )
    for key in ("name", "type"):
        if not isinstance(item.get(key), str) or not item[key]:
            raise ValueError(f"{key} is required")
    description = item.get("description") or ""
    if not isinstance(description, str):
        raise ValueError("description must be text")
    field_type = item["type"]
    item_type = item.get("item_type", "string" if field_type == "list" else "")
    if not isinstance(item_type, str):
        raise ValueError("item_type must be text: string, number or enum")
    # A list's choices and format are its items': inferred as a field of the items' type.
    holds = item_type if field_type == "list" else field_type
    choices = item.get("choices")
    if choices is None:
        choices = choices_from_description(description) if holds == "enum" else ()
    elif not isinstance(choices, list):
        raise ValueError('choices must be an array of text, e.g. ["high", "low"]')
    field_format = item.get("format")
    if field_format is None:
        field_format = infer_format(description, item["name"]) if holds == "string" else ""
    required = item.get("required", False)
    if not isinstance(required, bool):
        raise ValueError("required must be true or false")
    extractor = item.get("extractor", "")
    if not isinstance(extractor, str):
        raise ValueError('extractor must be text: "offline" or a model name')
    return FieldSpec(
        name=item["name"],
        type=field_type,
        description=description,
        choices=tuple(choices),
        format=field_format,
        required=required,
        # Still unchecked: field_spec_errors reports an item type outside ItemType's.
        item_type=cast("ItemType", item_type),
        min_items=_count(item, "min_items"),
        max_items=_count(item, "max_items"),
        extractor=extractor,
    )


def _count(item: dict[str, Any], key: str) -> int | None:
    count = item.get(key)
    if count is not None and (isinstance(count, bool) or not isinstance(count, int)):
        raise ValueError(f"{key} must be a whole number, e.g. 3")
    return count


def parse_actions(data: Any) -> list[ActionDraft]:
    """Turn one action object or an array of them into drafts, or raise ImportInvalid."""
    items = [data] if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ImportInvalid(
            [ImportProblem("actions", "must be an action object or a JSON array of them")]
        )
    drafts, problems = [], []
    for index, item in enumerate(items):
        row = action_row(index, item.get("name") if isinstance(item, dict) else None)
        try:
            drafts.append(_parse_action(item))
        except ValueError as error:
            problems.append(ImportProblem(row, str(error)))
    if problems:
        raise ImportInvalid(problems)
    return drafts


def _parse_action(item: Any) -> ActionDraft:
    if not isinstance(item, dict):
        raise ValueError('must be an object like {"type": …, "name": …, "config": {…}}')
    unknown = sorted(set(item) - ACTION_KEYS)
    if unknown:
        raise ValueError(
            f"unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(ACTION_KEYS))})"
        )
    for key in ("type", "name"):
        if not isinstance(item.get(key), str) or not item[key]:
            raise ValueError(f"{key} is required")
    config = item.get("config", {})
    if not isinstance(config, dict):
        raise ValueError("config must be an object")
    enabled = item.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ValueError("enabled must be true or false")
    review, review_below = _parse_review(item.get("review", DEFAULT_REVIEW))
    return ActionDraft(
        name=item["name"],
        type=item["type"],
        condition=item.get("condition"),
        config=config,
        enabled=enabled,
        review=review,
        review_below=review_below,
    )


def _parse_review(review: Any) -> tuple[str, float | None]:
    """A rule named as text ("uncertain"), or the confidence rule as an object with the
    confidence to hold below ({"confidence_below": 0.6}); its range is checked with the
    rest of the config."""
    if isinstance(review, str):
        return review, None
    if not isinstance(review, dict):
        raise ValueError(f"review must be text or an object: {REVIEW_RULES_TOLD}")
    if set(review) != {CONFIDENCE_KEY}:
        raise ValueError(
            f"review as an object takes one key, {CONFIDENCE_KEY}: {CONFIDENCE_EXAMPLE}"
        )
    below = review[CONFIDENCE_KEY]
    if isinstance(below, bool) or not isinstance(below, int | float):
        raise ValueError(f"review {CONFIDENCE_KEY} must be a number from 0 to 1, e.g. 0.6")
    return CONFIDENCE_RULE, float(below)


def export_field(spec: FieldSpec) -> dict[str, Any]:
    data: dict[str, Any] = {"name": spec.name, "type": spec.type}
    holds = spec.type
    if spec.is_list:
        data["item_type"] = holds = spec.item_type or "string"
    data["description"] = spec.description
    if holds == "enum" and spec.choices != choices_from_description(spec.description):
        data["choices"] = list(spec.choices)
    if holds == "string" and spec.format != infer_format(spec.description, spec.name):
        data["format"] = spec.format
    for key, count in (("min_items", spec.min_items), ("max_items", spec.max_items)):
        if count is not None:
            data[key] = count
    if spec.required:
        data["required"] = True
    if spec.extractor:
        data["extractor"] = spec.extractor
    return data


def export_action(action: ActionDraft) -> dict[str, Any]:
    """Export one action; secrets never leave the server."""
    data: dict[str, Any] = {"type": action.type, "name": action.name}
    if action.condition not in (None, {}):
        data["condition"] = action.condition
    secret_keys = action_kind(action.type).secret_keys
    data["config"] = {k: v for k, v in action.config.items() if k not in secret_keys}
    if not action.enabled:
        data["enabled"] = False
    if action.review != DEFAULT_REVIEW:
        data["review"] = export_review(action.review, action.review_below)
    return data


def export_review(review: str, below: float | None) -> str | dict[str, float]:
    """A review rule as the JSON writes it: its name, or the confidence rule's object."""
    if review == CONFIDENCE_RULE and below is not None:
        return {CONFIDENCE_KEY: below}
    return review
