"""Ops silence one incident (nothing more is sent about it, not even its recovery) or a
kind of alert (its incidents are recorded, no message is sent) from the incidents' list."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from agents.models import Action
from agents.roles import OPS, staff_user_create
from alerts.models import Incident, SilencedKind
from tests.alerts.conftest import crm_action
from tests.fakes.http import Reply

pytestmark = pytest.mark.django_db

INCIDENTS = "/admin/alerts/incident/"


@pytest.fixture
def ops(client: Client) -> Client:
    client.force_login(staff_user_create(username="olga", password="ops-password-1", role=OPS))
    return client


@pytest.fixture
def switched_off(receiver, analyse, check):
    def run() -> None:
        receiver.default = Reply(410, "gone")
        analyse()
        check()

    return run


def test_a_silenced_incident_sends_no_recovery(
    ops: Client, switched_off, check, crm_agent, ops_email, frozen
) -> None:
    switched_off()
    assert len(mail.outbox) == 1
    incident = Incident.objects.get()
    ops.post(INCIDENTS, {"action": "silence", "_selected_action": [incident.pk]})

    Action.objects.filter(pk=crm_action(crm_agent).pk).update(enabled=True, disabled_reason="")
    check()
    incident.refresh_from_db()
    assert incident.closed_at is not None
    assert len(mail.outbox) == 1


def test_a_silenced_kind_records_incidents_and_sends_nothing(
    ops: Client, switched_off, ops_email, frozen
) -> None:
    response = ops.post(
        "/admin/alerts/silencedkind/add/", {"kind": "action_switched_off"}, follow=True
    )
    assert response.status_code == 200
    assert SilencedKind.objects.get().silenced_by == "olga"

    switched_off()
    assert Incident.objects.get().silenced
    assert mail.outbox == []

    listing = ops.get(f"{INCIDENTS}?state=open").content.decode()
    assert "was switched off" in listing
