"""The calls API: ingest idempotently, filter by extracted values, read and re-run."""

from __future__ import annotations

import threading

import pytest
from django.core.cache import cache
from django.db import connection
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from agents.api_keys import api_key_create, api_key_revoke
from agents.models import Agent
from calls.models import Call, ExtractionRun

pytestmark = pytest.mark.django_db

TRANSCRIPT = [
    {"role": "agent", "text": "Hello, who am I speaking with?"},
    {"role": "user", "text": "Hi, my name is Maria Gonzalez."},
    {"role": "agent", "text": "Are you interested?"},
    {"role": "user", "text": "Yes, very interested. Call me back next Tuesday."},
]


def body(**overrides: object) -> dict:
    return {
        "agent": "solaris",
        "external_id": "rt-1",
        "from_number": "+905321234567",
        "to_number": "+908501234567",
        "started_at": "2026-03-10T14:05:00+03:00",
        "ended_at": "2026-03-10T14:09:00+03:00",
        "timezone": "Europe/Istanbul",
        "transcript": TRANSCRIPT,
        **overrides,
    }


@pytest.fixture
def posted(runtime: APIClient, seed_agent: Agent, django_capture_on_commit_callbacks) -> dict:
    with django_capture_on_commit_callbacks(execute=True):
        response = runtime.post("/api/v1/calls/", body(), format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_posting_a_call_returns_it_and_analyses_it(posted: dict, reader: APIClient) -> None:
    call = reader.get(f"/api/v1/calls/{posted['id']}/").json()

    assert call["status"] == "analyzed"
    assert call["analysis"]["values"]["customer_name"] == "Maria Gonzalez"
    assert call["analysis"]["values"]["follow_up_date"] == "2026-03-17"
    assert call["analysis"]["evidence"]["customer_name"] == "Hi, my name is Maria Gonzalez."
    assert call["analysis"]["errors"] == {}
    assert call["action_decisions"][0]["action"] == "Auto follow-up"
    assert call["action_decisions"][0]["outcome"] == "fired"


def test_a_retry_returns_the_same_call(posted: dict, runtime: APIClient) -> None:
    again = runtime.post("/api/v1/calls/", body(), format="json")

    assert again.status_code == 200
    assert again.json()["id"] == posted["id"]
    assert Call.objects.count() == 1


def test_the_idempotency_key_dedupes_calls_without_an_external_id(
    runtime: APIClient, seed_agent: Agent
) -> None:
    headers = {"HTTP_IDEMPOTENCY_KEY": "retry-me-42"}
    first = runtime.post("/api/v1/calls/", body(external_id=""), format="json", **headers)
    second = runtime.post("/api/v1/calls/", body(external_id=""), format="json", **headers)

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicate_posts_store_one_call(seed_agent: Agent, client_with) -> None:
    results: list[int] = []

    def post() -> None:
        try:
            response = client_with("runtime").post("/api/v1/calls/", body(), format="json")
            results.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(results) == [200] * 5 + [201]
    assert Call.objects.count() == 1


def test_plain_text_transcripts_are_accepted(runtime: APIClient, seed_agent: Agent) -> None:
    response = runtime.post(
        "/api/v1/calls/", body(transcript="Agent: Hi\nUser: Hello there"), format="json"
    )

    assert response.status_code == 201
    assert response.json()["transcript"] == [
        {"role": "agent", "text": "Hi"},
        {"role": "user", "text": "Hello there"},
    ]


def test_bad_input_gets_field_errors_in_one_shape(runtime: APIClient, seed_agent: Agent) -> None:
    response = runtime.post(
        "/api/v1/calls/",
        body(started_at="2026-03-10T14:05:00", timezone="Mars/Base", agent="solaris"),
        format="json",
    )

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert "timezone" in error["details"]


def test_an_unknown_agent_is_a_400(runtime: APIClient, db: None) -> None:
    response = runtime.post("/api/v1/calls/", body(agent="nobody"), format="json")

    assert response.status_code == 400
    assert "agent" in response.json()["error"]["details"]


def test_a_transcript_over_the_limit_is_a_413(
    runtime: APIClient, seed_agent: Agent, settings
) -> None:
    settings.API_MAX_TRANSCRIPT_CHARS = 1000

    response = runtime.post(
        "/api/v1/calls/", body(transcript="User: " + "blah " * 400), format="json"
    )

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert "limit is 1000" in response.json()["error"]["message"]
    assert not Call.objects.exists()


def test_list_filters_by_extracted_values(
    posted: dict, runtime: APIClient, reader: APIClient, django_capture_on_commit_callbacks
) -> None:
    low = [{"role": "user", "text": "Not really, probably not."}]
    with django_capture_on_commit_callbacks(execute=True):
        runtime.post("/api/v1/calls/", body(external_id="rt-2", transcript=low), format="json")

    def ids(query: str) -> list[str]:
        return [c["external_id"] for c in reader.get(f"/api/v1/calls/?{query}").json()["results"]]

    assert ids("value.interest_level=high") == ["rt-1"]
    assert ids("value.interest_level=HIGH") == ["rt-1"]
    assert ids("value.interest_level=low") == ["rt-2"]
    assert ids("value.follow_up_required=true") == ["rt-1"]
    assert ids("value.customer_name=null") == ["rt-2"]
    assert ids("agent=solaris&status=analyzed&started_after=2026-03-10T00:00:00Z") == [
        "rt-2",
        "rt-1",
    ]
    assert ids("started_before=2026-03-01T00:00:00Z") == []


def test_a_bad_value_filter_is_explained(reader: APIClient) -> None:
    response = reader.get("/api/v1/calls/?value.a-b=1")

    assert response.status_code == 400
    assert "value.a-b" in response.json()["error"]["details"]


def test_rerun_creates_a_new_run_and_lists_all_runs(
    posted: dict, writer: APIClient, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = writer.post(f"/api/v1/calls/{posted['id']}/rerun/", {}, format="json")

    assert response.status_code == 202
    runs = writer.get(f"/api/v1/calls/{posted['id']}/runs/").json()
    assert runs["count"] == 2
    assert ExtractionRun.objects.filter(call_id=posted["id"], fire_actions=False).count() == 1


def test_scopes_are_enforced(posted: dict, reader: APIClient, runtime: APIClient) -> None:
    assert reader.post("/api/v1/calls/", body(external_id="x"), format="json").status_code == 403
    assert reader.post(f"/api/v1/calls/{posted['id']}/rerun/").status_code == 403
    assert runtime.get("/api/v1/calls/").status_code == 403
    forbidden = reader.post("/api/v1/calls/", body(external_id="x"), format="json").json()
    assert forbidden["error"] == {
        "code": "forbidden",
        "message": "This API key needs one of these scopes: runtime, write.",
    }


def test_no_key_or_a_revoked_key_is_a_401(posted: dict, db: None) -> None:
    anonymous = APIClient()
    assert anonymous.get("/api/v1/calls/").status_code == 401
    key, text = api_key_create(name="old", scopes=["read"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {text}")
    assert client.get("/api/v1/calls/").status_code == 200
    api_key_revoke(key=key)
    assert client.get("/api/v1/calls/").json()["error"]["message"] == "Unknown or revoked API key."
    key.refresh_from_db()
    assert key.last_used_at is not None


def test_posting_calls_is_throttled_per_key(
    client_with, seed_agent: Agent, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"ingest": "2/minute"})
    cache.clear()
    busy, other = client_with("runtime"), client_with("runtime")

    codes = [
        busy.post("/api/v1/calls/", body(external_id=f"t{n}"), format="json").status_code
        for n in range(3)
    ]

    assert codes == [201, 201, 429]
    assert other.post("/api/v1/calls/", body(external_id="t9"), format="json").status_code == 201
    assert busy.get("/api/v1/calls/").status_code == 403  # runtime keys do not read
