"""The JSON schema sent as the response format: OpenAI strict mode accepts it."""

from __future__ import annotations

from typing import Any

import pytest

from extraction.schema import build_json_schema
from extraction.types import FieldSpec
from tests.extraction.openai_backend.conftest import SEED_FIELDS

ALL_KINDS = (
    FieldSpec("budget", "number", "Monthly budget in euros"),
    FieldSpec("email", "string", "Contact email", format="email"),
    FieldSpec("meeting_at", "string", "When they meet", format="date-time"),
    FieldSpec("plan", "enum", "", ("basic", "pro")),
    FieldSpec("notes", "string"),
)


def strict_problems(schema: dict[str, Any], path: str = "$") -> list[str]:
    """What OpenAI strict mode would reject: open objects, optional properties."""
    problems = []
    if schema.get("type") == "object":
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is not False:
            problems.append(f"{path}: additionalProperties is not false")
        if sorted(schema.get("required", [])) != sorted(properties):
            problems.append(f"{path}: required is not every property")
        for name, child in properties.items():
            problems += strict_problems(child, f"{path}.{name}")
    elif "null" not in schema.get("type", []):
        problems.append(f"{path}: not nullable")
    if "enum" in schema and None not in schema["enum"]:
        problems.append(f"{path}: enum without null")
    return problems


def test_the_checker_finds_what_strict_mode_rejects() -> None:
    loose = {
        "type": "object",
        "properties": {"a": {"type": "string"}, "b": {"type": ["string", "null"], "enum": ["x"]}},
        "required": ["a"],
    }

    assert strict_problems(loose) == [
        "$: additionalProperties is not false",
        "$: required is not every property",
        "$.a: not nullable",
        "$.b: enum without null",
    ]


@pytest.mark.parametrize("fields", [SEED_FIELDS, ALL_KINDS, ()], ids=["seed", "kinds", "none"])
def test_every_object_is_closed_and_requires_all_its_properties(
    fields: tuple[FieldSpec, ...],
) -> None:
    json_schema = build_json_schema(fields)

    assert json_schema["strict"] is True
    assert json_schema["name"] == "call_extraction"
    assert strict_problems(json_schema["schema"]) == []
    dates = [spec.name for spec in fields if spec.format == "date"]
    assert list(json_schema["schema"]["properties"]) == [
        "values",
        "evidence",
        *(["times"] if dates else []),
    ]
    for part in ("values", "evidence"):
        assert list(json_schema["schema"]["properties"][part]["properties"]) == [
            spec.name for spec in fields
        ]
    if dates:
        assert list(json_schema["schema"]["properties"]["times"]["properties"]) == dates


@pytest.mark.parametrize(
    ("name", "json_type", "enum", "in_description"),
    [
        ("customer_name", ["string", "null"], None, "Customer full name"),
        (
            "interest_level",
            ["string", "null"],
            ["high", "medium", "low", "none", None],
            "One of high, medium, low, none.",
        ),
        ("follow_up_required", ["boolean", "null"], None, "Whether follow-up is needed"),
        ("follow_up_date", ["string", "null"], None, "YYYY-MM-DD"),
        ("callback_number", ["string", "null"], None, "Digits only"),
    ],
)
def test_the_seed_fields_have_their_nullable_types_and_hints(
    name: str, json_type: list[str], enum: list | None, in_description: str
) -> None:
    value = build_json_schema(SEED_FIELDS)["schema"]["properties"]["values"]["properties"][name]

    assert value["type"] == json_type
    assert value.get("enum") == enum
    assert in_description in value["description"]
    assert "Null when the call does not state it." in value["description"]


def test_the_seed_descriptions_read_as_sentences() -> None:
    values = build_json_schema(SEED_FIELDS)["schema"]["properties"]["values"]["properties"]

    assert {name: value["description"] for name, value in values.items()} == {
        "customer_name": "Customer full name. Null when the call does not state it.",
        "interest_level": "One of high, medium, low, none. Null when the call does not state it.",
        "follow_up_required": "Whether follow-up is needed. Null when the call does not state it.",
        "follow_up_date": "Follow-up date in ISO 8601 format. A calendar date as YYYY-MM-DD. "
        "Null when the call does not state it.",
        "callback_number": "Phone number to call back, digits only. Digits only, with the "
        "country code if it was said. Null when the call does not state it.",
    }


def test_a_date_field_asks_for_the_time_of_day_beside_it() -> None:
    times = build_json_schema(SEED_FIELDS)["schema"]["properties"]["times"]["properties"]

    assert list(times) == ["follow_up_date"]
    assert times["follow_up_date"]["type"] == ["string", "null"]
    assert "HH:MM" in times["follow_up_date"]["description"]
    assert "Null when only a day was said." in times["follow_up_date"]["description"]


@pytest.mark.parametrize(
    ("name", "json_type", "in_description"),
    [
        ("budget", ["number", "null"], "Monthly budget in euros"),
        ("email", ["string", "null"], "email address"),
        ("meeting_at", ["string", "null"], "UTC offset"),
        ("notes", ["string", "null"], "Null when"),
    ],
)
def test_other_kinds_of_field(name: str, json_type: list[str], in_description: str) -> None:
    value = build_json_schema(ALL_KINDS)["schema"]["properties"]["values"]["properties"][name]

    assert value["type"] == json_type
    assert in_description in value["description"]


def test_each_field_has_a_nullable_quote() -> None:
    evidence = build_json_schema(SEED_FIELDS)["schema"]["properties"]["evidence"]["properties"]

    assert evidence["callback_number"]["type"] == ["string", "null"]
    assert "verbatim quote" in evidence["callback_number"]["description"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            (FieldSpec("name", "string"), FieldSpec("name", "number")),
            "field names must be unique; repeated: name",
        ),
        ((FieldSpec("plan", "enum"),), "enum field 'plan' has no choices"),
        ((FieldSpec("when", "date"),), "field 'when' has type 'date'"),
    ],
)
def test_fields_that_cannot_make_one_schema_are_refused(
    fields: tuple[FieldSpec, ...], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        build_json_schema(fields)
