"""JSON fields with the shape the schema promises: an untyped field reads as "string" in
the API reference, so each says whether it is an object, a list, and of what."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

TEXT = {"type": "string"}
TURN = {
    "type": "object",
    "properties": {
        "role": {**TEXT, "description": "agent or user"},
        "text": TEXT,
        "offset": {
            "type": "number",
            "minimum": 0,
            "nullable": True,
            "description": "Seconds into the call.",
        },
    },
    "required": ["role", "text"],
}
# One extracted value: a list field's is an array of its items (text or numbers).
ITEM = {"oneOf": [TEXT, {"type": "number"}]}
FIELD_VALUE = {
    "oneOf": [TEXT, {"type": "number"}, {"type": "boolean"}, {"type": "array", "items": ITEM}],
    "nullable": True,
}
# A value's quote; a list's, one quote per item (null where an item has none).
QUOTE = {
    "oneOf": [TEXT, {"type": "array", "items": {**TEXT, "nullable": True}}],
    "nullable": True,
}
HISTORY_ENTRY = {
    "type": "object",
    "properties": {
        "at": {"type": "string", "format": "date-time"},
        "reason": TEXT,
        "from": {**TEXT, "description": "The status before, when it changed."},
        "to": {**TEXT, "description": "The status after, when it changed."},
    },
    "required": ["at", "reason"],
}


@extend_schema_field({"type": "object", "additionalProperties": {}})
class ObjectField(serializers.JSONField):
    """A JSON object whose keys are its own (field names, platform options, …)."""

    def to_internal_value(self, data: Any) -> Any:
        value = super().to_internal_value(data)
        if not isinstance(value, dict):
            raise serializers.ValidationError('Must be a JSON object, e.g. {"key": "value"}.')
        return value


@extend_schema_field({"type": "object", "additionalProperties": TEXT})
class TextByNameField(serializers.JSONField):
    """Field name → text."""


@extend_schema_field({"type": "object", "additionalProperties": FIELD_VALUE})
class ValueByNameField(serializers.JSONField):
    """Field name → its value: text, a number, yes/no, a list's items, or null."""


@extend_schema_field({"type": "object", "additionalProperties": QUOTE})
class QuoteByNameField(serializers.JSONField):
    """Field name → the words its value came from; for a list, one quote per item."""


@extend_schema_field({"type": "object", "additionalProperties": {**TEXT, "nullable": True}})
class OptionalTextByNameField(serializers.JSONField):
    """Field name → text or null."""


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "number", "minimum": 0, "maximum": 1, "nullable": True},
    }
)
class ConfidenceByNameField(serializers.JSONField):
    """Field name → a confidence from 0 to 1, or null."""


@extend_schema_field({"type": "array", "items": TEXT})
class TextListField(serializers.JSONField):
    """A list of texts."""


@extend_schema_field({"type": "array", "items": {"type": "object", "additionalProperties": {}}})
class ObjectListField(serializers.JSONField):
    """A list of JSON objects."""


@extend_schema_field({"type": "array", "items": {"type": "integer", "minimum": 0, "maximum": 6}})
class WeekdaysField(serializers.JSONField):
    """Days of the week, 0 = Monday … 6 = Sunday."""


@extend_schema_field({"oneOf": [{"type": "array", "items": TURN}, TEXT]})
class TranscriptJSONField(serializers.JSONField):
    """Turns, or (when sent) plain text "Agent: …\\nUser: …"; always turns when read."""


@extend_schema_field({"type": "array", "items": HISTORY_ENTRY})
class HistoryField(serializers.JSONField):
    """Every transition and adjustment, with its reason."""


@extend_schema_field(FIELD_VALUE)
class FieldValueField(serializers.JSONField):
    """One extracted field's value: text, a number, yes/no, a list's items, or null."""
