"""Every time a person reads or types in the admin is in the call's or the agent's zone,
and says which."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from actions.models import FollowUp
from agents.models import Agent
from calls.models import Call
from calls.services import call_create
from tests.factories import AgentFactory, DeliveryFactory

pytestmark = pytest.mark.django_db


def page(client: Client, name: str, *args: object) -> str:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def test_the_call_page_shows_start_and_end_on_the_call_clock(
    admin_client: Client, seed_agent: Agent
) -> None:
    call, _ = call_create(
        agent=seed_agent,
        external_id="c-times",
        started_at=datetime(2026, 3, 10, 16, 47, tzinfo=UTC),
        ended_at=datetime(2026, 3, 10, 16, 52, tzinfo=UTC),
        transcript="User: Hi",
    )

    html = page(admin_client, "admin:calls_call_change", call.pk)

    assert "Tue 2026-03-10 19:47 +03" in html  # started
    assert "Tue 2026-03-10 19:52 +03" in html  # ended, no longer "4:52 p.m." in UTC
    assert "p.m." not in html
    assert "Times are in Europe/Istanbul." in html


def test_a_follow_up_reads_as_the_analysis_says_it(
    frozen_now: None, admin_client: Client, analysed_call
) -> None:
    followup = FollowUp.objects.get()
    analysis = page(admin_client, "admin:calls_call_analysis", analysed_call.pk)
    due = "Tue 2026-03-17 10:00 +03"
    assert due in analysis

    detail = page(admin_client, "admin:actions_followup_change", followup.pk)
    listing = page(admin_client, "admin:actions_followup_changelist")

    assert due in detail and due in listing
    assert "07:00" not in detail  # the same moment in UTC, unlabelled, as before
    assert "Times are in Europe/Istanbul." in detail
    # The history's own times are on the same clock.
    assert "+03 — booked by" in detail


def test_a_delivery_page_is_on_the_clock_of_its_call(admin_client: Client) -> None:
    call = Call.objects.create(
        agent=AgentFactory(timezone="America/New_York"),
        external_id="ny-1",
        started_at=datetime(2026, 3, 10, 15, 0, tzinfo=UTC),
        timezone="America/New_York",
    )
    delivery = DeliveryFactory(
        call=call, created_at=datetime(2026, 3, 10, 15, 5, tzinfo=UTC), status="failed"
    )

    html = page(admin_client, "admin:actions_webhookdelivery_change", delivery.pk)
    listing = page(admin_client, "admin:actions_webhookdelivery_changelist")

    assert "Tue 2026-03-10 11:05 EDT" in html
    assert "Tue 2026-03-10 11:05 EDT" in listing


def test_a_follow_up_booked_by_hand_is_typed_in_the_agent_zone(admin_client: Client) -> None:
    agent = AgentFactory(timezone="America/New_York", name="NY desk")
    form = page(admin_client, "admin:actions_followup_add")
    assert "NY desk (America/New_York)" in form
    assert "In the agent's time zone" in form

    with time_machine.travel(datetime(2026, 3, 10, 12, 0, tzinfo=UTC), tick=False):
        response = admin_client.post(
            reverse("admin:actions_followup_add"),
            {
                "agent": agent.pk,
                "to_number": "+14155550134",
                "from_number": "+14155550100",
                "due_at_0": "2026-03-11",
                "due_at_1": "10:00:00",
            },
        )

    assert response.status_code == 302
    assert FollowUp.objects.get().due_at == datetime(2026, 3, 11, 14, 0, tzinfo=UTC)


def test_a_call_added_by_hand_starts_on_its_own_clock(admin_client: Client) -> None:
    agent = AgentFactory(timezone="Europe/Istanbul")
    form = page(admin_client, "admin:calls_call_add")
    assert "In the call's time zone" in form

    admin_client.post(
        reverse("admin:calls_call_add"),
        {
            "agent": agent.pk,
            "external_id": "typed-1",
            "direction": "inbound",
            "started_at_0": "2026-03-10",
            "started_at_1": "14:05:00",
            "ended_at_0": "2026-03-10",
            "ended_at_1": "14:09:00",
            "timezone": "America/New_York",
            "transcript": "User: Hi",
            "metadata": "{}",
        },
    )

    call = Call.objects.get(external_id="typed-1")
    assert call.started_at == datetime(2026, 3, 10, 18, 5, tzinfo=UTC)  # 14:05 EDT
    assert call.ended_at - call.started_at == timedelta(minutes=4)


def test_a_reschedule_is_typed_and_shown_in_the_follow_up_zone(
    frozen_now: None, admin_client: Client, analysed_call
) -> None:
    followup = FollowUp.objects.get()
    url = reverse("admin:actions_followup_reschedule", args=[followup.pk])

    form = admin_client.get(url).content.decode()
    assert "In Europe/Istanbul (now +03)." in form
    assert 'value="10:00:00"' in form  # the current due time, on the call's clock

    admin_client.post(
        url,
        {"due_at_0": "2026-03-18", "due_at_1": "11:30:00", "reason": "asked", "apply": "1"},
    )
    followup.refresh_from_db()
    assert followup.due_at == datetime(2026, 3, 18, 8, 30, tzinfo=UTC)
    assert "to Wed 2026-03-18 11:30 +03: asked" in followup.history[-1]["reason"]
