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
JSON_TYPES = {"string": "string", "number": "number", "boolean": "boolean", "enum": "string"}
NULL_RULE = "Null when the call does not state it."


def sentence(text: str) -> str:
    """`text` as a sentence: capitalised, ending with a full stop."""
    text = " ".join(text.split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else f"{text}."


def value_schema(spec: FieldSpec) -> dict[str, Any]:
    """The nullable JSON type of one field's value."""
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


def evidence_schema(spec: FieldSpec) -> dict[str, Any]:
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


MAX_LENGTHS = {"values": 200, "evidence": 300, "times": 5}


def bounded(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with a length bound on every string, for servers that turn the schema
    into a grammar (llama.cpp): a small model cannot loop inside a string there. OpenAI's
    strict mode gets the schema without them."""
    properties = {
        part: {
            **maps,
            "properties": {
                name: {**value, "maxLength": MAX_LENGTHS[part]}
                if "string" in value["type"] and "enum" not in value
                else value
                for name, value in maps["properties"].items()
            },
        }
        for part, maps in schema["properties"].items()
    }
    return {**schema, "properties": properties}


def build_json_schema(fields: Sequence[FieldSpec]) -> dict[str, Any]:
    """The `json_schema` member of an OpenAI `response_format`."""
    check_fields(fields)
    maps = {
        "values": strict_object({spec.name: value_schema(spec) for spec in fields}),
        "evidence": strict_object({spec.name: evidence_schema(spec) for spec in fields}),
    }
    dates = [spec for spec in fields if spec.format == "date"]
    if dates:
        maps["times"] = strict_object({spec.name: time_schema(spec) for spec in dates})
    return {"name": SCHEMA_NAME, "strict": True, "schema": strict_object(maps)}
