"""A call's pages update themselves: the AI Analysis shows a re-run once it finishes, and
a call page still "Analyzing" shows its analysis when it is done, with no reload by hand."""

from __future__ import annotations

import pytest
from django.urls import reverse

from calls.models import Call, CallStatus, RunStatus
from tests.console.browser.conftest import needs_chromium, screenshot_path
from tests.factories import CallFactory, RunFactory

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]


def finish(call: Call, run, **values) -> None:
    """What the worker does when the run succeeds."""
    run.status = RunStatus.SUCCEEDED
    run.values = {**(call.latest_run.values if call.latest_run else {}), **values}
    run.save()
    Call.objects.filter(pk=call.pk).update(latest_run=run, status=CallStatus.ANALYZED)


def mark_page(page) -> None:
    """A flag that only this load of the page carries: gone once the page reloads."""
    page.evaluate("window.loadedByTheTest = true")


def test_the_analysis_page_shows_a_re_run_once_it_finishes(
    page, live_server, analysed_call: Call
) -> None:
    rerun = RunFactory(call=analysed_call, status=RunStatus.QUEUED)
    page.goto(live_server.url + reverse("admin:calls_call_analysis", args=[analysed_call.pk]))
    assert (
        page.locator("#live-status")
        .inner_text()
        .strip()
        .startswith(f"Analysis run {rerun.pk} in progress")
    )
    mark_page(page)

    finish(analysed_call, rerun, customer_name="Maria Gonzalez-Okafor")

    page.wait_for_selector("text=Maria Gonzalez-Okafor", timeout=20_000)
    page.screenshot(path=screenshot_path("analysis-after-rerun"), full_page=True)
    assert page.evaluate("window.loadedByTheTest") is None
    assert f"Run {rerun.pk}" in page.locator(".run-meta").first.inner_text()
    assert page.locator("#live-status").inner_text() == ""


def test_a_call_page_still_analysing_shows_the_analysis_when_it_is_done(
    page, live_server, seed_agent
) -> None:
    call = CallFactory(agent=seed_agent, status=CallStatus.ANALYZING)
    run = RunFactory(call=call, status=RunStatus.RUNNING)
    page.goto(live_server.url + reverse("admin:calls_call_change", args=[call.pk]))
    assert "this page updates itself" in page.locator("#live-status").inner_text()
    mark_page(page)

    finish(call, run, customer_name="Kemal Yilmaz")

    page.wait_for_function("!document.querySelector('#live-status[data-in-progress]')",
                           timeout=20_000)  # fmt: skip
    page.wait_for_load_state()
    assert page.evaluate("window.loadedByTheTest") is None
    page.screenshot(path=screenshot_path("call-after-analysis"), full_page=True)
    assert "Analyzed" in page.locator("#content").inner_text()
