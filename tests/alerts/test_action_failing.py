"""An action whose deliveries fail N times in a row raises one alert, however many more
fail, and a delivery that goes through again sends the recovery."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

from alerts.models import Incident, IncidentKind
from tests.alerts.conftest import SITE, crm_action, thresholds
from tests.fakes.http import Reply

pytestmark = pytest.mark.django_db


def test_n_failures_in_a_row_send_one_alert_and_a_success_the_recovery(
    analyse, check, crm_agent, ops_email, receiver, frozen
) -> None:
    thresholds(failed_deliveries_in_a_row=3)
    for _ in range(2):
        analyse()
    check()
    assert mail.outbox == []

    analyse()
    check()
    assert len(mail.outbox) == 1
    alert = mail.outbox[0]
    action = crm_action(crm_agent)
    assert alert.to == ["ops@example.com"]
    assert alert.subject == "Broken: 3 deliveries of CRM lead (Solaris sales) failed in a row"
    # 09:12 UTC is 12:12 in Istanbul, the agent's zone.
    assert "Since: Mon 2026-12-07 12:12 +03 (Europe/Istanbul)" in alert.body
    assert 'Last error: receiver answered 500: {"error": "CRM database is down"}' in alert.body
    assert (
        f"Fix it: {SITE}/admin/actions/webhookdelivery/?action__id__exact={action.pk}&failing=yes"
        in alert.body
    )

    for _ in range(3):
        analyse()
        check()
    assert len(mail.outbox) == 1

    receiver.default = Reply(200)
    frozen.shift(timedelta(minutes=30))
    analyse()
    check()
    assert len(mail.outbox) == 2
    recovery = mail.outbox[1]
    assert recovery.subject == "Recovered: 3 deliveries of CRM lead (Solaris sales) failed in a row"
    assert "Broken since: Mon 2026-12-07 12:12 +03 (Europe/Istanbul)" in recovery.body
    assert "Working again at: Mon 2026-12-07 12:42 +03 (Europe/Istanbul)" in recovery.body
    assert Incident.objects.get(kind=IncidentKind.ACTION_FAILING).closed_at is not None


def test_a_success_between_failures_breaks_the_run(
    analyse, check, ops_email, receiver, frozen
) -> None:
    thresholds(failed_deliveries_in_a_row=3)
    receiver.then(Reply(500), Reply(500), Reply(200), Reply(500), Reply(500))
    for _ in range(5):
        analyse()
    check()
    assert mail.outbox == []
    assert not Incident.objects.exists()


def test_failing_again_after_recovering_is_a_new_incident(
    analyse, check, ops_email, receiver, frozen
) -> None:
    thresholds(failed_deliveries_in_a_row=2)
    receiver.then(Reply(500), Reply(500), Reply(200), Reply(500), Reply(500))
    for _ in range(2):
        analyse()
    check()
    analyse()
    check()
    for _ in range(2):
        analyse()
    check()
    assert [message.subject.split(":")[0] for message in mail.outbox] == [
        "Broken",
        "Recovered",
        "Broken",
    ]
    assert Incident.objects.filter(closed_at__isnull=True).count() == 1
