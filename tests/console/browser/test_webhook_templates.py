"""A ready-made webhook template picked on the agent page fills the row, is edited as JSON,
and is tried against a receiver before the agent is saved."""

from __future__ import annotations

import json

import pytest

from actions.models import InboxRequest
from actions.webhooks.catalog import CATALOG
from agents.models import Agent
from tests.console.browser.conftest import needs_chromium, screenshot_path
from tests.console.browser.test_action_forms import add_action, json_view

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]

SLACK = next(ready for ready in CATALOG if ready.key == "slack_message")


def test_a_slack_template_is_picked_adjusted_and_tried_before_saving(
    page, live_server, seed_agent: Agent
) -> None:
    page.set_viewport_size({"width": 1400, "height": 1200})
    page.goto(f"{live_server.url}/admin/agents/agent/{seed_agent.pk}/change/")
    row = add_action(page, "Leads to Slack", "webhook")

    row.locator(".webhook-template-pick").select_option(label=SLACK.label)
    assert row.locator(".webhook-url").input_value() == SLACK.config["url"]
    assert "Incoming Webhooks" in row.locator(".webhook-template-help").text_content()
    row.locator("text=Use an inbox").click()
    page.wait_for_selector(".inbox-link")

    template = row.locator(".webhook-template")
    template.fill('{"text": "Lead: {{ values.customer_name }}",\n  "blocks": [}')
    assert "line 2, column" in row.locator(".webhook-template-problem").text_content()
    template.fill('{"text": "Lead: {{ values.customer_name }} ({{ values.interest_level }})"}')
    assert row.locator(".webhook-template-problem").text_content() == ""
    row.locator("text=Send test request").click()
    page.wait_for_function(
        "document.querySelector('.action-form-view .webhook-result').textContent.includes(' ms')"
    )
    page.screenshot(path=str(screenshot_path("webhook-template-tried")), full_page=True)

    assert row.locator(".webhook-result").text_content().startswith("200 in ")
    received = InboxRequest.objects.get()
    assert json.loads(received.body) == {"text": "Lead: Sample customer name (high)"}
    assert not seed_agent.actions.filter(name="Leads to Slack").exists()
    _condition, config = json_view(row)
    assert config["template"] == {
        "text": "Lead: {{ values.customer_name }} ({{ values.interest_level }})"
    }
    assert config["method"] == "POST"
    row.locator("text=Edit with the form").click()
    assert row.locator(".webhook-template-pick").input_value() == "custom"
