"""Ops set an action to wait for a person below a confidence of 0.6 on the agent page in
Chromium; a call whose follow-up date was read at 0.42 then waits in the review queue,
saying so, while a call read surely books its follow-up at once."""

from __future__ import annotations

import pytest

from actions.models import FollowUp, Outcome
from actions.services import run_actions_handle
from agents.models import Agent
from calls.models import Call
from tests.console.browser.conftest import needs_chromium, screenshot_path
from tests.factories import SEED_VALUES, SURE, CallFactory, run_to_decide

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]


def decided(agent: Agent, external_id: str, confidences: dict[str, float]) -> Call:
    call = CallFactory(agent=agent, external_id=external_id)
    run = run_to_decide(call, values=SEED_VALUES, confidences={**SURE, **confidences})
    run_actions_handle(run_id=run.pk)
    return call


def test_ops_set_a_threshold_and_a_call_below_it_waits_in_the_queue(
    page, live_server, seed_agent: Agent
) -> None:
    page.goto(f"{live_server.url}/admin/agents/agent/{seed_agent.pk}/change/")
    row = page.locator("#actions-group .inline-related", has_text="Auto follow-up").first
    row.locator("select[name$='-review']").select_option("confidence")
    row.locator("input[name$='-review_below']").fill("0.6")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")

    action = seed_agent.actions.get()
    assert (action.review, action.review_below) == ("confidence", 0.6)
    unsure = decided(seed_agent, "unsure-date", {"follow_up_date": 0.42})
    sure = decided(seed_agent, "sure-date", {})
    assert unsure.action_runs.get().outcome == Outcome.HELD
    assert sure.action_runs.get().outcome == Outcome.FIRED
    assert list(FollowUp.objects.values_list("source_call__external_id", flat=True)) == [
        "sure-date"
    ]

    page.goto(f"{live_server.url}/admin/actions/review/")
    assert page.locator("#result_list tbody th").all_inner_texts() == ["unsure-date"]
    queue = page.inner_text("#result_list")
    assert "follow_up_date at 0.42, below 0.6" in queue
    assert "follow_up_date 0.42" in queue
    page.click("#changelist-filter >> text=below 0.5")
    page.wait_for_url("**below=0.5**")
    assert page.locator("#result_list tbody th").all_inner_texts() == ["unsure-date"]
    page.screenshot(path=screenshot_path("review-queue-by-confidence"), full_page=True)
