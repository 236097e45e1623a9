"""Every way in refuses a call whose text cannot be stored as UTF-8, with the same verdict
on both databases: the service the admin and the voice platforms share, and the admin."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from agents.models import Agent
from calls.models import Call
from calls.services import CallInvalid, call_create

pytestmark = pytest.mark.django_db

STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("transcript", [{"role": "user", "text": "Mar\ud800ia"}]),
        ("transcript", "User: nul \x00 here"),
        ("metadata", {"note": "\udfff"}),
        ("metadata", {"\x00": "key"}),
        ("external_id", "ext-\ud800"),
        ("from_number", "+90\x00532"),
    ],
)
def test_the_call_service_refuses_unstorable_text(seed_agent: Agent, key: str, value) -> None:
    with pytest.raises(CallInvalid) as refused:
        call_create(agent=seed_agent, started_at=STARTED, **{key: value})

    assert key in refused.value.errors
    assert Call.objects.count() == 0


def test_the_admin_refuses_metadata_with_a_lone_surrogate(admin_client, seed_agent) -> None:
    response = admin_client.post(
        reverse("admin:calls_call_add"),
        {
            "agent": seed_agent.pk,
            "started_at_0": "2026-03-10",
            "started_at_1": "14:05:00",
            "timezone": "Europe/Istanbul",
            "direction": "inbound",
            "transcript": "User: my name is Maria.",
            "metadata": '{"note": "Mar\\ud800ia"}',
        },
    )

    assert response.status_code == 200
    assert "surrogate" in response.content.decode()
    assert Call.objects.count() == 0
