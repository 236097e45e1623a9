"""Support staff reading a call's AI Analysis, and ops re-running calls in bulk, in Chromium."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from agents.models import Agent
from agents.roles import OPS, SUPPORT
from agents.services import agent_import_json
from calls.models import Call
from calls.services import call_create
from tests.console.browser.conftest import CHROMIUM, screenshot_path
from tests.factories import CallFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
    ),
]
TRANSCRIPT = (
    "Agent: Thanks for calling Solaris, who am I speaking with?\n"
    "User: This is Maria Gonzalez.\n"
    "Agent: Would you like us to call you back about the panels?\n"
    "User: Yes, please call me back next Tuesday, I'm very interested."
)
CRM_HOOK = {
    "type": "webhook",
    "name": "CRM",
    "config": {"url": "http://127.0.0.1:9/crm", "headers": {"Authorization": "Bearer s3cr3t"}},
}


@pytest.fixture
def analysed_call(seed_agent: Agent) -> Call:
    agent_import_json(agent=seed_agent, actions_json=json.dumps(CRM_HOOK))
    call, _ = call_create(
        agent=seed_agent,
        external_id="support-1",
        started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
        from_number="+905551112233",
        transcript=TRANSCRIPT,
    )
    return call


def test_support_reads_values_with_their_evidence(browser_as, live_server, analysed_call) -> None:
    page = browser_as(SUPPORT)

    page.goto(f"{live_server.url}/admin/calls/call/")
    page.click("text=support-1")
    page.click("nav.call-tabs >> text=AI Analysis")
    page.click("tr[data-field=customer_name]")

    assert page.locator("tr[data-field=customer_name] td.value").text_content() == (
        "Maria Gonzalez"
    )
    highlighted = page.locator("mark.active")
    assert highlighted.count() >= 1
    assert "Maria Gonzalez" in highlighted.first.text_content()
    assert highlighted.first.is_visible()
    assert page.locator("text=Re-run analysis").count() == 0
    page.screenshot(path=str(screenshot_path("support-ai-analysis")), full_page=True)


def test_support_cannot_open_the_agents_secrets(browser_as, live_server, analysed_call) -> None:
    page = browser_as(SUPPORT)
    agent = analysed_call.agent

    page.goto(f"{live_server.url}/admin/agents/agent/{agent.pk}/change/")

    assert "s3cr3t" not in page.content()
    assert page.locator("text=Rotate secret").count() == 0
    assert page.locator("text=Send test event").count() == 0
    answer = page.request.post(
        f"{live_server.url}/admin/agents/agent/{agent.pk}/actions/"
        f"{agent.actions.get(name='CRM').pk}/rotate-secret/"
    )
    assert answer.status == 403
    page.screenshot(path=str(screenshot_path("support-agent-read-only")), full_page=True)


def test_ops_rerun_filtered_calls_and_watch_the_progress(
    browser_as, live_server, seed_agent: Agent
) -> None:
    for _ in range(5):
        CallFactory(agent=seed_agent)
    page = browser_as(OPS)

    page.goto(f"{live_server.url}/admin/calls/call/?agent__id__exact={seed_agent.pk}")
    page.check("#action-toggle")
    page.select_option("select[name=action]", "rerun_selected")
    page.click("button[name=index]")
    page.wait_for_selector("#rerun-status:has-text('done')")

    assert page.locator("#rerun-succeeded").text_content() == "5"
    assert page.locator("#rerun-progress").get_attribute("value") == "100"
    page.screenshot(path=str(screenshot_path("ops-bulk-rerun")), full_page=True)
