"""An Idempotency-Key belongs to the API key that sent it."""

from __future__ import annotations

import pytest

from calls.models import Call

pytestmark = pytest.mark.django_db


def test_two_api_keys_with_the_same_idempotency_key_store_two_calls(
    client_with, seed_agent, call_body
) -> None:
    call_body["external_id"] = ""
    headers = {"HTTP_IDEMPOTENCY_KEY": "order-17"}
    first_key, second_key = client_with("runtime"), client_with("runtime")

    first = first_key.post("/api/v1/calls/", call_body, format="json", **headers)
    retry = first_key.post("/api/v1/calls/", call_body, format="json", **headers)
    other = second_key.post("/api/v1/calls/", call_body, format="json", **headers)

    assert (first.status_code, retry.status_code, other.status_code) == (201, 200, 201)
    assert first.json()["id"] == retry.json()["id"] != other.json()["id"]
    assert Call.objects.count() == 2
