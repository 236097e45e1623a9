"""With the product page's fields and action as pasted, a follow-up rings at the time
the customer asked for, in the call's zone; a day alone rings at the agent's follow-up
time; the AI Analysis and the trial say which."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from actions.models import FollowUp
from agents.models import Agent
from agents.selectors import agent_action_drafts, agent_field_specs
from calls.models import Call
from calls.services import call_create
from console.trial import agent_trial, trial_call
from extraction.types import Turn

pytestmark = pytest.mark.django_db

ISTANBUL = ZoneInfo("Europe/Istanbul")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def store(django_capture_on_commit_callbacks, seed_agent: Agent):
    def store(said: str, *, started: datetime, zone: str, number: str = "+905321234567"):
        # The call has just ended: its follow-up is still ahead.
        travel = time_machine.travel(started + timedelta(minutes=4), tick=False)
        with travel, django_capture_on_commit_callbacks(execute=True):
            call, _ = call_create(
                agent=seed_agent,
                external_id=f"c-{Call.objects.count()}",
                started_at=started,
                ended_at=started + timedelta(minutes=3),
                timezone=zone,
                from_number=number,
                transcript=f"Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez.\n"
                f"Agent: Shall we call you back?\nUser: {said}",
            )
        call.refresh_from_db()
        return call

    return store


def test_next_tuesday_at_3pm_rings_at_15_00_in_the_calls_zone(store) -> None:
    call = store("Yes, call me next Tuesday at 3pm.", started=datetime(2026, 3, 10, 11, 5,
                 tzinfo=UTC), zone="Europe/Istanbul")  # fmt: skip

    run = call.latest_run
    assert run.values["follow_up_date"] == "2026-03-17"  # the field stays a date
    assert run.times == {"follow_up_date": "15:00"}
    followup = FollowUp.objects.get()
    assert followup.due_at == datetime(2026, 3, 17, 15, 0, tzinfo=ISTANBUL)
    assert any(
        entry["reason"] == "follow_up_date is 2026-03-17 at 15:00 in Europe/Istanbul, the time "
        "the customer asked for"
        for entry in followup.history
    )


def test_a_day_alone_rings_at_the_agents_follow_up_time(store, seed_agent: Agent) -> None:
    call = store("Yes, call me next Tuesday.", started=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
                 zone="Europe/Istanbul")  # fmt: skip

    assert call.latest_run.times == {}
    followup = FollowUp.objects.get()
    assert followup.due_at == datetime(2026, 3, 17, 10, 0, tzinfo=ISTANBUL)
    assert seed_agent.follow_up_time.hour == 10
    assert any("no time of day was said" in entry["reason"] for entry in followup.history)


def test_the_stated_time_holds_across_a_clock_change(store) -> None:
    # Friday 6 March in New York; clocks go forward on Sunday 8 March.
    call = store("Sure, call me Monday at 9 in the morning.", started=datetime(2026, 3, 6, 17,
                 0, tzinfo=UTC), zone="America/New_York", number="+12125550123")  # fmt: skip

    assert call.latest_run.times == {"follow_up_date": "09:00"}
    followup = FollowUp.objects.get()
    assert followup.due_at == datetime(2026, 3, 9, 9, 0, tzinfo=NEW_YORK)
    assert followup.due_at == datetime(2026, 3, 9, 13, 0, tzinfo=UTC)  # EDT, UTC-4


def test_the_ai_analysis_says_which_time_a_follow_up_takes(store, admin_client) -> None:
    timed = store("Yes, call me next Tuesday at 3pm.", started=datetime(2026, 3, 10, 11, 5,
                  tzinfo=UTC), zone="Europe/Istanbul")  # fmt: skip
    untimed = store("Yes, call me next Tuesday.", started=datetime(2026, 3, 10, 11, 5,
                    tzinfo=UTC), zone="Europe/Istanbul", number="+905329998877")  # fmt: skip

    def page(call: Call) -> str:
        url = reverse("admin:calls_call_analysis", args=[call.pk])
        return admin_client.get(url).content.decode()

    assert "at 15:00 Europe/Istanbul, the time the customer asked for" in page(timed)
    assert (
        "no time of day said: a follow-up goes at the agent&#x27;s follow-up time "
        "(10:00 Europe/Istanbul)" in page(untimed)
    )


def test_the_trial_says_which_time_the_follow_up_would_take(seed_agent: Agent) -> None:
    turns = (
        Turn("agent", "Shall we call you back?"),
        Turn("user", "Yes, call me next Tuesday at 3pm. My number is 0532 123 4567."),
    )
    trial = trial_call(agent=seed_agent, turns=turns, local_start=datetime(2026, 3, 10, 14, 5))

    with time_machine.travel(datetime(2026, 3, 10, 11, 10, tzinfo=UTC), tick=False):
        result = agent_trial(
            agent=seed_agent,
            fields=agent_field_specs(agent=seed_agent),
            actions=agent_action_drafts(agent=seed_agent),
            call=trial,
        )

    [follow_up] = result.actions
    assert follow_up.outline.headline == (
        "Follow-up call Tue 2026-03-17 15:00 +03, calling +905321234567"
    )
    assert any(
        "follow_up_date is 2026-03-17 at 15:00 in Europe/Istanbul, the time the customer "
        "asked for" in reason
        for reason in follow_up.outline.reasons
    )
