"""The agent page in a real browser, as an ops person uses it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from playwright.sync_api import sync_playwright
from standardwebhooks.webhooks import Webhook

from actions.webhooks import active_secrets
from agents.models import Agent
from agents.services import agent_import_json
from tests.factories import SEED_ACTION_JSON, SEED_FIELDS_JSON, AgentFactory
from tests.fakes.http import Server, serving

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
    ),
]
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture
def page(live_server, monkeypatch: pytest.MonkeyPatch) -> Iterator:
    # Playwright's sync API keeps an event loop in this thread; the test's own database
    # calls are still plain synchronous ones.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    User.objects.create_superuser("ops", password="ops-password-1")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", "ops")
        page.fill("#id_password", "ops-password-1")
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        yield page
        browser.close()


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


def screenshot_path(name: str) -> Path:
    folder = settings.VAR_DIR / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}.png"
