"""Each user's digest is sent at their hour in their time zone, and tells of the calendar
day before in that zone, which it names."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from postcall_site.scheduler import tick
from tests.alerts.conftest import digest_reader, digests_to
from tests.factories import AgentFactory, CallFactory

pytestmark = pytest.mark.django_db

ISTANBUL = "Europe/Istanbul"  # UTC+3
LOS_ANGELES = "America/Los_Angeles"  # UTC-8 in December


def test_sent_at_seven_in_each_users_zone() -> None:
    digest_reader("ayse", zone=ISTANBUL, hour=7)
    digest_reader("lena", zone=LOS_ANGELES, hour=7)
    # 06:59 in Istanbul, 19:59 the day before in Los Angeles: nobody's hour.
    with time_machine.travel(datetime(2026, 12, 7, 3, 59, tzinfo=UTC), tick=False) as clock:
        tick()
        assert digests_to("ayse@example.com") == []
        assert digests_to("lena@example.com") == []

        clock.move_to(datetime(2026, 12, 7, 4, 0, tzinfo=UTC))
        tick()
        assert digests_to("ayse@example.com") == [
            "Postcall daily digest for 2026-12-06 (Europe/Istanbul)"
        ]
        clock.move_to(datetime(2026, 12, 7, 14, 59, tzinfo=UTC))
        tick()
        assert digests_to("lena@example.com") == []
        assert len(digests_to("ayse@example.com")) == 1

        clock.move_to(datetime(2026, 12, 7, 15, 0, tzinfo=UTC))
        tick()
        assert digests_to("lena@example.com") == [
            "Postcall daily digest for 2026-12-06 (America/Los_Angeles)"
        ]


def test_yesterday_is_the_calendar_day_of_the_users_zone(mailoutbox) -> None:
    digest_reader("ayse", zone=ISTANBUL, hour=7)
    digest_reader("lena", zone=LOS_ANGELES, hour=7)
    agent = AgentFactory(name="Solaris sales")
    # 01:30 on the 7th in Istanbul, 14:30 on the 6th in Los Angeles.
    CallFactory(agent=agent, started_at=datetime(2026, 12, 6, 22, 30, tzinfo=UTC))
    with time_machine.travel(datetime(2026, 12, 7, 4, 0, tzinfo=UTC), tick=False) as clock:
        tick()
        clock.move_to(datetime(2026, 12, 7, 15, 0, tzinfo=UTC))
        tick()
    bodies = {message.to[0]: message.body for message in mailoutbox}
    assert "from midnight to midnight in Europe/Istanbul" in bodies["ayse@example.com"]
    assert "Solaris sales" not in bodies["ayse@example.com"]
    assert "Solaris sales: 1 call, 0 analysed, 0 failed" in bodies["lena@example.com"]
