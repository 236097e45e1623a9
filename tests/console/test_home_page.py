"""The admin's first page says what waits for a person, each count a link to the list of
exactly what it counts, and only what the user's role may open."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection as db_connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agents.models import Agent
from agents.roles import OPS, SUPPORT, staff_user_create
from connectors.models import Delivery, Verdict
from connectors.services import connection_create
from console.home_page import Line, Section
from tests.console.home_waiting import everything_waits

pytestmark = pytest.mark.django_db

HOME = "/admin/"


def sections_of(client: Client) -> dict[str, Section]:
    response = client.get(HOME)
    assert response.status_code == 200
    return {section.title: section for section in response.context["sections"]}


def lines_of(client: Client) -> list[Line]:
    return [line for section in sections_of(client).values() for line in section.lines]


def logged_in(client: Client, role: str) -> Client:
    client.force_login(staff_user_create(username=role.lower(), password="pw", role=role))
    return client


def test_with_nothing_waiting_the_page_says_so(admin_client: Client, seed_agent: Agent) -> None:
    html = admin_client.get(HOME).content.decode()

    assert "Nothing waits for a person." in html
    assert "No call waits for review." in html
    assert "Every action&#x27;s deliveries are going through." in html
    assert "Every platform&#x27;s deliveries are arriving and verified." in html
    assert "No call&#x27;s analysis has failed." in html
    assert "Every follow-up call went out on time." in html
    assert "calls to Solaris sales today (since midnight in Europe/Istanbul)" in html


def test_each_waiting_thing_is_counted_and_its_link_lists_exactly_those(
    admin_client: Client, seed_agent: Agent
) -> None:
    everything_waits(seed_agent, copies=2)

    html = admin_client.get(HOME).content.decode()
    assert "Nothing waits for a person." not in html
    texts = {line.text: line for line in lines_of(admin_client)}
    expected = {
        "calls wait for review": 2,
        "of them has waited longer than 24 hours": 1,
        "calls not analysed: The model refused": 2,
        "calls not analysed: Gave up retrying": 2,
        "follow-ups due in the last 7 days could not be rung (failed or expired)": 2,
        "follow-ups overdue: due more than 10 minutes ago and not handed to a dialer": 2,
    }
    for text, count in expected.items():
        assert texts[text].count == count, text
    failing = next(
        line for line in texts.values() if "deliveries of CRM (Solaris sales)" in line.text
    )
    assert failing.count == 2 and failing.detail == "Last error: HTTP 500: down"
    assert "failing since " in failing.text and failing.text.endswith("+03")
    off = texts["action switched off: Old CRM (Solaris sales)"]
    assert off.detail == "Why: the receiver answered 410 Gone"
    refused = next(line for line in texts.values() if "refused in a row" in line.text)
    assert refused.count == 2 and "Retell AI for Solaris sales" in refused.text
    assert "Signature refused: no signature matches" in refused.detail
    assert refused.url is not None
    assert "2 in a row since" in admin_client.get(refused.url).content.decode()
    shape = next(line for line in texts.values() if "not a finished call's shape" in line.text)
    assert shape.count == 2
    today = next(line for line in texts.values() if line.text.startswith("calls to Solaris"))
    assert today.count == 2 and today.detail == "2 analysed (100% of those with a transcript)"

    for line in texts.values():
        assert line.url is not None
        page = admin_client.get(line.url)
        assert page.status_code == 200, line.text
        if "cl" in page.context and line.count:
            assert page.context["cl"].result_count == line.count, line.text


def test_support_sees_its_lines_and_ops_also_the_voice_platforms(
    client: Client, seed_agent: Agent
) -> None:
    everything_waits(seed_agent)

    support = sections_of(logged_in(client, SUPPORT))
    assert list(support) == [
        "Reviews",
        "Webhooks and actions",
        "Analyses",
        "Follow-up calls",
        "Today's calls",
    ]
    for line in (line for section in support.values() for line in section.lines):
        assert line.url is not None
        assert client.get(line.url).status_code == 200, line.text
    assert "Voice platforms" in sections_of(logged_in(Client(), OPS))


def test_a_user_without_those_permissions_sees_none_of_it(client: Client, seed_agent) -> None:
    everything_waits(seed_agent)
    client.force_login(User.objects.create_user("viewer", password="pw", is_staff=True))

    response = client.get(HOME)

    assert response.context["sections"] == []
    assert "calls wait for review" not in response.content.decode()


def test_the_page_counts_in_as_many_queries_for_many_waiting_as_for_few(
    admin_client: Client, seed_agent: Agent
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(db_connection) as captured:
            assert admin_client.get(HOME).status_code == 200
        return len(captured)

    everything_waits(seed_agent, copies=1)
    few = queries()
    everything_waits(seed_agent, copies=6)

    assert queries() == few


def test_the_lines_alone_answer_the_page_s_refresh(admin_client: Client, seed_agent) -> None:
    everything_waits(seed_agent)

    lines = admin_client.get(reverse("admin:home_lines"))

    assert lines.status_code == 200
    html = lines.content.decode()
    assert "calls wait for review" not in html  # one call is held
    assert re.search(r"<strong class=\"home-count\">1</strong> call waits for review", html)
    assert "<html" not in html
    assert Client().get(reverse("admin:home_lines")).status_code == 302


def test_the_model_list_is_grouped_and_named_for_people(admin_client: Client) -> None:
    groups = {
        app["name"]: [model["name"] for model in app["models"]]
        for app in admin_client.get(HOME).context["app_list"]
    }

    assert groups["Calls"] == ["Calls", "Reviews", "Action decisions"]
    assert groups["Follow-up calls"] == ["Follow-up calls"]
    assert groups["Webhook deliveries"] == ["Webhook deliveries", "Webhook inboxes"]
    assert groups["Voice platforms"] == [
        "Voice platform connections",
        "Received from voice platforms",
    ]
    assert list(groups)[:5] == [
        "Calls",
        "Follow-up calls",
        "Webhook deliveries",
        "Voice platforms",
        "Agents",
    ]


def test_a_connection_quiet_at_hours_it_is_usually_busy_is_flagged(
    admin_client: Client, seed_agent: Agent
) -> None:
    now = timezone.now()
    connection = connection_create(agent=seed_agent, platform="vapi", secret="s", options={})
    for days in range(1, 8):
        for minutes in (10, 40, 70, 100):
            delivery = Delivery.objects.create(
                connection=connection, verdict=Verdict.CREATED, status_code=200, body=b"{}"
            )
            moment = now - timedelta(days=days, minutes=minutes)
            Delivery.objects.filter(pk=delivery.pk).update(received_at=moment)

    def quiet_lines() -> list[Line]:
        return [line for line in lines_of(admin_client) if "in the last 2 hours" in line.text]

    [quiet] = quiet_lines()
    assert quiet.count == 0 and "Vapi for Solaris sales" in quiet.text
    assert quiet.detail == "The same hours of the previous 7 days brought 4.0 on average."

    Delivery.objects.create(
        connection=connection, verdict=Verdict.CREATED, status_code=200, body=b"{}"
    )
    assert quiet_lines() == []
