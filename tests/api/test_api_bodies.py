"""Bodies no integration should send are refused with 400 or 413 in the error shape, and
store nothing: deep nesting, text that cannot be stored as UTF-8, NUL bytes, huge bodies."""

from __future__ import annotations

import json

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from agents.models import Agent
from calls.models import Call

pytestmark = pytest.mark.django_db


def post_raw(client: APIClient, path: str, raw: str | bytes) -> tuple[int, dict]:
    response = client.generic("POST", path, raw, content_type="application/json")
    return response.status_code, response.json()


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("path", ["/api/v1/calls/", "/api/v1/agents/"])
def test_json_nested_a_thousand_levels_deep_is_refused(path: str, writer, runtime) -> None:
    client = runtime if path == "/api/v1/calls/" else writer
    status, body = post_raw(client, path, '{"metadata": ' + nested(1200) + "}")

    assert status == 400
    assert body["error"]["code"] == "invalid"
    assert "nested" in body["error"]["message"]


def test_the_agent_import_refuses_deep_nesting(writer, seed_agent: Agent) -> None:
    raw = '{"fields": ' + nested(1200) + "}"
    status, body = post_raw(writer, f"/api/v1/agents/{seed_agent.slug}/import/", raw)

    assert status == 400
    assert "nested" in body["error"]["message"]


@pytest.mark.parametrize(
    "where",
    [
        lambda body, text: body["transcript"][0].update(text=text),
        lambda body, text: body.update(metadata={"note": text}),
        lambda body, text: body.update(metadata={text: "key"}),
    ],
    ids=["transcript", "metadata value", "metadata key"],
)
@pytest.mark.parametrize("bad", ["\\ud800", "\\udfff tail", "nul \\u0000 byte"])
def test_text_that_cannot_be_stored_is_refused_and_nothing_is_stored(
    runtime, reader, seed_agent: Agent, call_body: dict, where, bad: str
) -> None:
    where(call_body, "PLACEHOLDER")
    raw = json.dumps(call_body).replace("PLACEHOLDER", bad)

    status, body = post_raw(runtime, "/api/v1/calls/", raw)

    assert status == 400
    assert body["error"]["code"] == "invalid"
    assert Call.objects.count() == 0
    assert reader.get("/api/v1/calls/").status_code == 200


def test_a_raw_lone_surrogate_in_the_bytes_is_refused(runtime, seed_agent, call_body) -> None:
    raw = json.dumps(call_body).encode().replace(b"Maria", b"Mar\xed\xa0\x80ia")

    status, body = post_raw(runtime, "/api/v1/calls/", raw)

    assert status == 400
    assert body["error"]["code"] == "invalid"
    assert Call.objects.count() == 0


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2_000)
def test_a_body_over_the_upload_limit_is_a_413_in_the_error_shape(
    runtime, seed_agent, call_body
) -> None:
    call_body["metadata"] = {"padding": "x" * 5_000}

    status, body = post_raw(runtime, "/api/v1/calls/", json.dumps(call_body))

    assert status == 413
    assert body["error"]["code"] == "too_large"
    assert Call.objects.count() == 0


def test_a_request_field_named_detail_keeps_the_error_shape(writer) -> None:
    status, body = post_raw(writer, "/api/v1/agents/", json.dumps({"detail": 1}))

    assert status == 400
    assert body["error"]["message"] == "The request has problems; see details."
    assert isinstance(body["error"]["details"], dict)


@pytest.mark.parametrize("metadata", [["a", "list"], "a string", 3])
def test_metadata_that_is_not_an_object_is_refused(runtime, seed_agent, call_body, metadata):
    call_body["metadata"] = metadata

    response = runtime.post("/api/v1/calls/", call_body, format="json")

    assert response.status_code == 400
    assert "metadata" in response.json()["error"]["details"]
    assert Call.objects.count() == 0
