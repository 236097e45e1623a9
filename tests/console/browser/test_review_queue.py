"""A call whose follow-up date has no evidence waits for review; a support user corrects
the date in Chromium and releases it: the follow-up is booked at the corrected time and
the webhook carries the corrected value, saying who reviewed it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import Page, sync_playwright

from actions.inbox import inbox_create, inbox_url
from actions.models import FollowUp, InboxRequest, WebhookDelivery
from actions.services import run_actions_handle
from agents.models import Agent
from agents.roles import SUPPORT, staff_user_create
from agents.services import agent_import_json
from tests.console.browser.conftest import CHROMIUM, CHROMIUM_ARGS, screenshot_path
from tests.factories import CallFactory, run_to_decide

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
    ),
]
ISTANBUL = ZoneInfo("Europe/Istanbul")


@pytest.fixture
def support_page(live_server, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], Page]]:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def login() -> Page:
            staff_user_create(username="sam", password="pw-sam", role=SUPPORT)
            page = browser.new_page()
            page.goto(f"{live_server.url}/admin/login/")
            page.fill("#id_username", "sam")
            page.fill("#id_password", "pw-sam")
            page.click("input[type=submit]")
            page.wait_for_url(f"{live_server.url}/admin/")
            return page

        yield login
        browser.close()


def test_support_corrects_an_unfounded_date_and_releases_the_follow_up(
    support_page, live_server, seed_agent: Agent
) -> None:
    seed_agent.actions.update(review="uncertain")
    inbox = inbox_create(name="CRM")
    hook = {"type": "webhook", "name": "CRM", "config": {"url": inbox_url(inbox)}}
    agent_import_json(agent=seed_agent, actions_json=json.dumps({**hook, "review": "uncertain"}))
    today = timezone.now().astimezone(ISTANBUL).date()
    said, meant = today + timedelta(days=3), today + timedelta(days=5)
    call = CallFactory(
        agent=seed_agent, external_id="held-1", started_at=timezone.now() - timedelta(minutes=5)
    )
    values = {
        "customer_name": "Maria Gonzalez",
        "interest_level": "high",
        "follow_up_required": True,
        "follow_up_date": said.isoformat(),
        "callback_number": "05321234567",
    }
    run = run_to_decide(call, values=values, ungrounded=["follow_up_date"])
    run_actions_handle(run_id=run.pk)
    assert not FollowUp.objects.exists() and not WebhookDelivery.objects.exists()

    page = support_page()
    page.goto(f"{live_server.url}/admin/actions/review/")
    assert "follow_up_date has no evidence" in page.inner_text("#result_list")
    page.screenshot(path=screenshot_path("review-queue"), full_page=True)
    page.goto(f"{live_server.url}/admin/calls/call/{call.pk}/analysis/")
    assert "follow_up_date has no evidence" in page.inner_text("#review-status")
    page.click("#review-status >> text=Review it")
    page.wait_for_selector("#held-actions")
    assert "in Europe/Istanbul" in page.inner_text("#fields")
    page.fill("input[name=follow_up_date]", meant.isoformat())
    page.fill("input[name='follow_up_date-time']", "15:30")
    page.screenshot(path=screenshot_path("review-correct-date"), full_page=True)
    page.click("button[value=correct]")
    page.wait_for_selector("ul.messagelist")

    message = page.inner_text("ul.messagelist")
    assert f"follow_up_date: {said.isoformat()} → {meant.isoformat()} 15:30" in message
    followup = FollowUp.objects.get()
    assert followup.due_at == datetime.combine(meant, time(15, 30), tzinfo=ISTANBUL)
    (received,) = InboxRequest.objects.filter(inbox=inbox)
    extraction = json.loads(received.body)["data"]["extraction"]
    assert extraction["values"]["follow_up_date"] == meant.isoformat()
    assert extraction["review"]["reviewed_by"] == "sam"
    assert extraction["review"]["corrected"]["follow_up_date"]["extracted"] == said.isoformat()
    page.goto(f"{live_server.url}/admin/calls/call/{call.pk}/analysis/")
    assert "Released by sam" in page.inner_text("#reviews")
    page.screenshot(path=screenshot_path("review-released"), full_page=True)
