"""A transfer decision takes a transcript of bounded size, as posting a call does."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_an_oversized_live_transcript_is_a_413(runtime, seed_agent, settings) -> None:
    settings.API_MAX_TRANSCRIPT_CHARS = 1_000
    body = {
        "agent": "solaris",
        "external_id": "live-1",
        "transcript": [{"role": "user", "text": "word " * 400}],
    }

    response = runtime.post("/api/v1/transfer-decisions/", body, format="json")

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
