"""The AI Analysis page and the agent dashboard read on a 390 px wide phone: nothing is
cut off and the page never scrolls sideways."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from agents.models import Action, Agent
from agents.services import agent_import_json
from calls.models import Call
from calls.services import call_create
from tests.console.browser.conftest import needs_chromium, screenshot_path
from tests.factories import (
    SEED_ACTION_JSON,
    SEED_FIELDS_JSON,
    AgentFactory,
    AnalysedCallFactory,
    FailedCallFactory,
)

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]

PHONE = {"width": 390, "height": 844}
TRANSCRIPT = (
    "Agent: Hello, this is Ada from Solaris Energy. Who am I speaking with?\n"
    "User: Hi, my name is Maria Gonzalez-Fernández de la Peña.\n"
    "Agent: Are you still interested in rooftop solar for your house?\n"
    "User: Yes, very much. We want to get it installed before summer, ideally in May.\n"
    "Agent: Shall we call you back to book a site survey?\n"
    "User: Yes please, call me next Tuesday.\n"
    "Agent: What's the best number to reach you?\n"
    "User: My cell is oh five three two, one two three, four five six seven."
)
LONG_URL = "http://127.0.0.1:9/crm/integrations/postcall/webhooks/v2/receive-analysed-call-events"


@pytest.fixture
def agent() -> Agent:
    agent = AgentFactory(slug="solaris", name="Solaris sales", timezone="Europe/Istanbul")
    agent_import_json(agent=agent, fields_json=SEED_FIELDS_JSON, actions_json=SEED_ACTION_JSON)
    Action.objects.create(agent=agent, name="CRM", type="webhook", config={"url": LONG_URL})
    return agent


@pytest.fixture
def call(agent: Agent) -> Call:
    """Analysed, its follow-up booked and its webhook tried (and refused) inline."""
    call, _ = call_create(
        agent=agent,
        external_id="call-with-a-rather-long-external-identifier-0001",
        started_at=timezone.now() - timedelta(hours=2),
        from_number="+905321234567",
        to_number="+908501234567",
        transcript=TRANSCRIPT,
    )
    call.refresh_from_db()
    return call


def scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_ai_analysis_page_fits_a_390_px_phone(page, live_server, call: Call) -> None:
    page.set_viewport_size(PHONE)

    page.goto(live_server.url + reverse("admin:calls_call_analysis", args=[call.pk]))

    page.screenshot(path=screenshot_path("analysis-390px"), full_page=True)
    assert scroll_width(page) <= PHONE["width"]
    evidence = page.locator("#fields tr.field-row").first.locator("blockquote")
    box = evidence.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]


def test_the_call_page_fits_a_390_px_phone(page, live_server, call: Call) -> None:
    page.set_viewport_size(PHONE)

    page.goto(live_server.url + reverse("admin:calls_call_change", args=[call.pk]))

    page.screenshot(path=screenshot_path("call-390px"), full_page=True)
    assert scroll_width(page) <= PHONE["width"]


def busy_month(call: Call) -> None:
    """A month of calls, a few a day, with a long failure reason among them."""
    now = timezone.now()
    for day in range(30):
        for n in range(day % 4):
            AnalysedCallFactory(
                agent=call.agent,
                started_at=now - timedelta(days=day, minutes=n),
                values={"interest_level": "high", "follow_up_required": n % 2 == 0},
            )
    FailedCallFactory(
        agent=call.agent,
        started_at=now - timedelta(days=3),
        reasons=["gave up after 3 attempts: the model did not answer within 60 s, twice"],
    )


def count_font_pixels(page) -> float:
    return page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.day-columns .count')).fontSize)"
    )


def day_colour(column) -> str:
    """Transparent for a day whose label is left out."""
    return column.locator(".day").evaluate("day => getComputedStyle(day).color")


def test_the_dashboard_fits_a_390_px_phone(page, live_server, call: Call) -> None:
    busy_month(call)
    page.set_viewport_size(PHONE)

    page.goto(
        live_server.url
        + reverse("admin:agents_agent_dashboard", args=[call.agent_id])
        + "?period=30d"
    )

    page.screenshot(path=screenshot_path("dashboard-390px"), full_page=True)
    page.locator("#calls-per-day").screenshot(path=screenshot_path("dashboard-calls-per-day-390px"))
    assert scroll_width(page) <= PHONE["width"]
    days = page.locator(".day-columns li")
    assert days.count() == 30
    # One row a day, its day and its count written out in the page's type.
    assert days.first.locator(".day").is_visible()
    assert day_colour(days.last) == day_colour(days.first) != "rgba(0, 0, 0, 0)"
    assert count_font_pixels(page) >= 11


def test_the_calls_per_day_have_their_numbers_on_them_on_a_wide_screen(
    page, live_server, call: Call
) -> None:
    busy_month(call)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(
        live_server.url
        + reverse("admin:agents_agent_dashboard", args=[call.agent_id])
        + "?period=30d"
    )

    page.locator("#calls-per-day").screenshot(path=screenshot_path("dashboard-calls-per-day"))
    columns = page.locator(".day-columns li")
    assert columns.count() == 30
    counts = [int(text) for text in columns.locator(".count").all_inner_texts()]
    # The month's calls, the call and the failed one.
    assert sum(counts) == sum(day % 4 for day in range(30)) + 2
    assert count_font_pixels(page) >= 11
    # A few days labelled under their columns, not all thirty on top of each other.
    labelled = [column for column in columns.all() if day_colour(column) != "rgba(0, 0, 0, 0)"]
    assert 2 <= len(labelled) <= 8


@pytest.mark.parametrize(("path", "name"), [("/", "home"), ("/no/such/page/", "not-found")])
def test_the_landing_and_error_pages_fit_a_390_px_phone(page, live_server, path, name) -> None:
    page.set_viewport_size(PHONE)

    response = page.goto(live_server.url + path)

    page.screenshot(path=screenshot_path(f"{name}-390px"), full_page=True)
    assert response is not None
    assert response.status in (200, 404)
    assert scroll_width(page) <= PHONE["width"]
    page.locator("a", has_text="Open the admin").click()
    page.wait_for_url(f"{live_server.url}/admin/")
