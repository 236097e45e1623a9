"""A list field added on the agent page, an action conditioned on one of its items, and
a call that names that item reaching the action's webhook as a JSON array."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from actions.models import InboxRequest, WebhookInbox
from agents.models import Agent
from calls.services import call_create
from tests.console.browser.conftest import needs_chromium, screenshot_path
from tests.console.browser.test_action_forms import add_action

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]

TRANSCRIPT = (
    "Agent: Which of our products would you like a quote for?\n"
    "User: A battery, and maybe an EV charger for the garage.\n"
    "Agent: Great, we will send the quote today."
)


def test_a_list_field_and_a_condition_on_its_items_are_built_by_form_and_fire(
    page, live_server, seed_agent: Agent
) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{live_server.url}/admin/agents/agent/{seed_agent.pk}/change/")
    page.click("#fields-group .add-row a")
    row = "fields-5"
    page.fill(f"input[name='{row}-name']", "products_asked")
    page.select_option(f"select[name='{row}-type']", "list")
    page.select_option(f"select[name='{row}-item_type']", "enum")
    page.fill(f"input[name='{row}-choices']", "solar panels, battery, ev charger")
    page.fill(f"input[name='{row}-max_items']", "3")
    page.fill(f"input[name='{row}-description']", "Every product the customer asked about")

    action = add_action(page, "Battery desk", "webhook")
    action.locator(".condition-mode").select_option("when")
    action.locator(".condition-field").select_option("products_asked")
    offered = action.locator(".condition-operator option")
    operators = [offered.nth(i).get_attribute("value") for i in range(offered.count())]
    assert {"contains", "contains_any", "contains_all", "is_empty", "has_more_than"} <= set(
        operators
    )
    assert ">" not in operators and "==" not in operators
    action.locator(".condition-operator").select_option("contains")
    action.locator(".condition-value").select_option(label="battery")
    # An enum field next to it is not offered the list operators.
    action.locator(".condition-field").select_option("interest_level")
    enum_offered = action.locator(".condition-operator option")
    enum_operators = [
        enum_offered.nth(i).get_attribute("value") for i in range(enum_offered.count())
    ]
    assert "contains_any" not in enum_operators and "has_more_than" not in enum_operators
    action.locator(".condition-field").select_option("products_asked")
    action.locator(".condition-operator").select_option("contains")
    action.locator(".condition-value").select_option(label="battery")

    action.locator("text=Use an inbox").click()
    page.wait_for_selector(".inbox-link")
    action.locator("text=Send test event").click()
    page.wait_for_function("document.querySelector('.webhook-result').textContent.includes('ms')")
    sample = json.loads(InboxRequest.objects.get().body)["data"]["extraction"]["values"]
    assert "battery" in sample["products_asked"]
    page.screenshot(path=str(screenshot_path("list-field-condition")), full_page=True)

    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    field = seed_agent.fields.get(name="products_asked")
    assert (field.type, field.item_type, field.choices, field.max_items) == (
        "list",
        "enum",
        ["solar panels", "battery", "ev charger"],
        3,
    )
    saved = seed_agent.actions.get(name="Battery desk")
    assert saved.condition == {
        "field": "products_asked",
        "operator": "contains",
        "value": "battery",
    }

    # A call that asks about a battery reaches the inbox with the items as an array.
    call_create(
        agent=seed_agent,
        external_id="list-call",
        started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
        from_number="+905551112233",
        transcript=TRANSCRIPT,
    )
    inbox = WebhookInbox.objects.get()
    events = [json.loads(received.body) for received in inbox.requests.order_by("pk")][1:]
    assert [event["data"]["extraction"]["values"]["products_asked"] for event in events] == [
        ["battery", "ev charger"]
    ]
