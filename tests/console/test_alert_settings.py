"""Ops set where alerts go and their thresholds in the admin: email addresses are checked,
a Slack or Teams webhook URL is checked where it leads and never shown again."""

from __future__ import annotations

import pytest
from django.test import Client

from agents.models import Agent
from agents.roles import OPS, staff_user_create
from alerts.models import AlertDestination, AlertRules, Channel
from tests.factories import AgentFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/alerts/alertdestination/add/"
SLACK_URL = "https://hooks.slack.com/services/T000/B000/secret-part-of-the-url"


@pytest.fixture
def ops(client: Client) -> Client:
    client.force_login(staff_user_create(username="olga", password="ops-password-1", role=OPS))
    return client


@pytest.fixture
def agent() -> Agent:
    return AgentFactory(name="Solaris sales")


def add(client: Client, **fields: object) -> object:
    return client.post(ADD, {"enabled": "on", "agent": "", **fields})


def test_a_slack_webhook_url_is_kept_and_never_shown(ops: Client, agent: Agent, settings) -> None:
    settings.SLACK_WEBHOOK_BASE_URL = "https://hooks.slack.com/"
    response = add(ops, agent=agent.pk, channel=Channel.SLACK, webhook_url=SLACK_URL)
    assert response.status_code == 302
    destination = AlertDestination.objects.get()
    assert (destination.agent, destination.target) == (agent, SLACK_URL)

    listing = ops.get("/admin/alerts/alertdestination/").content.decode()
    page = ops.get(f"/admin/alerts/alertdestination/{destination.pk}/change/").content.decode()
    assert "(stored, not shown)" in listing
    assert "secret-part-of-the-url" not in listing + page

    ops.post(
        f"/admin/alerts/alertdestination/{destination.pk}/change/",
        {"agent": agent.pk, "channel": Channel.SLACK, "webhook_url": ""},
    )
    destination.refresh_from_db()
    assert (destination.target, destination.enabled) == (SLACK_URL, False)


def test_a_webhook_url_that_cannot_be_reached_is_refused_with_why(ops: Client) -> None:
    response = add(ops, channel=Channel.TEAMS, webhook_url="http://10.1.2.3/workflow")
    assert response.status_code == 200
    assert "refused: 10.1.2.3 resolves to 10.1.2.3 is a private address" in (
        response.content.decode()
    )

    response = add(ops, channel=Channel.SLACK, webhook_url="https://example.com/hook")
    assert "a Slack incoming webhook URL starts with https://hooks.slack.com/" in (
        response.content.decode()
    )
    assert not AlertDestination.objects.exists()


def test_email_addresses_are_checked_one_by_one(ops: Client) -> None:
    response = add(ops, channel=Channel.EMAIL, addresses="ops@example.com, on call")
    assert "&#x27;on call&#x27; is not an email address." in response.content.decode()

    add(ops, channel=Channel.EMAIL, addresses="ops@example.com; oncall@example.com")
    assert AlertDestination.objects.get().target == "ops@example.com, oncall@example.com"


def test_the_thresholds_open_from_the_list_and_are_saved(ops: Client) -> None:
    response = ops.get("/admin/alerts/alertrules/")
    assert response.status_code == 302
    page = ops.get(response["Location"]).content.decode()
    assert 'name="failed_deliveries_in_a_row" value="5"' in page

    ops.post(
        response["Location"],
        {
            "failed_deliveries_in_a_row": 3,
            "refused_requests_in_a_row": 10,
            "failed_runs_percent": 50,
            "failed_runs_window_minutes": 30,
            "failed_runs_at_least": 4,
        },
    )
    rules = AlertRules.objects.get()
    assert (rules.failed_deliveries_in_a_row, rules.refused_requests_in_a_row) == (3, 10)
    assert (
        rules.failed_runs_percent,
        rules.failed_runs_window_minutes,
        rules.failed_runs_at_least,
    ) == (50, 30, 4)
