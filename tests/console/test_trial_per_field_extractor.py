"""The go-live trial and the trial on recent calls ask each field of the page its own
extractor, as typed on the page, and the trial names who answered each field."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from agents.models import Agent, TrialRun
from console.recent_trial import recent_trial_summary
from tests.conftest import SEED_TRANSCRIPT
from tests.console.agent_page import field_rows, page_data
from tests.factories import CallFactory
from tests.fakes.openai_server import ModelServer, completion, error, schema_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

HIGH = completion({"values": {"interest_level": "high"}, "evidence": {"interest_level": None}})


def on_a_model(agent: Agent, name: str, model: str) -> list[dict]:
    rows = field_rows(agent)
    next(row for row in rows if row["name"] == name)["extractor"] = model
    return rows


def text(content: bytes) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content.decode())).split())


def test_the_trial_asks_the_field_typed_on_a_model_of_that_model(
    admin_client: Client, seed_agent: Agent, model_server: ModelServer
) -> None:
    model_server.then(HIGH)
    fields = on_a_model(seed_agent, "interest_level", "gpt-4o-mini")

    response = admin_client.post(
        reverse("admin:agents_agent_try", args=[seed_agent.pk]),
        page_data(seed_agent, fields=fields, transcript=SEED_TRANSCRIPT),
    )

    assert response.status_code == 200
    shown = text(response.content)
    assert "interest_level openai/gpt-4o-mini high" in shown
    assert "customer_name offline Maria Gonzalez" in shown
    [request] = model_server.received
    assert request.json()["model"] == "gpt-4o-mini"
    assert list(schema_of(request)["properties"]["values"]["properties"]) == ["interest_level"]
    assert seed_agent.fields.get(name="interest_level").extractor == ""  # nothing saved


def test_the_trial_shows_a_failed_extractor_beside_the_values_that_stand(
    admin_client: Client, seed_agent: Agent, model_server: ModelServer
) -> None:
    model_server.then(error(400, message="The model `gpt-nope` does not exist"))
    fields = on_a_model(seed_agent, "interest_level", "gpt-nope")

    response = admin_client.post(
        reverse("admin:agents_agent_try", args=[seed_agent.pk]),
        page_data(seed_agent, fields=fields, transcript=SEED_TRANSCRIPT),
    )

    shown = text(response.content)
    assert "partial: openai/gpt-nope failed for interest_level" in shown
    assert "customer_name offline Maria Gonzalez" in shown


def test_the_trial_on_recent_calls_asks_each_fields_extractor(
    admin_client: Client,
    seed_agent: Agent,
    model_server: ModelServer,
    django_capture_on_commit_callbacks,
) -> None:
    model_server.default = lambda request: HIGH
    CallFactory(agent=seed_agent, transcript=[{"role": "user", "text": "Yes, very much."}])
    fields = on_a_model(seed_agent, "interest_level", "gpt-4o-mini")

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:agents_agent_try_recent", args=[seed_agent.pk]),
            {**page_data(seed_agent, fields=fields), "recent-limit": "5"},
        )

    assert response.status_code == 200, response.content
    trial = TrialRun.objects.get()
    [result] = trial.results.values()
    assert result["after"]["interest_level"] == "high"
    assert model_server.last_body()["model"] == "gpt-4o-mini"
    assert recent_trial_summary(trial=trial, reviewed_values=lambda ids: {}).failures == []
