"""Each run records the config version it extracted with, the AI Analysis says which, and
a re-run uses the current version unless another is picked."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from agents.models import Agent
from agents.selectors import agent_field_specs
from agents.services import agent_save
from calls.models import Call, ExtractionRun, RerunBatch
from calls.services import call_create
from tests.factories import AgentFactory, CallFactory

pytestmark = pytest.mark.django_db
TRANSCRIPT = "User: My name is Maria Gonzalez. Call me back on 0532 123 4567."


def text(content: bytes) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content.decode())).split())


@pytest.fixture
def call(seed_agent: Agent, django_capture_on_commit_callbacks) -> Call:
    with django_capture_on_commit_callbacks(execute=True):
        call, _ = call_create(
            agent=seed_agent,
            external_id="v1",
            started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
            transcript=TRANSCRIPT,
        )
    return call


def drop_callback_number(agent: Agent) -> None:
    agent_save(agent=agent, fields=agent_field_specs(agent=agent)[:4], by="ops")


def analysis(client: Client, call: Call) -> str:
    return text(client.get(reverse("admin:calls_call_analysis", args=[call.pk])).content)


def test_a_call_s_run_records_the_current_version_and_the_page_shows_it(
    admin_client: Client, call: Call
) -> None:
    run = call.runs.get()

    assert run.agent_version.number == 1
    assert "config version 1" in analysis(admin_client, call)


def test_a_rerun_uses_the_current_version_and_the_old_run_keeps_its_own(
    admin_client: Client, call: Call, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    drop_callback_number(seed_agent)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:calls_call_rerun", args=[call.pk]), follow=True)

    newest, first = call.runs.order_by("-pk")
    assert (newest.agent_version.number, first.agent_version.number) == (2, 1)
    assert "callback_number" not in newest.values
    assert "queued with config version 2" in text(response.content)
    page = analysis(admin_client, call)
    assert re.search(rf"{newest.pk} \(shown\) succeeded config version 2", page)
    assert re.search(rf"{first.pk} succeeded actions decided config version 1", page)


def test_a_rerun_with_a_picked_version_extracts_that_version_s_fields(
    admin_client: Client, call: Call, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    drop_callback_number(seed_agent)

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("admin:calls_call_rerun", args=[call.pk]), {"version": "1"})
    refused = admin_client.post(
        reverse("admin:calls_call_rerun", args=[call.pk]), {"version": "9"}, follow=True
    )

    newest = call.runs.order_by("-pk").first()
    assert newest.agent_version.number == 1
    assert newest.values["callback_number"] == "05321234567"
    assert "Solaris sales has no version 9." in text(refused.content)
    assert call.runs.count() == 2


def test_a_bulk_rerun_with_a_picked_version_says_which(
    admin_client: Client, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    calls = [CallFactory(agent=seed_agent) for _ in range(3)]
    drop_callback_number(seed_agent)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:calls_call_changelist"),
            {
                "action": "rerun_selected",
                "version": "1",
                "_selected_action": [call.pk for call in calls],
            },
        )

    batch = RerunBatch.objects.get()
    assert batch.agent_version.number == 1
    assert {run.agent_version.number for run in batch.runs.all()} == {1}
    assert all(len(run.config_snapshot) == 5 for run in batch.runs.all())
    page = text(admin_client.get(response.url).content)
    assert "Every call is extracted with version 1 of Solaris sales's config." in page


def test_a_bulk_rerun_without_a_version_uses_each_agent_s_current_one(
    admin_client: Client, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    other = AgentFactory()
    agent_save(agent=other, fields=agent_field_specs(agent=seed_agent)[:1])
    calls = [CallFactory(agent=seed_agent), CallFactory(agent=other)]
    drop_callback_number(seed_agent)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:calls_call_changelist"),
            {"action": "rerun_selected", "_selected_action": [call.pk for call in calls]},
        )

    runs = ExtractionRun.objects.order_by("call_id")
    assert [run.agent_version.number for run in runs] == [2, 1]
    page = text(admin_client.get(response.url).content)
    assert "Each call is extracted with its agent's current config version." in page


def test_a_version_cannot_be_picked_for_the_calls_of_several_agents(
    admin_client: Client, seed_agent: Agent
) -> None:
    calls = [CallFactory(agent=seed_agent), CallFactory()]

    response = admin_client.post(
        reverse("admin:calls_call_changelist"),
        {"action": "rerun_selected", "version": "1", "_selected_action": [c.pk for c in calls]},
        follow=True,
    )

    assert "Nothing was re-run: a version can be picked for the calls of one agent only" in text(
        response.content
    )
    assert not RerunBatch.objects.exists()
    assert not ExtractionRun.objects.exists()
