"""A digest the mail server does not take is retried on the alert messages' schedule,
logged, and sent once the server is back."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from alerts.models import Digest, MessageStatus
from postcall_site.scheduler import tick
from tests.alerts.conftest import digest_reader, digests_to

pytestmark = pytest.mark.django_db

SEVEN_IN_ISTANBUL = datetime(2026, 12, 7, 4, 0, tzinfo=UTC)


def test_retried_until_the_mail_server_takes_it(settings, closed_port: int, caplog) -> None:
    digest_reader("olga")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    with time_machine.travel(SEVEN_IN_ISTANBUL, tick=False) as clock:
        with caplog.at_level(logging.WARNING, logger="alerts.sending"):
            tick()
        digest = Digest.objects.get()
        assert (digest.status, digest.attempts) == (MessageStatus.PENDING, 1)
        # ALERT_RETRY's first delay, 10 s, with its 10 % jitter.
        waited = digest.next_attempt_at - SEVEN_IN_ISTANBUL
        assert timedelta(seconds=9) <= waited <= timedelta(seconds=11)
        assert "the mail server refused or was unreachable" in digest.last_error
        assert "retrying in" in caplog.text

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        tick()
        assert digests_to("olga@example.com") == []
        clock.shift(timedelta(seconds=12))
        tick()
    assert digests_to("olga@example.com") == [
        "Postcall daily digest for 2026-12-06 (Europe/Istanbul)"
    ]
    assert Digest.objects.get().status == MessageStatus.SENT
