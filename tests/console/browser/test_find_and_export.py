"""Support finds a call by the customer's name and tries the saved config on it; ops
export the filtered call list and read it as a spreadsheet would, in Chromium."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from agents.models import Agent
from agents.roles import OPS, SUPPORT
from calls.models import Call
from calls.services import call_create
from tests.console.browser.conftest import CHROMIUM, screenshot_path
from tests.factories import AgentFactory, AnalysedCallFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
    ),
]


def transcript(name: str) -> str:
    return (
        "Agent: Thanks for calling Solaris, who am I speaking with?\n"
        f"User: This is {name}.\n"
        "Agent: Would you like us to call you back about the panels?\n"
        "User: Yes, please call me back next Tuesday, I'm very interested."
    )


@pytest.fixture
def calls(seed_agent: Agent) -> list[Call]:
    stored = []
    for minute, name in enumerate(["Maria Gonzalez", "Kemal Yilmaz", "Ayşe Demir"]):
        call, _ = call_create(
            agent=seed_agent,
            external_id=f"rt-{minute}",
            started_at=datetime(2026, 3, 10, 11, minute, tzinfo=UTC),
            from_number="+905551112233",
            transcript=transcript(name),
        )
        stored.append(call)
    return stored


def test_support_finds_a_call_by_name_and_tries_the_saved_config(
    browser_as, live_server, calls
) -> None:
    page = browser_as(SUPPORT)

    page.goto(f"{live_server.url}/admin/calls/call/")
    page.fill("#searchbar", "kemal yilmaz")
    page.press("#searchbar", "Enter")
    page.wait_for_url("**/?q=kemal+yilmaz")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    assert rows.first.locator("th").inner_text() == "rt-1"
    page.screenshot(path=screenshot_path("support-finds-call-by-name"), full_page=True)

    rows.first.locator("th a").click()
    page.wait_for_url("**/change/**")
    page.click("nav.call-tabs >> text=AI Analysis")
    page.click("#trial-this-call")
    page.wait_for_selector(".trial-result")

    name = page.locator(".trial-fields tr[data-field=customer_name]")
    assert "Kemal Yilmaz" in name.locator(".trial-value").inner_text()
    assert "nothing was stored or sent" in page.locator(".trial-summary").inner_text()
    follow_up = page.locator(".trial-actions tr[data-action='Auto follow-up']")
    assert follow_up.get_attribute("data-outcome") == "fired"
    page.screenshot(path=screenshot_path("support-trial-on-found-call"), full_page=True)
    assert Call.objects.get(pk=calls[1].pk).runs.count() == 1


def test_the_csv_export_reads_as_a_spreadsheet_would(browser_as, live_server, calls) -> None:
    seed_agent = calls[0].agent
    AnalysedCallFactory(
        agent=seed_agent,
        external_id="evil",
        started_at=datetime(2026, 3, 9, 21, 30, tzinfo=UTC),
        values={"customer_name": '=HYPERLINK("http://evil.example","x")'},
    )
    AnalysedCallFactory(agent=AgentFactory(), external_id="elsewhere", values={})
    page = browser_as(OPS)

    page.goto(f"{live_server.url}/admin/calls/call/?agent__id__exact={seed_agent.pk}")
    page.click("#changelist-filter >> text=+ customer_name")
    page.wait_for_selector("#result_list th.column-value_customer_name")
    page.click("#changelist-filter >> text=+ interest_level")
    page.wait_for_selector("#result_list th.column-value_interest_level")
    assert page.locator("#result_list th.column-value_customer_name").count() == 1
    assert "Ayşe Demir" in page.locator("#result_list").inner_text()
    page.screenshot(path=screenshot_path("call-list-value-columns"), full_page=True)
    with page.expect_download() as download_info:
        page.click("text=Export these calls as CSV")
    download = download_info.value

    assert download.suggested_filename.endswith("-UTC.csv")
    raw = Path(download.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [row["external id"] for row in rows] == ["rt-2", "rt-1", "rt-0", "evil"]
    assert list(rows[0])[10:] == [
        "customer_name",
        "customer_name confidence",
        "interest_level",
        "interest_level confidence",
    ]
    assert rows[0]["customer_name"] == "Ayşe Demir"
    assert rows[0]["interest_level"] == "high"
    assert rows[0]["started at"] == "2026-03-10T14:02:00+03:00"
    assert rows[0]["time zone"] == "Europe/Istanbul"
    assert rows[3]["customer_name"].startswith("'=")
    assert rows[3]["started at"] == "2026-03-10T00:30:00+03:00"
    assert all(not row[key].startswith(("=", "+", "-", "@")) for row in rows for key in row)


def test_ops_add_a_preset_field_from_the_agent_page(browser_as, live_server, seed_agent) -> None:
    page = browser_as(OPS)

    page.goto(f"{live_server.url}/admin/agents/agent/{seed_agent.pk}/change/")
    page.click("#fields-group >> button[data-preset=sentiment]")
    page.click("#fields-group >> button[data-preset=voicemail_reached]")
    page.screenshot(path=screenshot_path("agent-page-field-presets"), full_page=True)
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    saved = {field.name: field for field in seed_agent.fields.all()}
    assert list(saved)[-2:] == ["sentiment", "voicemail_reached"]
    assert saved["sentiment"].type == "enum"
    assert saved["sentiment"].choices == ["positive", "neutral", "negative"]
    assert saved["voicemail_reached"].type == "boolean"
    assert saved["voicemail_reached"].description.startswith("Whether the call reached voicemail")
    assert page.locator("#fields-group button[data-preset=sentiment]").count() == 0
    assert page.locator("#fields-group button[data-preset=call_summary]").count() == 1
