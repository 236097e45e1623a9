"""The confidence rule is set per action, with its threshold: in the product page's JSON as
`"review": {"confidence_below": 0.6}` beside the rules written as text, which stay valid,
and on the agent page; a threshold that is no confidence is refused saying why."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from agents.config import ConfigInvalid
from agents.models import Agent
from agents.roles import OPS, staff_user_create
from agents.seed_format import ImportInvalid
from agents.selectors import agent_export
from agents.services import agent_import_json
from agents.versions import agent_version_history
from tests.agents.test_admin import change_page_data
from tests.factories import SEED_ACTION_JSON

pytestmark = pytest.mark.django_db


def seed_action_with(**keys: object) -> str:
    return json.dumps({**json.loads(SEED_ACTION_JSON), **keys})


def test_the_threshold_in_the_json_is_stored_and_exported_back(seed_agent: Agent) -> None:
    agent_import_json(
        agent=seed_agent, actions_json=seed_action_with(review={"confidence_below": 0.6})
    )

    action = seed_agent.actions.get()
    assert (action.review, action.review_below) == ("confidence", 0.6)
    assert agent_export(agent=seed_agent)["actions"][0]["review"] == {"confidence_below": 0.6}
    (latest, *_) = agent_version_history(agent=seed_agent, for_reader=False)
    assert latest.diff == ["action 'Auto follow-up': review none → {\"confidence_below\": 0.6}"]


@pytest.mark.parametrize("rule", ["never", "uncertain", "always"])
def test_every_rule_written_as_text_is_still_accepted(seed_agent: Agent, rule: str) -> None:
    agent_import_json(agent=seed_agent, actions_json=seed_action_with(review=rule))

    assert seed_agent.actions.get().review == rule
    exported = agent_export(agent=seed_agent)["actions"][0]
    assert exported.get("review", "never") == rule


def test_the_product_pages_action_pastes_unchanged(seed_agent: Agent) -> None:
    agent_import_json(agent=seed_agent, actions_json=seed_action_with(review="uncertain"))

    agent_import_json(agent=seed_agent, actions_json=SEED_ACTION_JSON)

    assert seed_agent.actions.get().review == "never"
    assert agent_export(agent=seed_agent)["actions"] == [json.loads(SEED_ACTION_JSON)]


@pytest.mark.parametrize(
    ("review", "error", "message"),
    [
        ({"confidence_below": 1.5}, ConfigInvalid, "a confidence is from 0 to 1"),
        ({"confidence_below": -0.1}, ConfigInvalid, "a confidence is from 0 to 1"),
        ({"confidence_below": "0.6"}, ImportInvalid, "confidence_below must be a number"),
        ({"confidence_below": True}, ImportInvalid, "confidence_below must be a number"),
        ({"below": 0.6}, ImportInvalid, "takes one key, confidence_below"),
        ({}, ImportInvalid, "takes one key, confidence_below"),
        ("confidence", ConfigInvalid, "needs the confidence to hold below, from 0 to 1"),
        (0.6, ImportInvalid, 'review must be text or an object: never, uncertain, always, or {"'),
    ],
)
def test_a_threshold_that_is_no_confidence_is_refused_and_nothing_changes(
    seed_agent: Agent, review: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message.replace("{", r"\{")):
        agent_import_json(agent=seed_agent, actions_json=seed_action_with(review=review))

    assert seed_agent.actions.get().review == "never"


def test_the_errors_name_the_action_row(seed_agent: Agent) -> None:
    with pytest.raises(ConfigInvalid) as refused:
        agent_import_json(
            agent=seed_agent, actions_json=seed_action_with(review={"confidence_below": 2})
        )

    assert str(refused.value) == (
        "action 1 (Auto follow-up): review below a confidence of 2.0: "
        "a confidence is from 0 to 1 (e.g. 0.6)"
    )


def ops() -> Client:
    client = Client()
    client.force_login(staff_user_create(username="ops", password="pw", role=OPS))
    return client


def test_ops_set_the_threshold_on_the_agent_page(seed_agent: Agent) -> None:
    url = reverse("admin:agents_agent_change", args=[seed_agent.pk])

    response = ops().post(
        url, change_page_data(seed_agent, review="confidence", review_below="0.75")
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    action = seed_agent.actions.get()
    assert (action.review, action.review_below) == ("confidence", 0.75)


def test_the_page_refuses_the_rule_without_a_threshold_on_its_row(seed_agent: Agent) -> None:
    url = reverse("admin:agents_agent_change", args=[seed_agent.pk])

    response = ops().post(url, change_page_data(seed_agent, review="confidence"))

    assert response.status_code == 200
    assert "needs the confidence to hold below, from 0 to 1" in response.content.decode()
    assert seed_agent.actions.get().review == "never"


def test_a_threshold_left_behind_by_another_rule_is_not_kept(seed_agent: Agent) -> None:
    url = reverse("admin:agents_agent_change", args=[seed_agent.pk])

    ops().post(url, change_page_data(seed_agent, review="uncertain", review_below="0.75"))

    action = seed_agent.actions.get()
    assert (action.review, action.review_below) == ("uncertain", None)
    assert agent_export(agent=seed_agent)["actions"][0]["review"] == "uncertain"
