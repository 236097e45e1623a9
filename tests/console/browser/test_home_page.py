"""In Chromium: ops log in to a home page that says nothing waits, then a call is held and
the page counts it without reloading or moving; the count's link opens the review queue.
Support, with everything waiting, sees its lines and no voice platform's."""

from __future__ import annotations

import pytest

from agents.models import Agent
from agents.roles import OPS, SUPPORT
from tests.console.browser.conftest import needs_chromium, screenshot_path
from tests.console.home_waiting import everything_waits
from tests.factories import held_call

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]


def test_the_home_page_counts_a_held_call_in_place_and_links_to_it(
    browser_as, live_server, seed_agent: Agent, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("console.site.REFRESH_SECONDS", 1)
    page = browser_as(OPS)
    page.set_viewport_size({"width": 1280, "height": 500})

    assert page.locator(".home-nothing").inner_text() == "Nothing waits for a person."
    page.evaluate("window.notReloaded = true; window.scrollTo(0, 120)")
    scrolled = page.evaluate("window.scrollY")

    held_call(seed_agent)
    page.wait_for_selector(".home-line >> text=call waits for review")

    assert page.evaluate("window.notReloaded") is True
    assert page.evaluate("window.scrollY") == scrolled
    assert page.locator(".home-nothing").count() == 0
    page.screenshot(path=screenshot_path("home-page-one-held"), full_page=True)
    page.click(".home-line >> text=call waits for review")
    page.wait_for_url("**/admin/actions/review/")
    assert page.locator("#result_list tbody tr").count() == 1


def test_support_sees_what_waits_that_it_may_open(browser_as, seed_agent: Agent) -> None:
    everything_waits(seed_agent)

    page = browser_as(SUPPORT)

    text = page.locator("#home-lines").inner_text()
    assert "Nothing waits for a person." not in text
    assert "1 call waits for review" in text
    assert "action switched off: Old CRM (Solaris sales)" in text
    assert "calls not analysed: The model refused" not in text  # one call: singular
    assert "1 call not analysed: The model refused" in text
    assert "Voice platforms" not in text
    page.screenshot(path=screenshot_path("home-page-support"), full_page=True)
