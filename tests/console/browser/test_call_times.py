"""The call page in Chromium: its start and end read on one clock, the call's, named."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from calls.models import Call
from tests.console.browser.conftest import needs_chromium, screenshot_path
from tests.factories import AgentFactory

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]


def test_a_call_ends_after_it_starts_on_its_page(page, live_server) -> None:
    call = Call.objects.create(
        agent=AgentFactory(timezone="Europe/Istanbul"),
        external_id="evening-1",
        started_at=datetime(2026, 3, 10, 16, 47, tzinfo=UTC),
        ended_at=datetime(2026, 3, 10, 16, 52, tzinfo=UTC),
        timezone="Europe/Istanbul",
    )

    page.goto(f"{live_server.url}/admin/calls/call/{call.pk}/change/")

    started = page.locator(".fieldBox.field-local_start .readonly").inner_text()
    ended = page.locator(".fieldBox.field-local_end .readonly").inner_text()
    assert (started, ended) == ("Tue 2026-03-10 19:47 +03", "Tue 2026-03-10 19:52 +03")
    assert page.locator(".zone-note").inner_text() == "Times are in Europe/Istanbul."
    page.screenshot(path=str(screenshot_path("call-times")), full_page=True)
