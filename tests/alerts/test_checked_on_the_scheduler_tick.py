"""The scheduler looks for what broke every ALERTS_CHECK_SECONDS, however many schedulers
run and however often they tick, and sends what it found through the queue; a check that
fails leaves the others running."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.db import OperationalError

from alerts.checks import CHECKS, Finding
from alerts.models import AlertRules, IncidentKind
from postcall_site.scheduler import tick
from tests.fakes.http import Reply

pytestmark = pytest.mark.django_db


def test_the_tick_checks_once_a_period_and_sends_the_alert(
    settings, analyse, receiver, ops_email, frozen, django_capture_on_commit_callbacks
) -> None:
    settings.ALERTS_CHECK_SECONDS = 60
    assert tick()["incidents"] == 0

    receiver.default = Reply(410, "gone")
    analyse()
    frozen.shift(timedelta(seconds=59))
    assert tick()["incidents"] == 0
    assert mail.outbox == []

    frozen.shift(timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert tick()["incidents"] == 1
    assert [message.subject.split(":")[0] for message in mail.outbox] == ["Broken"]
    assert tick()["incidents"] == 0


def test_a_check_that_fails_is_logged_and_the_others_still_run(
    monkeypatch, analyse, receiver, check, ops_email, frozen, caplog
) -> None:
    def broken(rules: AlertRules, now: datetime) -> list[Finding]:
        raise OperationalError("canceling statement due to statement timeout")

    monkeypatch.setitem(CHECKS, IncidentKind.ACTION_FAILING, broken)
    receiver.default = Reply(410, "gone")
    analyse()
    with caplog.at_level(logging.ERROR, logger="alerts.services"):
        assert check() == 1
    assert "the action_failing check failed" in caplog.text
    assert [message.subject.split(":")[0] for message in mail.outbox] == ["Broken"]
