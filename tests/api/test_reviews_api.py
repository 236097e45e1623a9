"""The review queue, reviews and corrections over the API, behind the `review` scope."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from actions.models import FollowUp, Review
from agents.models import Agent
from calls.models import Call
from tests.conftest import NOW
from tests.factories import held_call

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def review_id(call: Call) -> int:
    return Review.objects.get(call=call).pk


def test_the_queue_needs_the_review_scope(client_with, seed_agent: Agent) -> None:
    held_call(seed_agent, external_id="c1", ungrounded=["follow_up_date"])

    refused = client_with("read", "write").get("/api/v1/reviews/")

    assert refused.status_code == 403
    assert "review" in refused.json()["error"]["message"]
    assert client_with("review").get("/api/v1/reviews/").status_code == 200


def test_the_queue_lists_waiting_calls_oldest_first_with_their_values(
    client_with, seed_agent: Agent
) -> None:
    held_call(seed_agent, external_id="first", ungrounded=["follow_up_date"])
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        held_call(seed_agent, external_id="second", ungrounded=["callback_number"])
    reviewer = client_with("review")

    queue = reviewer.get("/api/v1/reviews/", {"agent": "solaris"}).json()["results"]
    by_reason = reviewer.get("/api/v1/reviews/", {"reason": "missing"}).json()["results"]

    assert [item["call_external_id"] for item in queue] == ["first", "second"]
    first = queue[0]
    assert first["status"] == "pending"
    assert first["reasons"] == ["follow_up_date has no evidence in the transcript"]
    assert first["reason_kinds"] == ["ungrounded"]
    assert first["extracted"]["values"]["follow_up_date"] == "2026-03-17"
    assert first["extracted"]["ungrounded"] == ["follow_up_date"]
    assert first["held_actions"][0]["outcome"] == "held"
    assert by_reason == []


def test_a_correction_releases_the_follow_up_at_the_corrected_time(
    client_with, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    call = held_call(seed_agent, external_id="c1", ungrounded=["follow_up_date"])
    url = f"/api/v1/reviews/{review_id(call)}/correct/"
    body = {
        "reviewer": "Sam",
        "values": {"follow_up_date": "2026-03-19"},
        "times": {"follow_up_date": "15:30"},
    }

    with django_capture_on_commit_callbacks(execute=True):
        answer = client_with("review").post(url, body, format="json")

    assert answer.status_code == 200, answer.json()
    data = answer.json()
    assert data["status"] == "released"
    assert data["decided_by"] == "Sam (API key test review)"
    assert data["corrected"] == ["follow_up_date"]
    assert FollowUp.objects.get().due_at == datetime(2026, 3, 19, 12, 30, tzinfo=UTC)
    corrections = client_with("read").get("/api/v1/corrections/", {"correct": "false"}).json()
    (correction,) = corrections["results"]
    assert correction["field"] == "follow_up_date"
    assert (correction["extracted"], correction["reviewed"]) == ("2026-03-17", "2026-03-19")
    assert correction["reviewed_time"] == "15:30"


def test_a_second_decision_is_a_conflict_naming_the_first_reviewer(
    client_with, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    call = held_call(seed_agent, external_id="c1", ungrounded=["follow_up_date"])
    reviewer = client_with("review")
    with django_capture_on_commit_callbacks(execute=True):
        reviewer.post(
            f"/api/v1/reviews/{review_id(call)}/accept/", {"reviewer": "Sam"}, format="json"
        )

    second = reviewer.post(
        f"/api/v1/reviews/{review_id(call)}/reject/", {"reviewer": "Kim"}, format="json"
    )

    assert second.status_code == 409
    assert "already reviewed: released by Sam" in second.json()["error"]["message"]
    assert FollowUp.objects.count() == 1


def test_values_that_do_not_fit_are_refused_by_field_and_nothing_is_released(
    client_with, seed_agent: Agent
) -> None:
    call = held_call(seed_agent, external_id="c1", ungrounded=["follow_up_date"])

    answer = client_with("review").post(
        f"/api/v1/reviews/{review_id(call)}/correct/",
        {"reviewer": "Sam", "values": {"interest_level": "enormous"}},
        format="json",
    )

    assert answer.status_code == 400
    assert "interest_level" in answer.json()["error"]["details"]["values"]
    assert Review.objects.get().status == "pending"


def test_rejecting_over_the_api_skips_the_held_actions(client_with, seed_agent: Agent) -> None:
    call = held_call(seed_agent, external_id="c1", ungrounded=["follow_up_date"])

    answer = client_with("review").post(
        f"/api/v1/reviews/{review_id(call)}/reject/", {"reviewer": "Kim"}, format="json"
    )

    assert answer.status_code == 200
    (held_action,) = answer.json()["held_actions"]
    assert held_action["outcome"] == "skipped"
    assert held_action["reason"] == "rejected by Kim (API key test review)"
    assert not FollowUp.objects.exists()


def test_a_decision_needs_the_name_of_the_person(client_with, seed_agent: Agent) -> None:
    call = held_call(seed_agent, external_id="c1", ungrounded=["follow_up_date"])

    answer = client_with("review").post(
        f"/api/v1/reviews/{review_id(call)}/accept/", {}, format="json"
    )

    assert answer.status_code == 400
    assert "reviewer" in answer.json()["error"]["details"]
