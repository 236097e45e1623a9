"""A hand-off whose outcome is unknown is repeated with its key, or not at all; one the
dialer answered starts a new attempt with a new key."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from actions.followup_dispatch import followups_dispatch
from actions.followups import followup_book
from actions.models import FollowUp, FollowUpStatus
from tests.factories import FollowUpFactory
from tests.fakes.http import Reply, serving
from tests.processes import ROOT

pytestmark = pytest.mark.django_db

SLOW = Reply(201, {"id": "late"}, delay=3)  # answers after the dialer's read timeout


@pytest.fixture
def http_dialer(settings):
    with serving() as server:
        settings.FOLLOW_UP_DIALER = "http"
        settings.FOLLOW_UP_DIALER_URL = f"{server.url}/calls"
        settings.FOLLOW_UP_DIALER_TIMEOUT_SECONDS = 0.5
        settings.FOLLOW_UP_DIAL_RETRY_MINUTES = [5, 30, 120]
        yield server


@pytest.fixture
def twilio(settings):
    with serving() as server:
        settings.FOLLOW_UP_DIALER = "twilio"
        settings.TWILIO_API_BASE_URL = server.url
        settings.TWILIO_ACCOUNT_SID = "AC1"
        settings.TWILIO_AUTH_TOKEN = "tok"
        settings.TWILIO_CALL_WEBHOOK_URL = "https://voice.example.com/twiml"
        settings.FOLLOW_UP_DIALER_TIMEOUT_SECONDS = 0.5
        yield server


def due() -> FollowUp:
    return FollowUpFactory(due_at=timezone.now() - timedelta(seconds=1))


def dispatch_after(minutes: int) -> None:
    with time_machine.travel(timezone.now() + timedelta(minutes=minutes), tick=False):
        followups_dispatch()


def test_a_timed_out_dial_is_repeated_with_its_key_and_an_answered_failure_is_not(
    http_dialer,
) -> None:
    http_dialer.then(SLOW, Reply(503, "busy"), Reply(201, {"id": "dial-9"}))
    row = due()

    followups_dispatch()
    dispatch_after(6)
    dispatch_after(40)

    first, second, third = (r.headers["idempotency-key"] for r in http_dialer.received)
    assert first == second == f"postcall-follow-up-{row.pk}-attempt-1"
    assert third == f"postcall-follow-up-{row.pk}-attempt-3"
    row.refresh_from_db()
    assert row.dialer_reference == "dial-9"
    assert row.history[1]["reason"].startswith("dialer unreachable: timed out")


def test_a_timed_out_twilio_dial_ends_the_follow_up_saying_the_call_may_be_placed(
    twilio,
) -> None:
    twilio.then(SLOW)
    row = due()

    followups_dispatch()
    dispatch_after(6)

    assert len(twilio.received) == 1
    row.refresh_from_db()
    assert row.status == FollowUpStatus.FAILED
    reason = row.history[-1]["reason"]
    assert reason.startswith("the call may already have been placed by the twilio dialer")
    assert reason.endswith(
        "not dialled again: the twilio dialer cannot recognise a repeated request"
    )


def test_a_twilio_dial_that_never_connected_is_retried(twilio, settings) -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        settings.TWILIO_API_BASE_URL = f"http://127.0.0.1:{unused.getsockname()[1]}"
        row = due()
        followups_dispatch()

    row.refresh_from_db()
    assert row.status == FollowUpStatus.PENDING
    assert "connection failed" in row.history[-1]["reason"]
    settings.TWILIO_API_BASE_URL = twilio.url
    twilio.then(Reply(201, {"sid": "CA9"}))
    dispatch_after(6)
    row.refresh_from_db()
    assert row.dialer_reference == "CA9"
    assert len(twilio.received) == 1


def test_a_dialer_whose_worst_case_outlives_the_task_timeout_is_refused() -> None:
    env = {
        **os.environ,
        "FOLLOW_UP_DIALER": "http",
        "FOLLOW_UP_DIALER_URL": "https://dialer.example.com/calls",
        "FOLLOW_UP_DIALER_TIMEOUT_SECONDS": "30",
        "Q_TASK_TIMEOUT": "30",
    }
    checked = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )

    assert checked.returncode != 0
    assert (
        "FOLLOW_UP_DIALER_CONNECT_TIMEOUT_SECONDS + FOLLOW_UP_DIALER_TIMEOUT_SECONDS must be "
        "at least 2 s shorter than Q_TASK_TIMEOUT."
    ) in checked.stderr


def test_a_rebooked_follow_up_is_a_new_call_with_a_new_key(http_dialer) -> None:
    http_dialer.then(SLOW, Reply(201, {"id": "dial-2"}))
    row = due()
    followups_dispatch()

    followup_book(
        agent=row.agent,
        to_number=row.to_number,
        reasons=["booked by hand by ops"],
        due_at=timezone.now() + timedelta(minutes=1),
    )
    dispatch_after(2)

    first, second = (r.headers["idempotency-key"] for r in http_dialer.received)
    assert first == f"postcall-follow-up-{row.pk}-attempt-1"
    assert second == f"postcall-follow-up-{row.pk}-attempt-2"
