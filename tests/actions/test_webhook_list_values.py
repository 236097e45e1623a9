"""A `call.analyzed` event carries a list value as a JSON array, its evidence as an array
of quotes; a body template joins the items or passes the array; a test event has a
sample list for each list field."""

from __future__ import annotations

import json

import pytest

from actions.kinds.webhook import Webhook, values_meeting
from actions.models import WebhookDelivery
from actions.services import run_actions_handle
from agents.conditions import Comparison, Group
from agents.models import Agent
from extraction.types import FieldSpec
from tests.factories import SEED_VALUES, CallFactory, FieldFactory, run_to_decide

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

ITEMS = ["solar panels", "battery"]
QUOTES = ["The solar panels", "a battery"]
TEMPLATE = {
    "products": "{{ values.products_asked | join(', ') }}",
    "items": "{{ values.products_asked }}",
    "copy": "{{ values.cc_emails | join('; ') }}",
}


@pytest.fixture
def agent(seed_agent: Agent) -> Agent:
    FieldFactory(
        agent=seed_agent,
        name="products_asked",
        type="list",
        item_type="enum",
        choices=["solar panels", "battery", "ev charger"],
        position=5,
    )
    FieldFactory(
        agent=seed_agent,
        name="cc_emails",
        type="list",
        item_type="string",
        format="email",
        position=6,
    )
    return seed_agent


def delivered_body(agent: Agent, **config: object) -> dict:
    agent.actions.create(
        name="CRM",
        type="webhook",
        config={"url": "https://crm.example.com/hooks", **config},
        position=1,
    )
    run = run_to_decide(
        CallFactory(agent=agent),
        values={**SEED_VALUES, "products_asked": ITEMS, "cc_emails": None},
    )
    run.evidence = {**run.evidence, "products_asked": QUOTES, "cc_emails": None}
    run.save(update_fields=["evidence"])
    run_actions_handle(run_id=run.pk)
    return json.loads(WebhookDelivery.objects.get().body)


def test_the_event_carries_the_items_and_their_quotes_as_arrays(agent: Agent) -> None:
    extraction = delivered_body(agent)["data"]["extraction"]

    assert extraction["values"]["products_asked"] == ITEMS
    assert extraction["values"]["cc_emails"] is None
    assert extraction["evidence"]["products_asked"] == QUOTES


def test_a_template_joins_the_items_or_passes_the_array(agent: Agent) -> None:
    body = delivered_body(agent, template=TEMPLATE)

    assert body == {"products": "solar panels, battery", "items": ITEMS, "copy": ""}


def test_a_test_event_has_a_sample_list_for_each_list_field(agent: Agent) -> None:
    agent.actions.create(
        name="CRM", type="webhook", config={"url": "https://crm.example.com/hooks"}, position=1
    )

    plan = Webhook.registered().test_plan(agent.actions.get(name="CRM"))

    values = json.loads(plan.body())["data"]["extraction"]["values"]
    assert values["products_asked"] == ["solar panels", "battery"]
    assert values["cc_emails"] == ["jane.doe@example.com"]


def test_a_test_event_s_list_holds_the_items_its_condition_asks_for() -> None:
    products = FieldSpec(
        name="products_asked", type="list", item_type="enum", choices=("battery", "ev charger")
    )

    def asked(operator: str, value: object) -> dict:
        return values_meeting(Comparison(products, operator, value))

    assert asked("contains", "ev charger") == {"products_asked": ["ev charger"]}
    assert asked("contains_all", ["battery", "ev charger"]) == {
        "products_asked": ["battery", "ev charger"]
    }
    assert asked("contains_any", ["ev charger", "battery"]) == {"products_asked": ["ev charger"]}
    assert asked("is_empty", None) == {}
    assert values_meeting(Group("all", (Comparison(products, "contains", "battery"),))) == {
        "products_asked": ["battery"]
    }
