"""The API takes a field's `extractor` as the product page's JSON does and gives it back."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

FIELDS = [
    {"name": "interest_level", "type": "enum", "description": "high, medium, or low",
     "extractor": "gpt-4o-mini"},
    {"name": "customer_name", "type": "string", "description": "Customer full name"},
]  # fmt: skip


def test_a_fields_extractor_is_written_and_read_back(writer: APIClient) -> None:
    body = {"name": "Solaris", "slug": "solaris", "timezone": "UTC", "fields": FIELDS}

    created = writer.post("/api/v1/agents/", body, format="json")

    assert created.status_code == 201, created.json()
    assert [field["extractor"] for field in created.json()["fields"]] == ["gpt-4o-mini", ""]
    assert writer.get("/api/v1/agents/solaris/export/").json()["fields"] == FIELDS


def test_a_bad_extractor_is_refused_naming_the_row(writer: APIClient) -> None:
    fields = [{**FIELDS[0], "extractor": "gpt 4o"}]
    body = {"name": "Solaris", "slug": "solaris", "timezone": "UTC", "fields": fields}

    response = writer.post("/api/v1/agents/", body, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["details"]["fields[0]"] == [
        "field 1 (interest_level): extractor 'gpt 4o' is not \"offline\" or a model name "
        "(letters, digits and - _ . : /)"
    ]
