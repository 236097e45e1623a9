"""Before go-live, in a real browser: test a config on a transcript, then try its webhook
against an inbox, never leaving Postcall."""

from __future__ import annotations

import json

import pytest

from actions.models import InboxRequest
from agents.models import Agent
from tests.console.browser.conftest import needs_chromium, screenshot_path
from tests.factories import SEED_ACTION_JSON, SEED_FIELDS_JSON, AgentFactory

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]

TRANSCRIPT = """Agent: Hello, this is Ada from Solaris Energy. Who am I speaking with?
User: Hi, my name is Maria Gonzalez.
Agent: Are you still interested in rooftop solar for your house?
User: Yes, very much. We want to get it installed before summer.
Agent: Shall we call you back to book a site survey?
User: Yes please, call me next Tuesday.
Agent: What's the best number to reach you?
User: My cell is oh five three two, one two three, four five six seven."""


def import_json(page, live_server, agent: Agent, **pasted: str) -> None:
    page.goto(f"{live_server.url}/admin/agents/agent/{agent.pk}/change/")
    page.click("text=Import JSON")
    for name, text in pasted.items():
        page.fill(f"#id_{name}", text)
    page.click("input[value=Import]")
    page.wait_for_selector(".messagelist")


def run_trial(page) -> str:
    page.click("#trial-run")
    page.wait_for_selector("#trial-output .trial-result")
    return page.locator("#trial-output").inner_text()


def test_ops_test_a_config_then_try_its_webhook_on_an_inbox(page, live_server) -> None:
    agent = AgentFactory(name="Solaris sales")
    import_json(
        page, live_server, agent, fields_json=SEED_FIELDS_JSON, actions_json=SEED_ACTION_JSON
    )

    page.fill("#id_trial-transcript", TRANSCRIPT)
    shown = run_trial(page)
    assert "customer_name\tMaria Gonzalez\t“Hi, my name is Maria Gonzalez.”" in shown
    assert "interest_level\thigh" in shown
    assert "Auto follow-up" in shown
    assert "would fire\tfollow_up_required is true (== true)" in shown
    assert "calling +905321234567" in shown
    page.locator("#trial-panel").screenshot(path=str(screenshot_path("golive-trial")))

    # An edit that is not saved yet is what the next test runs.
    page.select_option("#actions-0 .condition-field", "interest_level")
    page.select_option("#actions-0 .condition-value", label="low")
    shown = run_trial(page)
    assert "would be skipped\tinterest_level is 'high', condition wants == 'low'" in shown
    assert agent.actions.get().condition["field"] == "follow_up_required"

    page.goto(f"{live_server.url}/admin/actions/webhookinbox/add/")
    page.fill("#id_name", "CRM try-out")
    page.click("input[name=_continue]")
    inbox_url = page.locator(".field-url code").text_content()
    hook = {"type": "webhook", "name": "CRM lead", "config": {"url": inbox_url}}
    import_json(page, live_server, agent, actions_json=json.dumps(hook))

    page.click("text=Send test event")
    page.wait_for_function("document.querySelector('.webhook-result').textContent.includes('ms')")
    answer = page.locator(".webhook-result").text_content()
    assert answer.startswith("200 in ")
    assert '"ok":true' in answer
    page.locator("#actions-group").screenshot(path=str(screenshot_path("golive-test-event")))

    page.goto(f"{live_server.url}/admin/actions/webhookinbox/")
    page.click("text=CRM try-out")
    received = page.locator(".inline-related").first.inner_text()
    assert '"type": "call.analyzed"' in received
    assert '"test": true' in received
    assert "webhook-signature: v1," in received
    assert InboxRequest.objects.count() == 1
    page.screenshot(path=str(screenshot_path("golive-inbox")), full_page=True)


def test_use_an_inbox_fills_the_url_and_the_inbox_verifies_the_signature(
    page,
    live_server,
    seed_agent: Agent,
) -> None:
    hook = {"type": "webhook", "name": "CRM", "config": {"url": "http://127.0.0.1:9/crm"}}
    import_json(page, live_server, seed_agent, actions_json=json.dumps(hook))
    row = page.locator("#actions-group .inline-related", has_text="Send test event")

    row.locator("text=Use an inbox").click()
    page.wait_for_selector(".inbox-link")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    page.locator("#actions-group .inline-related", has_text="Send test event").locator(
        "text=Send test event"
    ).click()
    page.wait_for_function("document.querySelector('.webhook-result').textContent.includes('ms')")

    assert "verified with the secrets of 'CRM'" in page.locator(".webhook-result").text_content()
    assert InboxRequest.objects.get().signature_verified is True
