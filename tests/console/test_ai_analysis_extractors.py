"""The AI Analysis names the extractor that answered each field when a run asked several,
shows what each one cost, and says when the run is partial."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from agents.models import Agent
from calls.models import Call
from calls.services import call_create
from tests.conftest import SEED_TRANSCRIPT
from tests.fakes.openai_server import ModelServer, completion, error

pytestmark = pytest.mark.django_db


def analysed(agent: Agent, capture) -> Call:
    agent.fields.filter(name="interest_level").update(extractor="gpt-4o-mini")
    with capture(execute=True):
        call, _ = call_create(
            agent=agent,
            external_id="groups-1",
            started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
            transcript=SEED_TRANSCRIPT,
        )
    return call


def shown(admin_client: Client, call: Call) -> str:
    page = admin_client.get(reverse("admin:calls_call_analysis", args=[call.pk]))
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page.content.decode())).split())


def test_each_field_names_its_extractor_and_each_extractor_its_cost(
    admin_client: Client,
    seed_agent: Agent,
    model_server: ModelServer,
    django_capture_on_commit_callbacks,
) -> None:
    model_server.then(
        completion(
            {"values": {"interest_level": "high"}, "evidence": {"interest_level": None}},
            model="gpt-4o-mini",
            prompt_tokens=310,
            completion_tokens=15,
        )
    )
    call = analysed(seed_agent, django_capture_on_commit_callbacks)

    text = shown(admin_client, call)

    assert "interest_level enum openai gpt-4o-mini high" in text
    assert "customer_name string offline Maria Gonzalez" in text
    assert "openai gpt-4o-mini interest_level 310 in, 15 out" in text
    assert "Partial" not in text


def test_a_partial_run_says_so_and_why(
    admin_client: Client,
    seed_agent: Agent,
    model_server: ModelServer,
    django_capture_on_commit_callbacks,
) -> None:
    model_server.then(error(404, message="The model `gpt-4o-mini` does not exist"))
    call = analysed(seed_agent, django_capture_on_commit_callbacks)

    text = shown(admin_client, call)

    assert "Partial: an extractor failed, so its fields are empty; the other fields stand." in text
    assert (
        "failed: the server refused the request (404): The model `gpt-4o-mini` does not exist"
        in text
    )
    assert "customer_name string offline Maria Gonzalez" in text
