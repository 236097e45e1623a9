"""The digest tells of yesterday: calls per agent, the values that fired actions, the
reviews done and what failed, each with a link to the admin list it sums up, and only
what the reader's permissions let them see."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client

from actions.models import ActionRun, FollowUpStatus, Outcome, Review, ReviewStatus
from agents.models import Agent
from calls.models import RunFailure
from postcall_site.scheduler import tick
from tests.alerts.conftest import SITE, digest_reader
from tests.factories import (
    ActionFactory,
    AgentFactory,
    AnalysedCallFactory,
    CallFactory,
    DeliveryFactory,
    FailedCallFactory,
    FollowUpFactory,
    RunFactory,
)

pytestmark = pytest.mark.django_db

YESTERDAY = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)  # 13:00 in Istanbul
SEVEN_IN_ISTANBUL = datetime(2026, 12, 7, 4, 0, tzinfo=UTC)
INTERESTED = {"field": "interest", "operator": "equals", "value": "yes"}


def fired(agent: Agent, values: dict[str, str]) -> None:
    call = AnalysedCallFactory(agent=agent, started_at=YESTERDAY, values=values)
    ActionRun.objects.create(
        action=agent.actions.get(name="CRM lead"),
        call=call,
        extraction_run=call.latest_run,
        outcome=Outcome.FIRED,
        reason="interest equals yes",
        condition=INTERESTED,
    )


@pytest.fixture
def yesterday() -> None:
    """A day of Solaris sales: 5 calls analysed (3 fired the CRM lead, 2 reviewed), one
    failed, a delivery given up, a follow-up not rung; and a call the day before."""
    with time_machine.travel(YESTERDAY, tick=False):
        agent = AgentFactory(name="Solaris sales")
        crm = ActionFactory(
            agent=agent,
            name="CRM lead",
            type="webhook",
            config={"url": "https://crm.example.com/hooks"},
        )
        for name in ("Maria", "Ali", "Can"):
            fired(agent, {"interest": "yes", "name": name})
        released = AnalysedCallFactory(agent=agent, started_at=YESTERDAY)
        Review.objects.create(
            call=released,
            extraction_run=released.latest_run,
            status=ReviewStatus.RELEASED,
            decided_by="olga",
            decided_at=YESTERDAY,
            corrected=["name", "follow_up_date"],
        )
        discarded = AnalysedCallFactory(agent=agent, started_at=YESTERDAY)
        Review.objects.create(
            call=discarded,
            extraction_run=discarded.latest_run,
            status=ReviewStatus.REJECTED,
            decided_by="olga",
            decided_at=YESTERDAY,
        )
        failed = FailedCallFactory(agent=agent, started_at=YESTERDAY)
        RunFactory(
            call=failed,
            failed=True,
            failure_kind=RunFailure.MODEL_REFUSED_REQUEST,
            finished_at=YESTERDAY,
        )
        DeliveryFactory(action=crm, failed=True, finished_at=YESTERDAY)
        FollowUpFactory(agent=agent, status=FollowUpStatus.FAILED)
        CallFactory(agent=agent, started_at=datetime(2026, 12, 5, 10, 0, tzinfo=UTC))


def digest_body() -> str:
    with time_machine.travel(SEVEN_IN_ISTANBUL, tick=False):
        tick()
    [message] = mail.outbox
    return message.body


def test_the_digest_sums_up_yesterday(yesterday) -> None:
    digest_reader("olga")
    body = digest_body()
    assert "Sunday 06 December 2026, from midnight to midnight in Europe/Istanbul" in body
    assert "Solaris sales: 6 calls, 5 analysed, 1 failed" in body
    assert "CRM lead (Solaris sales): fired 3 times" in body
    assert body.count("  e.g. call ") == 3
    assert 'interest="yes"' in body
    assert "1 released, 1 discarded" in body
    assert "Corrected fields: follow_up_date (1), name (1)" in body
    assert "CRM lead (Solaris sales): 1 delivery given up" in body
    assert "1 follow-up call could not be rung" in body
    assert "The model refused: 1 run" in body


def test_each_link_opens_the_admin_list_it_sums_up(yesterday, client: Client) -> None:
    olga = digest_reader("olga")
    links = [line.split(": ", 1)[1] for line in digest_body().splitlines() if "See them" in line]
    assert len(links) == 6
    client.force_login(olga)
    shown: list[int] = []
    for link in links:
        assert link.startswith(f"{SITE}/admin/")
        url = urlsplit(link)
        response = client.get(f"{url.path}?{url.query}")
        # The admin sends a filter it does not accept to "?e=1".
        assert response.status_code == 200, link
        shown.append(response.context["cl"].result_count)
    # Calls, fired, reviews, deliveries, follow-ups, failed analyses.
    assert shown == [6, 3, 2, 1, 1, 1]


def test_only_what_the_reader_may_see(yesterday) -> None:
    reader = digest_reader("sam")
    reader.groups.clear()
    reader.user_permissions.add(Permission.objects.get(codename="view_call"))
    body = digest_body()
    assert "Solaris sales: 6 calls" in body
    assert "CRM lead" not in body
    assert "Reviews done" not in body
    assert "The model refused" not in body
