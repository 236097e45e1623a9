"""The agent page offers the common fields other voice platforms have, as ordinary rows."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from agents.models import Agent
from agents.presets import agent_preset_offers
from agents.selectors import agent_field_specs
from agents.services import agent_save
from extraction.presets import PRESETS

pytestmark = pytest.mark.django_db


def offered_rows(client: Client, agent: Agent) -> dict[str, dict]:
    page = client.get(reverse("admin:agents_agent_change", args=[agent.pk])).content.decode()
    match = re.search(
        r'<script id="field-preset-rows" type="application/json">(.*?)</script>', page
    )
    assert match, "no presets offered"
    return json.loads(match.group(1))


def test_the_page_offers_each_preset_with_its_type_and_description(
    admin_client: Client, seed_agent: Agent
) -> None:
    rows = offered_rows(admin_client, seed_agent)

    assert list(rows) == ["call_summary", "sentiment", "call_successful", "voicemail_reached"]
    assert rows["sentiment"]["type"] == "enum"
    assert rows["sentiment"]["choices"] == "positive, neutral, negative"
    assert rows["voicemail_reached"]["type"] == "boolean"
    assert rows["call_summary"]["description"].startswith("A summary of the call")


def test_every_preset_saves_as_an_ordinary_field(seed_agent: Agent) -> None:
    agent_save(agent=seed_agent, fields=[*agent_field_specs(agent=seed_agent), *PRESETS.values()])

    saved = {field.name: field for field in seed_agent.fields.all()}
    assert saved["sentiment"].choices == ["positive", "neutral", "negative"]
    assert saved["call_successful"].type == "boolean"


def test_a_preset_the_agent_has_is_no_longer_offered(seed_agent: Agent) -> None:
    agent_save(
        agent=seed_agent, fields=[*agent_field_specs(agent=seed_agent), PRESETS["sentiment"]]
    )

    names = [offer.name for offer in agent_preset_offers(agent=seed_agent)]
    assert names == ["call_summary", "call_successful", "voicemail_reached"]
