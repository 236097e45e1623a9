"""Minutes after midnight in the agent's zone, the home page's calls of today are the ones
since that midnight, however near it they came."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from agents.models import Agent
from tests.console.home_waiting import everything_waits
from tests.console.test_home_page import lines_of

pytestmark = pytest.mark.django_db


def test_calls_just_after_the_agents_midnight_are_todays(
    admin_client: Client, seed_agent: Agent
) -> None:
    just_after = datetime(2026, 12, 8, 0, 2, tzinfo=ZoneInfo(seed_agent.timezone))
    with time_machine.travel(just_after, tick=False):
        everything_waits(seed_agent, copies=2)
        today = next(
            line for line in lines_of(admin_client) if line.text.startswith("calls to Solaris")
        )

    assert today.count == 2
    assert "since midnight in Europe/Istanbul" in today.text
