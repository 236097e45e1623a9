"""A follow-up call the dialer refuses raises one alert for its agent, with the dialer's
answer, however many more fail; a later follow-up that the dialer takes sends the
recovery."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from actions.models import FollowUp, FollowUpStatus
from actions.services import followups_dispatch
from agents.models import Agent
from tests.alerts.conftest import SITE
from tests.factories import AgentFactory, FollowUpFactory
from tests.fakes.http import Reply, Server, serving

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialer(settings) -> Server:
    with serving(Reply(200, {"id": "dial-1"})) as server:
        settings.FOLLOW_UP_DIALER = "http"
        settings.FOLLOW_UP_DIALER_URL = f"{server.url}/dial"
        yield server


@pytest.fixture
def agent() -> Agent:
    return AgentFactory(name="Solaris sales")


def dial(agent: Agent, number: str) -> FollowUp:
    followup = FollowUpFactory(agent=agent, to_number=number, due_at=timezone.now())
    followups_dispatch()
    followup.refresh_from_db()
    return followup


def test_a_refused_dial_alerts_once_and_a_dialled_follow_up_recovers(
    agent, dialer, check, ops_email, frozen
) -> None:
    dialer.default = Reply(400, '{"error": "the caller id +14155550100 is not verified"}')
    assert dial(agent, "+14155550111").status == FollowUpStatus.FAILED
    check()
    frozen.shift(timedelta(minutes=5))
    dial(agent, "+14155550112")
    check()

    assert len(mail.outbox) == 1
    alert = mail.outbox[0]
    assert alert.subject == "Broken: 1 follow-up call of Solaris sales could not be dialled"
    assert "Since: Mon 2026-12-07 12:12 +03 (Europe/Istanbul)" in alert.body
    assert "the caller id +14155550100 is not verified" in alert.body
    assert (
        f"Fix it: {SITE}/admin/actions/followup/?agent__id__exact={agent.pk}"
        "&status__in=failed%2Cexpired" in alert.body
    )

    dialer.default = Reply(200, {"id": "dial-2"})
    frozen.shift(timedelta(minutes=5))
    assert dial(agent, "+14155550113").status != FollowUpStatus.FAILED
    check()
    assert [message.subject.split(":")[0] for message in mail.outbox] == ["Broken", "Recovered"]


def test_follow_ups_that_go_out_raise_nothing(agent, dialer, check, ops_email, frozen) -> None:
    dial(agent, "+14155550111")
    check()
    assert mail.outbox == []
