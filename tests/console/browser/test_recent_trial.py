"""Try on recent calls in a real browser: the progress bar follows the task workers' chunks,
then the values that would change are listed field by field."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django_q.conf import Conf

from agents.models import Agent, TrialRun
from console.recent_trial import CHUNK_SIZE, recent_trial_chunk
from infra.queue import broker
from tests.console.browser.conftest import needs_chromium, screenshot_path
from tests.factories import AnalysedCallFactory

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]
CALLS = CHUNK_SIZE + 5  # two chunks of work
MARIA = [
    {"role": "agent", "text": "Who am I speaking with?"},
    {"role": "user", "text": "My name is Maria Gonzalez."},
]


@pytest.fixture
def real_queue(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tasks wait in the broker; the test does each chunk's work as a worker would."""
    monkeypatch.setattr(Conf, "SYNC", False)
    broker().purge_queue()
    yield
    broker().purge_queue()


def test_ops_watch_a_trial_on_recent_calls_fill_its_progress_bar(
    page, live_server, seed_agent: Agent, real_queue: None
) -> None:
    for _ in range(CALLS):
        AnalysedCallFactory(agent=seed_agent, transcript=MARIA, values={"customer_name": "Maria"})
    page.goto(f"{live_server.url}/admin/agents/agent/{seed_agent.pk}/change/")

    page.fill("#recent-limit", str(CALLS))
    page.click("#recent-run")
    page.wait_for_selector(f"text=0 of {CALLS} calls tried (0%)")
    assert broker().queue_size() == 2
    trial = TrialRun.objects.get()

    recent_trial_chunk(trial_id=trial.pk, offset=0)
    percent = CHUNK_SIZE * 100 // CALLS
    page.wait_for_selector(f"text={CHUNK_SIZE} of {CALLS} calls tried ({percent}%)")
    assert page.locator("#recent-progress").get_attribute("value") == str(percent)
    page.locator("#recent-trial-panel").screenshot(path=str(screenshot_path("recent-trial-part")))

    recent_trial_chunk(trial_id=trial.pk, offset=CHUNK_SIZE)
    page.wait_for_selector(f"text={CALLS} of {CALLS} calls tried (100%) — done")
    table = page.locator("#recent-fields").inner_text()
    assert f"customer_name\t{CALLS} of {CALLS}" in table
    assert f"interest_level\t0 of {CALLS}" in table
    assert page.locator(".recent-changes[data-field=customer_name] tbody tr").count() == CALLS
    page.locator("#recent-trial-panel").screenshot(path=str(screenshot_path("recent-trial-done")))
    assert seed_agent.calls.filter(latest_run__values__customer_name="Maria").count() == CALLS
