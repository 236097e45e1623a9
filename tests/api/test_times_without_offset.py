"""A moment without a UTC offset is refused everywhere instead of being read as UTC."""

from __future__ import annotations

import pytest

from calls.models import Call

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("key", ["started_at", "ended_at"])
def test_a_call_time_without_an_offset_is_a_400(runtime, seed_agent, call_body, key) -> None:
    call_body["ended_at"] = "2026-03-10T14:09:00+03:00"
    call_body[key] = "2026-03-10T14:05:00"

    response = runtime.post("/api/v1/calls/", call_body, format="json")

    assert response.status_code == 400
    assert "offset" in str(response.json()["error"]["details"][key])
    assert Call.objects.count() == 0


def test_a_list_filter_without_an_offset_is_a_400(reader) -> None:
    response = reader.get("/api/v1/calls/?started_after=2026-03-10T14:05:00")

    assert response.status_code == 400
