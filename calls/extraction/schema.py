"""The agent's fields as one JSON schema for OpenAI strict structured outputs.

Shape: `{"values": {field: value or null}, "evidence": {field: quote or null}}`. Strict
mode wants every property listed in `required` and `additionalProperties: false` on
every object; a value that may be absent is a union with null, and an enum lists null
among its choices.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from calls.extraction.types import FieldSpec

SCHEMA_NAME = "call_extraction"
FORMAT_HINTS = {
    "date": "A calendar date as YYYY-MM-DD.",
    "date-time": "A date and time as ISO 8601 with the UTC offset, e.g. 2026-03-17T15:30:00+03:00.",
    "phone": "Digits only, with the country code if it was said.",
    "email": "An email address.",
}
JSON_TYPES = {"string": "string", "number": "number", "boolean": "boolean", "enum": "string"}


def value_schema(spec: FieldSpec) -> dict[str, Any]:
    description = " ".join(
        part for part in (spec.description, FORMAT_HINTS.get(spec.format, "")) if part
    )
    schema: dict[str, Any] = {"type": [JSON_TYPES[spec.type], "null"]}
    if spec.type == "enum":
        schema["enum"] = [*spec.choices, None]
    if description:
        schema["description"] = f"{description} Null when the call does not state it."
    return schema


def evidence_schema(spec: FieldSpec) -> dict[str, Any]:
    return {
        "type": ["string", "null"],
        "description": f"The shortest verbatim quote from the transcript that states "
        f"{spec.name}; null when the value is null.",
    }


def strict_object(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def build_json_schema(fields: Sequence[FieldSpec]) -> dict[str, Any]:
    """The `json_schema` member of an OpenAI `response_format`."""
    return {
        "name": SCHEMA_NAME,
        "strict": True,
        "schema": strict_object(
            {
                "values": strict_object({spec.name: value_schema(spec) for spec in fields}),
                "evidence": strict_object({spec.name: evidence_schema(spec) for spec in fields}),
            }
        ),
    }
