"""The agent page in a real browser, as an ops person uses it."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from standardwebhooks.webhooks import Webhook

from actions.webhooks.secrets import active_secrets
from agents.models import Agent
from agents.services import agent_import_json
from tests.console.browser.conftest import needs_chromium, screenshot_path
from tests.factories import SEED_ACTION_JSON, SEED_FIELDS_JSON, AgentFactory
from tests.fakes.http import Server, serving

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]


@pytest.fixture
def receiver() -> Iterator[Server]:
    with serving() as server:
        yield server


def test_ops_paste_the_seed_json_and_see_the_rows(page, live_server) -> None:
    agent = AgentFactory(name="Solaris sales")

    page.goto(f"{live_server.url}/admin/agents/agent/{agent.pk}/change/")
    page.click("text=Import JSON")
    page.fill("#id_fields_json", SEED_FIELDS_JSON)
    page.fill("#id_actions_json", SEED_ACTION_JSON)
    page.click("input[value=Import]")
    page.wait_for_selector(".messagelist")

    assert "Imported 5 field(s) and 1 action(s)" in page.locator(".messagelist").text_content()
    formats = page.locator("select[name$='-format']")
    assert [formats.nth(i).input_value() for i in range(5)] == ["", "", "", "date", "phone"]
    assert page.locator("input[name='fields-1-choices']").input_value() == "high, medium, low, none"
    page.screenshot(path=str(screenshot_path("agent-after-import")))


def test_ops_send_a_test_event_without_leaving_the_page(
    page, live_server, seed_agent: Agent, receiver: Server
) -> None:
    hook = {"type": "webhook", "name": "CRM", "config": {"url": f"{receiver.url}/crm"}}
    agent_import_json(agent=seed_agent, actions_json=json.dumps(hook))
    url = f"{live_server.url}/admin/agents/agent/{seed_agent.pk}/change/"

    page.goto(url)
    page.click("text=Send test event")
    page.wait_for_function("document.querySelector('.webhook-result').textContent.includes('ms')")

    assert page.url == url
    assert page.locator(".webhook-result").text_content().startswith("200 in ")
    request = receiver.received[0]
    secret = active_secrets(seed_agent.actions.get(name="CRM"))[0]
    assert Webhook(secret).verify(request.body, request.headers)["test"] is True
