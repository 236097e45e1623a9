"""The voice runtime: pull due follow-up calls, report results, ask about transfers."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from actions.followup_dispatch import followups_dispatch
from actions.models import FollowUp, TransferDecision, WebhookDelivery
from agents.models import Agent
from agents.services import agent_import_json
from calls.models import Call
from tests.factories import AgentFactory
from tests.fakes.http import serving

pytestmark = pytest.mark.django_db


def waiting(count: int) -> list[FollowUp]:
    agent = AgentFactory(slug="queue-agent")
    rows = FollowUp.objects.bulk_create(
        FollowUp(agent=agent, to_number=f"+1415555{n:04d}", from_number="+14155550000",
                 due_at=timezone.now() - timedelta(seconds=1))
        for n in range(count)
    )  # fmt: skip
    followups_dispatch()
    return rows


def test_due_calls_are_handed_out_once(runtime: APIClient) -> None:
    waiting(3)

    first = runtime.post("/api/v1/outbound-calls/claim/", {"limit": 2}, format="json").json()
    second = runtime.post("/api/v1/outbound-calls/claim/", {"limit": 2}, format="json").json()
    third = runtime.post("/api/v1/outbound-calls/claim/", {}, format="json").json()

    assert len(first) == 2 and len(second) == 1 and third == []
    handed = {call["follow_up_id"] for call in first + second}
    assert len(handed) == 3
    assert first[0]["idempotency_key"].startswith("postcall-follow-up-")
    assert first[0]["agent"] == "queue-agent"


def test_an_answered_call_is_stored_linked_and_analysed(
    runtime: APIClient, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    original = Call.objects.create(
        agent=seed_agent, external_id="orig", started_at=timezone.now(), timezone="UTC"
    )
    row = FollowUp.objects.create(
        agent=seed_agent, source_call=original, to_number="+905321234567",
        from_number="+908501234567", due_at=timezone.now(),
    )  # fmt: skip
    followups_dispatch()
    runtime.post("/api/v1/outbound-calls/claim/", {}, format="json")

    with django_capture_on_commit_callbacks(execute=True):
        response = runtime.post(
            f"/api/v1/outbound-calls/{row.pk}/result/",
            {
                "outcome": "answered",
                "call": {
                    "external_id": "rt-follow-1",
                    "started_at": timezone.now().isoformat(),
                    "transcript": "Agent: Hi Maria!\nUser: Yes, very interested, sign me up.",
                },
            },
            format="json",
        )

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "done"
    call = Call.objects.get(external_id="rt-follow-1")
    assert call.follows_up == original
    assert call.direction == "outbound"
    assert call.latest_run.values["interest_level"] == "high"


def test_busy_books_a_retry_and_a_second_report_is_a_conflict(runtime: APIClient) -> None:
    (row,) = waiting(1)

    busy = runtime.post(
        f"/api/v1/outbound-calls/{row.pk}/result/", {"outcome": "busy"}, format="json"
    )
    again = runtime.post(
        f"/api/v1/outbound-calls/{row.pk}/result/", {"outcome": "busy"}, format="json"
    )

    assert busy.json()["status"] == "pending"
    assert again.status_code == 409
    assert again.json()["error"]["message"] == "This follow-up is pending, not dialing."


def test_follow_ups_can_be_listed_canceled_and_rescheduled(writer: APIClient) -> None:
    agent = AgentFactory(slug="ops")
    row = FollowUp.objects.create(
        agent=agent, to_number="+14155550134", from_number="+14155550000",
        due_at=timezone.now() + timedelta(days=1),
    )  # fmt: skip
    later = (timezone.now() + timedelta(days=2)).isoformat()

    listed = writer.get("/api/v1/follow-ups/?agent=ops&status=pending").json()
    moved = writer.post(
        f"/api/v1/follow-ups/{row.pk}/reschedule/", {"due_at": later}, format="json"
    )
    past = writer.post(
        f"/api/v1/follow-ups/{row.pk}/reschedule/",
        {"due_at": "2020-01-01T00:00:00Z"},
        format="json",
    )
    canceled = writer.post(
        f"/api/v1/follow-ups/{row.pk}/cancel/", {"reason": "asked by phone"}, format="json"
    )
    twice = writer.post(f"/api/v1/follow-ups/{row.pk}/cancel/", {}, format="json")

    assert listed["count"] == 1
    assert moved.status_code == 200
    assert past.status_code == 400
    assert canceled.json()["status"] == "canceled"
    assert canceled.json()["history"][-1]["reason"].startswith("asked by phone (test read+write)")
    assert twice.status_code == 409


def test_deliveries_are_listed_per_call_and_resent(
    writer: APIClient, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    with serving() as receiver:
        agent_import_json(
            agent=seed_agent,
            actions_json=json.dumps(
                {"type": "webhook", "name": "CRM", "config": {"url": f"{receiver.url}/h"}}
            ),
        )
        with django_capture_on_commit_callbacks(execute=True):
            writer.post(
                "/api/v1/calls/",
                {"agent": "solaris", "external_id": "d1", "started_at": "2026-03-10T14:05:00+03:00",
                 "transcript": "Agent: Hi\nUser: Hello"},
                format="json",
            )  # fmt: skip
        call_id = Call.objects.get().pk
        listed = writer.get(f"/api/v1/deliveries/?call={call_id}").json()
        delivery_id = listed["results"][0]["id"]
        with django_capture_on_commit_callbacks(execute=True):
            resent = writer.post(f"/api/v1/deliveries/{delivery_id}/resend/")

    assert listed["count"] == 1
    assert listed["results"][0]["attempts"][0]["status_code"] == 200
    assert resent.status_code == 202
    assert WebhookDelivery.objects.get().attempts.count() == 2
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 1


@pytest.fixture
def transfer_agent(seed_agent: Agent) -> Agent:
    agent_import_json(
        agent=seed_agent,
        actions_json=json.dumps(
            {
                "type": "transfer_call",
                "name": "Hot lead to sales",
                "condition": {"field": "interest_level", "operator": "==", "value": "high"},
                "config": {"to_number": "+14155550134"},
            }
        ),
    )
    return seed_agent


def test_a_live_call_with_a_hot_lead_is_transferred(
    runtime: APIClient, transfer_agent: Agent
) -> None:
    response = runtime.post(
        "/api/v1/transfer-decisions/",
        {
            "agent": "solaris",
            "external_id": "live-1",
            "transcript": [
                {"role": "agent", "text": "Are you interested in a quote?"},
                {"role": "user", "text": "Yes, very interested! I want to sign up today."},
            ],
        },
        format="json",
    )

    decision = response.json()
    assert response.status_code == 200
    assert decision["transfer"] is True
    assert decision["to_number"] == "+14155550134"
    assert decision["action"] == "Hot lead to sales"
    assert decision["values"] == {"interest_level": "high"}  # only the fields conditions need
    assert TransferDecision.objects.get().transfer


def test_a_lukewarm_live_call_stays_and_the_decision_is_tied_to_the_call_later(
    runtime: APIClient, transfer_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    decision = runtime.post(
        "/api/v1/transfer-decisions/",
        {"agent": "solaris", "external_id": "live-2",
         "transcript": "Agent: Interested?\nUser: Not really."},
        format="json",
    ).json()  # fmt: skip

    assert decision["transfer"] is False
    assert decision["reason"] == (
        "Hot lead to sales: interest_level is 'low', condition wants == 'high'"
    )
    with django_capture_on_commit_callbacks(execute=True):
        runtime.post(
            "/api/v1/calls/",
            {"agent": "solaris", "external_id": "live-2",
             "started_at": "2026-03-10T14:05:00+03:00",
             "transcript": "Agent: Interested?\nUser: Not really."},
            format="json",
        )  # fmt: skip
    assert TransferDecision.objects.get().call.external_id == "live-2"
    call = Call.objects.get(external_id="live-2")
    assert call.action_runs.get(action__type="transfer_call").outcome == "not_applicable"


def test_runtime_endpoints_need_the_runtime_scope(writer: APIClient) -> None:
    assert writer.post("/api/v1/outbound-calls/claim/", {}, format="json").status_code == 403
    assert writer.post("/api/v1/transfer-decisions/", {}, format="json").status_code == 403
