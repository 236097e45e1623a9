"""An action Postcall switches off (its receiver answered 410 Gone) raises one alert with
the receiver's answer; switching it on again sends the recovery. A person's own switch is
not alerted on."""

from __future__ import annotations

import pytest
from django.core import mail

from agents.models import Action
from alerts.models import Incident, IncidentKind
from tests.alerts.conftest import SITE, crm_action
from tests.fakes.http import Reply

pytestmark = pytest.mark.django_db


def test_an_action_switched_off_alerts_once_and_recovers_when_switched_on(
    analyse, check, crm_agent, ops_email, receiver, frozen
) -> None:
    receiver.default = Reply(410, "this endpoint was removed")
    analyse()
    check()
    check()

    assert len(mail.outbox) == 1
    alert = mail.outbox[0]
    assert alert.subject == (
        "Broken: CRM lead (Solaris sales) was switched off: "
        "the receiver answered 410 Gone on 2026-12-07 09:12 UTC"
    )
    assert "Since: Mon 2026-12-07 12:12 +03 (Europe/Istanbul)" in alert.body
    assert "Last error: receiver answered 410: this endpoint was removed" in alert.body
    assert f"Fix it: {SITE}/admin/agents/agent/{crm_agent.pk}/change/" in alert.body

    Action.objects.filter(pk=crm_action(crm_agent).pk).update(enabled=True, disabled_reason="")
    check()
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject.startswith("Recovered: CRM lead (Solaris sales) was switched off")


def test_an_action_a_person_switched_off_is_not_alerted_on(
    check, crm_agent, ops_email, frozen
) -> None:
    Action.objects.filter(pk=crm_action(crm_agent).pk).update(enabled=False)
    check()
    assert mail.outbox == []
    assert not Incident.objects.filter(kind=IncidentKind.ACTION_SWITCHED_OFF).exists()
