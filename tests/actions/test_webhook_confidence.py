"""A `call.analyzed` event says how far to trust each value it carries."""

from __future__ import annotations

import json

import pytest

from actions.kinds.webhook import Webhook
from actions.models import Review, WebhookDelivery
from actions.reviews import review_release
from actions.services import run_actions_handle
from agents.models import Agent
from tests.factories import SEED_VALUES, CallFactory, run_to_decide

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

CONFIDENCES = {
    "customer_name": 0.93,
    "interest_level": 0.81,
    "follow_up_required": 0.77,
    "follow_up_date": 0.42,
    "callback_number": None,
}
REASONS = {"callback_number": "the backend gives no confidence for it"}
# The keys of `data.extraction` before confidences were added: none changed or went.
EARLIER_KEYS = {"run_id", "values", "evidence", "errors", "ungrounded"}


@pytest.fixture
def agent(seed_agent: Agent) -> Agent:
    seed_agent.actions.create(
        name="CRM", type="webhook", config={"url": "https://crm.example.com/hooks"}, position=1
    )
    return seed_agent


def decided(agent: Agent) -> dict:
    call = CallFactory(agent=agent)
    run = run_to_decide(call, values=SEED_VALUES, confidences=CONFIDENCES)
    run.confidence_reasons = REASONS
    run.save(update_fields=["confidence_reasons"])
    run_actions_handle(run_id=run.pk)
    return json.loads(WebhookDelivery.objects.get().body)["data"]["extraction"]


def test_each_value_comes_with_its_confidence_or_why_it_has_none(agent: Agent) -> None:
    extraction = decided(agent)

    assert extraction["confidence"] == CONFIDENCES
    assert extraction["confidence_reasons"] == REASONS
    assert set(extraction) == EARLIER_KEYS | {"confidence", "confidence_reasons"}
    assert extraction["values"] == SEED_VALUES


def test_a_corrected_value_carries_no_confidence_but_who_corrected_it(
    agent: Agent, django_capture_on_commit_callbacks
) -> None:
    agent.actions.update(review="always")
    run = run_to_decide(CallFactory(agent=agent), values=SEED_VALUES, confidences=CONFIDENCES)
    run_actions_handle(run_id=run.pk)

    with django_capture_on_commit_callbacks(execute=True):
        review_release(review=Review.objects.get(), by="sam", values={"customer_name": "Mary"})

    extraction = json.loads(WebhookDelivery.objects.get().body)["data"]["extraction"]
    assert extraction["values"]["customer_name"] == "Mary"
    assert extraction["confidence"] == {**CONFIDENCES, "customer_name": None}
    assert extraction["confidence_reasons"] == {"customer_name": "corrected by sam"}


def test_a_test_event_carries_a_sample_confidence_for_each_sample_value(agent: Agent) -> None:
    plan = Webhook.registered().test_plan(agent.actions.get(name="CRM"))

    extraction = json.loads(plan.body())["data"]["extraction"]
    assert set(extraction["confidence"]) == set(extraction["values"])
    assert set(extraction["confidence"].values()) == {0.9}
    assert extraction["confidence_reasons"] == {}
