"""An ops person connects an agent to Retell in a real browser, and a call arrives by itself."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import requests

from agents.models import Agent
from tests.connectors import payloads
from tests.connectors.peers import encoded, retell_body, retell_headers
from tests.console.browser.conftest import needs_chromium, screenshot_path

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]
RETELL_KEY = "key_0f3c1d2e4b5a69788796a5b4"


def test_ops_connect_retell_copy_the_url_and_the_analysed_call_appears(
    page, live_server, seed_agent: Agent, settings
) -> None:
    settings.PUBLIC_BASE_URL = live_server.url
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)

    page.goto(f"{live_server.url}/admin/agents/agent/{seed_agent.pk}/change/")
    page.click("text=Connect a voice platform")
    page.select_option("#id_platform", "retell")
    page.fill("#id_secret", RETELL_KEY)
    page.click("input[name=_save]")
    page.wait_for_selector(".connection-url")
    assert "Agent Level Webhook URL" in page.locator(".messagelist").text_content()

    page.click("button.copy-url")
    page.wait_for_function("document.querySelector('.copy-result').textContent === 'Copied'")
    url = page.evaluate("navigator.clipboard.readText()")
    assert url.startswith(f"{live_server.url}/hooks/retell/")

    body = encoded(retell_body(payloads.retell("call_analyzed")))
    answer = requests.post(
        url,
        data=body,
        headers={
            **retell_headers(body, RETELL_KEY, datetime.now(UTC)),
            "Content-Type": "application/json",
        },
        timeout=60,
    )
    assert answer.status_code == 200

    page.reload()
    assert "200 Call stored" in page.locator(".delivery-verdict").first.text_content()
    page.screenshot(path=str(screenshot_path("connection-after-a-delivery")))
    page.click("a.delivery-call")
    page.wait_for_selector("text=Maria Gonzalez")
    page.screenshot(path=str(screenshot_path("connection-call-analysis")), full_page=True)
    assert "Maria Gonzalez" in page.content()
