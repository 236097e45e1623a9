"""An action's review rule is part of its config: imported and exported in the product
page's JSON as an optional key, checked like every other key, changed by ops only."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from agents.config import ConfigInvalid
from agents.models import Agent
from agents.roles import OPS, SUPPORT, staff_user_create
from agents.seed_format import ImportInvalid
from agents.selectors import agent_export
from agents.services import agent_import_json
from tests.agents.test_admin import change_page_data
from tests.factories import SEED_ACTION_JSON

pytestmark = pytest.mark.django_db


def seed_action_with(**keys: object) -> str:
    return json.dumps({**json.loads(SEED_ACTION_JSON), **keys})


def test_the_seed_action_is_never_reviewed_and_exports_as_printed(seed_agent: Agent) -> None:
    assert seed_agent.actions.get().review == "never"
    assert agent_export(agent=seed_agent)["actions"] == [json.loads(SEED_ACTION_JSON)]


def test_a_rule_in_the_json_is_stored_and_exported_back(seed_agent: Agent) -> None:
    agent_import_json(agent=seed_agent, actions_json=seed_action_with(review="uncertain"))

    assert seed_agent.actions.get().review == "uncertain"
    assert agent_export(agent=seed_agent)["actions"][0]["review"] == "uncertain"


def test_an_unknown_rule_is_refused_naming_the_choices(seed_agent: Agent) -> None:
    with pytest.raises(ConfigInvalid, match="review 'sometimes' is not a review rule"):
        agent_import_json(agent=seed_agent, actions_json=seed_action_with(review="sometimes"))
    with pytest.raises(ImportInvalid, match="review must be text"):
        agent_import_json(agent=seed_agent, actions_json=seed_action_with(review=True))

    assert seed_agent.actions.get().review == "never"


def page_client(role: str) -> Client:
    client = Client()
    client.force_login(staff_user_create(username=role.lower(), password="pw", role=role))
    return client


def test_ops_set_the_rule_on_the_agent_page(seed_agent: Agent) -> None:
    url = reverse("admin:agents_agent_change", args=[seed_agent.pk])

    response = page_client(OPS).post(url, change_page_data(seed_agent, review="always"))

    assert response.status_code == 302, response.context and response.context["errors"]
    assert seed_agent.actions.get().review == "always"


def test_support_cannot_change_the_rule(seed_agent: Agent) -> None:
    url = reverse("admin:agents_agent_change", args=[seed_agent.pk])

    page_client(SUPPORT).post(url, change_page_data(seed_agent, review="always"))

    assert seed_agent.actions.get().review == "never"
