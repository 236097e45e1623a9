"""Alerts reach Slack and Teams incoming webhooks as each documents them, go to the site's
destinations and to those of the agent concerned only, and a destination that fails is
retried on schedule, logged and shown on the incident's page, never alerted on."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from agents.roles import OPS, staff_user_create
from alerts.models import AlertDestination, AlertMessage, Channel, Incident, MessageStatus
from alerts.sending import alert_messages_dispatch
from tests.alerts.conftest import SITE
from tests.factories import AgentFactory
from tests.fakes.http import Reply, Server, serving

pytestmark = pytest.mark.django_db

SUBJECT = (
    "Broken: CRM lead (Solaris sales) was switched off: "
    "the receiver answered 410 Gone on 2026-12-07 09:12 UTC"
)


@pytest.fixture
def gone(receiver: Server, analyse, check):
    """The CRM's receiver is removed; the check finds the action switched off."""

    def run() -> None:
        receiver.default = Reply(410, "this endpoint was removed")
        analyse()
        check()

    return run


@pytest.fixture
def teams() -> Server:
    with serving(Reply(202)) as server:
        yield server


def test_slack_gets_the_alert_of_its_agent_only(slack, crm_agent, gone, frozen) -> None:
    AlertDestination.objects.create(
        agent=crm_agent, channel=Channel.SLACK, target=slack.webhook_url
    )
    other = AgentFactory()
    AlertDestination.objects.create(
        agent=other, channel=Channel.SLACK, target=f"{slack.webhook_url}?other"
    )
    gone()

    assert slack.refused == []
    assert len(slack.server.received) == 1
    [message] = slack.messages
    assert message["text"] == SUBJECT
    shown = str(message["blocks"])
    assert "*Last error:* receiver answered 410: this endpoint was removed" in shown
    assert f"<{SITE}/admin/agents/agent/{crm_agent.pk}/change/|Fix it>" in shown


def test_teams_gets_an_adaptive_card(teams, crm_agent, gone, frozen) -> None:
    AlertDestination.objects.create(channel=Channel.TEAMS, target=f"{teams.url}/workflow")
    gone()

    [request] = teams.received
    assert request.path == "/workflow"
    assert request.headers["content-type"] == "application/json"
    [attachment] = request.json()["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert (card["type"], card["version"]) == ("AdaptiveCard", "1.4")
    assert card["body"][0]["text"] == SUBJECT
    facts = {fact["title"]: fact["value"] for fact in card["body"][1]["facts"]}
    assert facts["Since"] == "Mon 2026-12-07 12:12 +03 (Europe/Istanbul)"
    assert facts["Last error"] == "receiver answered 410: this endpoint was removed"
    assert card["actions"] == [
        {
            "type": "Action.OpenUrl",
            "title": "Fix it",
            "url": f"{SITE}/admin/agents/agent/{crm_agent.pk}/change/",
        }
    ]


def test_a_failing_destination_is_retried_and_logged_not_alerted_on(
    client, teams, crm_agent, gone, frozen, caplog, django_capture_on_commit_callbacks
) -> None:
    AlertDestination.objects.create(channel=Channel.TEAMS, target=f"{teams.url}/workflow")
    teams.then(Reply(503, "Teams is busy"))
    with caplog.at_level(logging.WARNING, logger="alerts.sending"):
        gone()

    message = AlertMessage.objects.get()
    assert (message.status, message.attempts) == (MessageStatus.PENDING, 1)
    assert message.last_error == "Teams answered 503: Teams is busy"
    assert "not sent (attempt 1, retrying in" in caplog.text
    assert Incident.objects.count() == 1
    client.force_login(staff_user_create(username="olga", password="ops-password-1", role=OPS))
    page = client.get(f"/admin/alerts/incident/{message.incident_id}/change/")
    assert "Teams answered 503: Teams is busy" in page.content.decode()

    later = timezone.now() + timedelta(seconds=12)
    with (
        time_machine.travel(later, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert alert_messages_dispatch() == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.SENT, 2)
    assert len(teams.received) == 2
    assert Incident.objects.count() == 1


def test_a_refused_webhook_is_given_up_at_once(teams, crm_agent, gone, frozen, caplog) -> None:
    AlertDestination.objects.create(channel=Channel.TEAMS, target=f"{teams.url}/workflow")
    teams.default = Reply(404, "Workflow not found")
    with caplog.at_level(logging.WARNING, logger="alerts.sending"):
        gone()

    message = AlertMessage.objects.get()
    assert (message.status, message.next_attempt_at) == (MessageStatus.FAILED, None)
    assert "given up" in caplog.text
    assert alert_messages_dispatch() == 0
