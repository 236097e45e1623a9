"""Try on recent calls from the agent page: the page's config as typed runs on the agent's
latest calls through the task workers, with a progress bar, and shows per field what would
change; nothing is stored on the calls and nothing is sent."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import ActionRun, FollowUp, WebhookDelivery
from agents.models import Agent, TrialRun
from agents.roles import SUPPORT, staff_user_create
from calls.models import Call, ExtractionRun
from tests.console.agent_page import action_rows, field_rows, page_data
from tests.factories import AnalysedCallFactory, CallFactory
from tests.fakes.http import serving

pytestmark = pytest.mark.django_db
MARIA = [
    {"role": "agent", "text": "Who am I speaking with?"},
    {"role": "user", "text": "My name is Maria Gonzalez."},
]


def start_url(agent: Agent) -> str:
    return reverse("admin:agents_agent_try_recent", args=[agent.pk])


def text(content: bytes) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content.decode())).split())


def analysed_calls(agent: Agent, count: int, **values: object) -> list[Call]:
    return [AnalysedCallFactory(agent=agent, transcript=MARIA, values=values) for _ in range(count)]


def counts() -> list[int]:
    return [
        model.objects.count()
        for model in (Call, ExtractionRun, ActionRun, FollowUp, WebhookDelivery)
    ]


def test_the_page_config_runs_on_recent_calls_and_shows_what_would_change(
    admin_client: Client, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    calls = analysed_calls(seed_agent, 3, customer_name="Maria")
    analysed_calls(seed_agent, 1, customer_name="Maria Gonzalez")
    CallFactory(agent=seed_agent, transcript=[], status="no_transcript")

    with django_capture_on_commit_callbacks(execute=True):
        started = admin_client.post(
            start_url(seed_agent), {**page_data(seed_agent), "recent-limit": "10"}
        )
    shown = admin_client.get(started.json()["url"])

    assert started.json()["total"] == 4
    page = text(shown.content)
    assert "4 of 4 calls tried (100%) — done" in page
    assert 'value="100"' in shown.content.decode()
    assert "customer_name 3 of 4" in page
    assert "interest_level 0 of 4" in page
    assert "customer_name: 3 call(s) would change" in page
    for call in calls:
        assert f"{call.external_id} Tue 2026-03-10 14:05 +03 Maria Maria Gonzalez" in page


def test_unsaved_edits_are_what_is_tried(
    admin_client: Client, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    analysed_calls(seed_agent, 2, customer_name="Maria Gonzalez")
    fields = field_rows(seed_agent)
    fields[0]["name"] = "caller_name"  # the stored config has no such field
    data = {**page_data(seed_agent, fields=fields), "recent-limit": "2"}

    with django_capture_on_commit_callbacks(execute=True):
        started = admin_client.post(start_url(seed_agent), data)

    page = text(admin_client.get(started.json()["url"]).content)
    assert "caller_name 2 of 2" in page
    assert "customer_name" not in page
    assert seed_agent.fields.filter(name="customer_name").exists()


def test_only_the_latest_n_calls_are_tried(
    admin_client: Client, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    analysed_calls(seed_agent, 3)

    with django_capture_on_commit_callbacks(execute=True):
        started = admin_client.post(
            start_url(seed_agent), {**page_data(seed_agent), "recent-limit": "2"}
        )

    assert started.json()["total"] == 2
    assert "2 of 2 calls tried" in text(admin_client.get(started.json()["url"]).content)


def test_a_trial_stores_nothing_on_the_calls_and_sends_nothing(
    admin_client: Client, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    analysed_calls(seed_agent, 3, customer_name="Maria", follow_up_required=True)
    before = counts()
    with serving() as receiver:
        hook = {
            "name": "CRM",
            "type": "webhook",
            "config": json.dumps({"url": f"{receiver.url}/crm"}),
            "enabled": True,
            "position": 1,
        }
        data = page_data(seed_agent, actions=[*action_rows(seed_agent), hook])
        with CaptureQueriesContext(connection) as queries:
            with django_capture_on_commit_callbacks(execute=True):
                started = admin_client.post(start_url(seed_agent), {**data, "recent-limit": "5"})
            admin_client.get(started.json()["url"])

        assert receiver.received == []
    written = {
        match.group(1).strip('"`').lower()
        for query in queries.captured_queries
        if (
            match := re.match(
                r'\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+("?\w+"?)', query["sql"], re.I
            )
        )
    }
    assert {table for table in written if not table.startswith("django_q")} == {"agents_trialrun"}
    assert counts() == before
    assert seed_agent.actions.count() == 1
    assert TrialRun.objects.get().done == 3


def test_the_progress_bar_shows_the_calls_still_waiting(
    admin_client: Client, seed_agent: Agent
) -> None:
    analysed_calls(seed_agent, 2)
    started = admin_client.post(
        start_url(seed_agent), {**page_data(seed_agent), "recent-limit": "2"}
    )

    shown = admin_client.get(started.json()["url"]).content.decode()

    assert 'data-finished="0"' in shown
    assert '<progress id="recent-progress" max="100" value="0"' in shown
    assert "0 of 2 calls tried (0%)" in text(shown.encode())


@pytest.mark.parametrize(
    ("limit", "message"),
    [
        ("0", "Calls: Ensure this value is greater than or equal to 1."),
        ("501", "Calls: Ensure this value is less than or equal to 500."),
    ],
)
def test_a_number_of_calls_out_of_range_is_refused(
    admin_client: Client, seed_agent: Agent, limit: str, message: str
) -> None:
    analysed_calls(seed_agent, 1)

    refused = admin_client.post(
        start_url(seed_agent), {**page_data(seed_agent), "recent-limit": limit}
    )

    assert refused.status_code == 400
    assert refused.json() == {"errors": [message]}
    assert not TrialRun.objects.exists()


def test_an_agent_without_calls_is_told_so(admin_client: Client, seed_agent: Agent) -> None:
    refused = admin_client.post(
        start_url(seed_agent), {**page_data(seed_agent), "recent-limit": "5"}
    )

    assert refused.json() == {
        "errors": ["Nothing to try: this agent has no calls with a transcript yet."]
    }


def test_a_config_the_save_would_refuse_is_refused_with_its_messages(
    admin_client: Client, seed_agent: Agent
) -> None:
    analysed_calls(seed_agent, 1)
    fields = [row for row in field_rows(seed_agent) if row["name"] != "follow_up_required"]

    refused = admin_client.post(
        start_url(seed_agent), {**page_data(seed_agent, fields=fields), "recent-limit": "5"}
    )

    assert refused.status_code == 400
    assert "follow_up_required" in " ".join(refused.json()["errors"])
    assert not TrialRun.objects.exists()


def test_support_may_not_try_a_config(seed_agent: Agent) -> None:
    analysed_calls(seed_agent, 1)
    support = Client()
    support.force_login(staff_user_create(username="sue", password="pw", role=SUPPORT))

    refused = support.post(start_url(seed_agent), {**page_data(seed_agent), "recent-limit": "5"})

    assert refused.status_code == 403
    assert not TrialRun.objects.exists()


def test_the_agent_page_offers_the_trial_beside_the_transcript_test(
    admin_client: Client, seed_agent: Agent
) -> None:
    page = admin_client.get(reverse("admin:agents_agent_change", args=[seed_agent.pk]))

    content = page.content.decode()
    assert content.index("Test on a transcript") < content.index("Try on recent calls")
    assert start_url(seed_agent) in content
