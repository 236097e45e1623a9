"""A digest is sent once a day per user: however often the scheduler ticks in the hour,
a tick retried, or several schedulers at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from alerts.digests import digests_create, digests_due
from alerts.models import Digest
from postcall_site.scheduler import tick
from tests.alerts.conftest import digest_reader, digests_to

pytestmark = pytest.mark.django_db

SEVEN_IN_ISTANBUL = datetime(2026, 12, 7, 4, 0, tzinfo=UTC)


def test_ticks_through_the_hour_send_one_a_day() -> None:
    digest_reader("olga")
    with time_machine.travel(SEVEN_IN_ISTANBUL, tick=False) as clock:
        for _ in range(4):
            tick()
            clock.shift(timedelta(minutes=15))
        clock.move_to(SEVEN_IN_ISTANBUL + timedelta(days=1))
        tick()
        tick()
    assert digests_to("olga@example.com") == [
        "Postcall daily digest for 2026-12-06 (Europe/Istanbul)",
        "Postcall daily digest for 2026-12-07 (Europe/Istanbul)",
    ]


def test_two_schedulers_at_once_record_and_send_one() -> None:
    digest_reader("olga")
    with time_machine.travel(SEVEN_IN_ISTANBUL, tick=False):
        # The second scheduler found the digest due before the first one recorded it.
        seen_by_second = digests_due(SEVEN_IN_ISTANBUL)
        tick()
        Digest.objects.bulk_create(seen_by_second, ignore_conflicts=True)
        digests_create()
        tick()
    assert Digest.objects.count() == 1
    assert len(mail.outbox) == 1
