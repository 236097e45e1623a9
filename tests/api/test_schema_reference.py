"""The API reference as a reader sees it: one auth scheme, typed JSON, real examples."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from console.management.commands.load_demo import DEMO_SLUG

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture
def schema(client: Client, db: None) -> dict[str, Any]:
    return client.get("/api/schema/?format=json").json()


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return [op for path in schema["paths"].values() for op in path.values()]


def test_each_operation_names_its_auth_scheme_once(schema: dict[str, Any]) -> None:
    for operation in operations(schema):
        names = [name for requirement in operation.get("security", []) for name in requirement]
        assert len(names) == len(set(names)), operation["operationId"]
    assert schema["components"]["securitySchemes"]["ApiKey"]["description"].startswith("An API key")


def test_json_fields_in_answers_say_what_they_hold(schema: dict[str, Any]) -> None:
    components = schema["components"]["schemas"]
    untyped = [
        f"{name}.{key}"
        for name, component in components.items()
        if not name.endswith("Request")
        for key, prop in component.get("properties", {}).items()
        if not {"type", "$ref", "allOf", "oneOf", "anyOf"} & set(prop)
    ]

    assert untyped == []
    assert components["ExtractionRun"]["properties"]["values"]["type"] == "object"
    assert components["ExtractionRun"]["properties"]["ungrounded"]["items"] == {"type": "string"}
    assert components["Call"]["properties"]["metadata"]["type"] == "object"
    assert components["FollowUp"]["properties"]["history"]["type"] == "array"


def test_examples_name_the_agent_bin_dev_loads(schema: dict[str, Any]) -> None:
    named = re.findall(r'"agent": "([^"]+)"', str(schema).replace("'", '"'))

    assert named and set(named) == {DEMO_SLUG}


def test_curl_examples_use_the_address_the_site_is_served_at() -> None:
    fixed = [
        f"{page.name}: {line.strip()}"
        for page in DOCS.glob("*.md")
        for line in page.read_text().splitlines()
        if line.lstrip().startswith("curl") and re.search(r"https?://[^ \"]*:\d+", line)
    ]

    assert fixed == []
