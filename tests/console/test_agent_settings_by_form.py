"""The agent's settings are typed the way a person thinks of them: calling days as day
checkboxes, the time zone picked from a searchable list."""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from agents.models import Agent
from tests.console.agent_page import page_data

pytestmark = pytest.mark.django_db


def change_url(agent: Agent) -> str:
    return reverse("admin:agents_agent_change", args=[agent.pk])


def test_ticked_days_are_stored_as_the_weekday_numbers(
    admin_client: Client, seed_agent: Agent
) -> None:
    response = admin_client.post(
        change_url(seed_agent), {**page_data(seed_agent), "calling_days": ["0", "2", "4"]}
    )

    assert response.status_code == 302
    seed_agent.refresh_from_db()
    assert seed_agent.calling_days == [0, 2, 4]
    page = unescape(admin_client.get(change_url(seed_agent)).content.decode())
    for day, ticked in (("Monday", True), ("Tuesday", False), ("Friday", True)):
        checkbox = page[: page.index(f" {day}</label>")].rsplit("<input", 1)[1]
        assert ("checked" in checkbox) is ticked, day


def test_no_day_ticked_means_every_day(admin_client: Client, seed_agent: Agent) -> None:
    seed_agent.calling_days = [1]
    seed_agent.save()
    data = page_data(seed_agent)
    del data["calling_days"]

    admin_client.post(change_url(seed_agent), data)

    seed_agent.refresh_from_db()
    assert seed_agent.calling_days == []


def test_a_day_that_does_not_exist_is_refused_and_nothing_saved(
    admin_client: Client, seed_agent: Agent
) -> None:
    response = admin_client.post(
        change_url(seed_agent), {**page_data(seed_agent), "calling_days": ["7"]}
    )

    assert response.status_code == 200
    assert "Select a valid choice. 7 is not one of the available choices." in unescape(
        response.content.decode()
    )
    seed_agent.refresh_from_db()
    assert seed_agent.calling_days == []


def test_the_zone_is_picked_from_every_iana_zone_and_checked(
    admin_client: Client, seed_agent: Agent
) -> None:
    page = admin_client.get(change_url(seed_agent)).content.decode()

    assert 'list="id_timezone-zones"' in page
    assert '<option value="Europe/Istanbul">' in page
    assert '<option value="America/Argentina/Buenos_Aires">' in page
    refused = admin_client.post(
        change_url(seed_agent), {**page_data(seed_agent), "timezone": "Europe/Stambul"}
    )
    assert refused.status_code == 200
    assert "'Europe/Stambul' is not an IANA time zone" in unescape(refused.content.decode())
    seed_agent.refresh_from_db()
    assert seed_agent.timezone == "Europe/Istanbul"
