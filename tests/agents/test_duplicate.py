"""Duplicating an agent: the copy has every setting, field and action of its original."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import time

import pytest

from actions.webhooks.secrets import active_secrets
from agents.models import Agent
from agents.selectors import agent_action_drafts, agent_field_specs
from agents.services import agent_duplicate, agent_import_json

pytestmark = pytest.mark.django_db

# What a copy takes on purpose from nowhere but itself.
OWN = {"id", "name", "slug", "is_active", "created_at", "updated_at"}
# A value for every other field of Agent, none of them the field's default.
SETTINGS = {
    "description": "Outbound solar sales",
    "timezone": "America/Chicago",
    "extraction_model": "gpt-4.1-mini",
    "follow_up_time": time(16, 30),
    "calling_days": [0, 2, 4],
    "calling_hours_start": time(9, 0),
    "calling_hours_end": time(17, 30),
    "calling_hours_zone": "agent",
    "cancel_follow_up_on_inbound": False,
}


def test_every_field_of_the_agent_model_is_held_by_this_test() -> None:
    concrete = {field.name for field in Agent._meta.concrete_fields}

    assert concrete - OWN == set(SETTINGS), "give a new Agent field a value in SETTINGS"
    for name, value in SETTINGS.items():
        assert value != Agent._meta.get_field(name).get_default(), name


def test_a_copy_has_every_setting_of_its_original(seed_agent: Agent) -> None:
    for name, value in SETTINGS.items():
        setattr(seed_agent, name, value)
    seed_agent.save()

    copy = agent_duplicate(agent=seed_agent)

    copy.refresh_from_db()
    for field in Agent._meta.concrete_fields:
        if field.name not in OWN:
            assert getattr(copy, field.name) == getattr(seed_agent, field.name), field.name
    assert copy.pk != seed_agent.pk
    assert (copy.name, copy.slug, copy.is_active) == ("Solaris sales (copy)", "solaris-copy", False)


def test_a_copy_has_the_fields_and_actions_and_webhooks_of_its_own(seed_agent: Agent) -> None:
    hook = {"type": "webhook", "name": "CRM", "config": {"url": "http://127.0.0.1:9/hook"}}
    agent_import_json(agent=seed_agent, actions_json=json.dumps(hook))

    copy = agent_duplicate(agent=seed_agent)

    assert agent_field_specs(agent=copy) == agent_field_specs(agent=seed_agent)
    assert [replace(draft, pk=None) for draft in agent_action_drafts(agent=copy)] == [
        replace(draft, pk=None) for draft in agent_action_drafts(agent=seed_agent)
    ]
    [copied] = active_secrets(copy.actions.get(name="CRM"))
    assert copied not in active_secrets(seed_agent.actions.get(name="CRM"))


def test_a_long_name_still_fits_with_its_copy_mark(seed_agent: Agent) -> None:
    seed_agent.name = "S" * 200
    seed_agent.save()

    copy = agent_duplicate(agent=seed_agent)

    assert copy.name == "S" * 193 + " (copy)"
