"""An agent whose analyses fail above a rate raises one alert with the latest reason; the
rate falling back sends the recovery. Too few analyses to judge raise nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from agents.models import Agent
from calls.models import RunFailure, RunStatus
from tests.alerts.conftest import SITE, thresholds
from tests.factories import AgentFactory, CallFactory, RunFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent() -> Agent:
    return AgentFactory(name="Solaris sales")


def finished(agent: Agent, *, minutes_ago: float, failed: bool = False) -> None:
    RunFactory(
        call=CallFactory(agent=agent),
        status=RunStatus.FAILED if failed else RunStatus.SUCCEEDED,
        failure_kind=RunFailure.MODEL_REFUSED_REQUEST if failed else "",
        failure_reason="the model answered: I cannot help with that" if failed else "",
        finished_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


def test_failures_above_the_rate_alert_once_and_recover(agent, check, ops_email, frozen) -> None:
    thresholds(failed_runs_percent=20, failed_runs_window_minutes=60, failed_runs_at_least=5)
    for minutes in range(8):
        finished(agent, minutes_ago=50 - minutes)
    finished(agent, minutes_ago=40, failed=True)
    finished(agent, minutes_ago=30, failed=True)
    check()
    assert mail.outbox == []  # 2 of 10: 20 %, not above it

    finished(agent, minutes_ago=10, failed=True)
    check()
    finished(agent, minutes_ago=5, failed=True)
    check()
    assert len(mail.outbox) == 1
    alert = mail.outbox[0]
    assert alert.subject == (
        "Broken: 3 of 11 analyses failed for Solaris sales in the last 60 minutes"
    )
    # 40 minutes before 09:12 UTC, in Istanbul.
    assert "Since: Mon 2026-12-07 11:32 +03 (Europe/Istanbul)" in alert.body
    assert "Last error: The model refused: the model answered: I cannot help with that" in (
        alert.body
    )
    assert (
        f"Fix it: {SITE}/admin/calls/call/?agent__id__exact={agent.pk}&status__exact=failed"
        in alert.body
    )

    frozen.shift(timedelta(minutes=60))
    for minutes in range(5):
        finished(agent, minutes_ago=minutes)
    check()
    assert [message.subject.split(":")[0] for message in mail.outbox] == ["Broken", "Recovered"]


def test_too_few_analyses_are_not_a_rate(agent, check, ops_email, frozen) -> None:
    thresholds(failed_runs_at_least=5)
    for _ in range(4):
        finished(agent, minutes_ago=5, failed=True)
    check()
    assert mail.outbox == []


def test_failures_outside_the_window_do_not_count(agent, check, ops_email, frozen) -> None:
    thresholds(failed_runs_window_minutes=60, failed_runs_at_least=5)
    for _ in range(5):
        finished(agent, minutes_ago=61, failed=True)
    for _ in range(5):
        finished(agent, minutes_ago=5)
    check()
    assert mail.outbox == []
