"""The agent's fields as one JSON schema for OpenAI strict structured outputs.

Shape: `{"values": {field: value or null}, "evidence": {field: quote or null}}`, plus
`"times": {field: "HH:MM" or null}` for the date fields when there are any: the local
time of day the customer asked for on that date, which a follow-up is booked at while
the value stays the date its description asks for. Flat maps rather than one object per
field: the values read as the call's data at a glance in the raw answer kept on each
run, and the quotes stay out of the way beside them.

Strict mode wants every property listed in `required` and `additionalProperties: false`
on every object; a value that may be absent is a union with null, and an enum lists
null among its choices. Formats (date, phone, ...) are hints in the description, not
`format` keywords, so that OpenAI-compatible servers without format support accept the
schema too; the normalisers check them afterwards.

A list field's value is an array of typed items (an enum item lists its choices), null
as a whole when the call states none; its evidence an array with one quote (or null)
per item. Its most items is `maxItems` and is said in its description too, for servers
that do not enforce it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from extraction.types import FieldSpec

SCHEMA_NAME = "call_extraction"
FORMAT_HINTS = {
    "date": "A calendar date as YYYY-MM-DD.",
    "date-time": "A date and time as ISO 8601 with the UTC offset, e.g. 2026-03-17T15:30:00+03:00.",
    "phone": "Digits only, with the country code if it was said.",
    "email": "An email address.",
}
JSON_TYPES = {
    "string": "string",
    "number": "number",
    "boolean": "boolean",
    "enum": "string",
    "list": "array",
}
ITEM_TYPES = ("string", "number", "enum")
NULL_RULE = "Null when the call does not state it."
LIST_NULL_RULE = "Null, never an empty list, when the call states none."


def sentence(text: str) -> str:
    """`text` as a sentence: capitalised, ending with a full stop."""
    text = " ".join(text.split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else f"{text}."


def value_schema(spec: FieldSpec) -> dict[str, Any]:
    """The nullable JSON type of one field's value."""
    if spec.is_list:
        return list_schema(spec)
    said = sentence(spec.description)
    if spec.type == "enum":
        listed = [part.strip() for part in re.split(r",|\bor\b", spec.description) if part.strip()]
        said = "" if listed == list(spec.choices) else said
        said = " ".join(part for part in (said, f"One of {', '.join(spec.choices)}.") if part)
    description = " ".join(
        part for part in (said, FORMAT_HINTS.get(spec.format, ""), NULL_RULE) if part
    )
    schema: dict[str, Any] = {"type": [JSON_TYPES[spec.type], "null"], "description": description}
    if spec.type == "enum":
        schema["enum"] = [*spec.choices, None]
    return schema


def list_schema(spec: FieldSpec) -> dict[str, Any]:
    """An array of the list's items, or null."""
    item = spec.item()
    items: dict[str, Any] = {"type": JSON_TYPES[item.type]}
    if item.type == "enum":
        items["enum"] = list(item.choices)
    description = " ".join(
        part
        for part in (
            sentence(spec.description),
            f"A list of {item_kind(spec)}: every one the call states, in the order said, "
            "each once.",
            f"Each one of {', '.join(item.choices)}." if item.type == "enum" else "",
            f"Each item: {FORMAT_HINTS[item.format][0].lower()}{FORMAT_HINTS[item.format][1:]}"
            if item.format in FORMAT_HINTS
            else "",
            count_rule(spec),
            LIST_NULL_RULE,
        )
        if part
    )
    schema: dict[str, Any] = {"type": ["array", "null"], "items": items}
    if spec.max_items is not None:
        schema["maxItems"] = spec.max_items
    return {**schema, "description": description}


def item_kind(spec: FieldSpec) -> str:
    """What a list holds, in words: "phone numbers", "choices", "numbers", "text items"."""
    if spec.item_type == "enum":
        return "choices"
    if spec.item_type == "number":
        return "numbers"
    return {"date": "dates", "date-time": "dates with times", "phone": "phone numbers",
            "email": "email addresses"}.get(spec.format, "text items")  # fmt: skip


def count_rule(spec: FieldSpec) -> str:
    least, most = spec.min_items, spec.max_items
    if least and most is not None:
        return f"From {least} to {most} items."
    if most is not None:
        return f"At most {most} item{'s' if most != 1 else ''}."
    return f"At least {least} items when the call states any." if least else ""


def evidence_schema(spec: FieldSpec) -> dict[str, Any]:
    if spec.is_list:
        return {
            "type": ["array", "null"],
            "items": {"type": ["string", "null"]},
            "description": f"For each item of {spec.name}, in the same order, the shortest "
            "verbatim quote from the transcript that states it. Null when the value is null.",
        }
    return {
        "type": ["string", "null"],
        "description": f"The shortest verbatim quote from the transcript that states "
        f"{spec.name}. Null when the value is null.",
    }


def time_schema(spec: FieldSpec) -> dict[str, Any]:
    return {
        "type": ["string", "null"],
        "description": f"The local time of day the customer asked for on {spec.name}, as "
        "HH:MM on a 24-hour clock (3pm is 15:00). Null when only a day was said.",
    }


def strict_object(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def check_fields(fields: Sequence[FieldSpec]) -> None:
    """Refuse field lists that cannot make one unambiguous schema."""
    counts = Counter(spec.name for spec in fields)
    repeated = sorted(name for name, count in counts.items() if count > 1)
    if repeated:
        raise ValueError(f"field names must be unique; repeated: {', '.join(repeated)}")
    for spec in fields:
        if spec.type not in JSON_TYPES:
            raise ValueError(
                f"field {spec.name!r} has type {spec.type!r}; use one of {', '.join(JSON_TYPES)}"
            )
        if spec.type == "enum" and not spec.choices:
            raise ValueError(f"enum field {spec.name!r} has no choices")
        if spec.is_list and (spec.item_type or "string") not in ITEM_TYPES:
            raise ValueError(
                f"list field {spec.name!r} has items of type {spec.item_type!r}; "
                f"use one of {', '.join(ITEM_TYPES)}"
            )
        if spec.is_list and spec.item_type == "enum" and not spec.choices:
            raise ValueError(f"list field {spec.name!r} has enum items but no choices")


MAX_LENGTHS = {"values": 200, "evidence": 300, "times": 5}
# The most items a list field may be configured to hold: a grammar bounds every array
# by it, so that a small model cannot loop adding items either.
MAX_LIST_ITEMS = 50


def bounded(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with a length bound on every string, for servers that turn the schema
    into a grammar (llama.cpp): a small model cannot loop inside a string there. OpenAI's
    strict mode gets the schema without them."""
    properties = {
        part: {
            **maps,
            "properties": {
                name: bounded_value(value, MAX_LENGTHS[part])
                for name, value in maps["properties"].items()
            },
        }
        for part, maps in schema["properties"].items()
    }
    return {**schema, "properties": properties}


def bounded_value(value: dict[str, Any], length: int) -> dict[str, Any]:
    """One value's schema with its strings, or each item's, bounded to `length`, and an
    array to its most items."""
    if "array" in value["type"]:
        most = min(value.get("maxItems", MAX_LIST_ITEMS), MAX_LIST_ITEMS)
        return {**value, "items": bounded_value(value["items"], length), "maxItems": most}
    types = value["type"] if isinstance(value["type"], list) else [value["type"]]
    if "string" in types and "enum" not in value:
        return {**value, "maxLength": length}
    return value


def build_json_schema(fields: Sequence[FieldSpec]) -> dict[str, Any]:
    """The `json_schema` member of an OpenAI `response_format`."""
    check_fields(fields)
    maps = {
        "values": strict_object({spec.name: value_schema(spec) for spec in fields}),
        "evidence": strict_object({spec.name: evidence_schema(spec) for spec in fields}),
    }
    dates = [spec for spec in fields if spec.format == "date" and not spec.is_list]
    if dates:
        maps["times"] = strict_object({spec.name: time_schema(spec) for spec in dates})
    return {"name": SCHEMA_NAME, "strict": True, "schema": strict_object(maps)}
