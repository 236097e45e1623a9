"""The scheduler looks for what broke every ALERTS_CHECK_SECONDS, however many schedulers
run and however often they tick, and sends what it found through the queue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

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
