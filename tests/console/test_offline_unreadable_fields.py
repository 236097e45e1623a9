"""The agent page names, above the fields table, each field the offline extractor cannot
read from any call, with why, when the site extracts without a model."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from agents.models import Agent
from tests.factories import FieldFactory

pytestmark = pytest.mark.django_db

NOTICE = re.compile(r'<div class="offline-unread".*?</div>', re.DOTALL)


@pytest.fixture(autouse=True)
def offline_site(settings) -> None:
    settings.EXTRACTION_BACKEND = "offline"


@pytest.fixture
def objection_agent(seed_agent: Agent) -> Agent:
    """The product page's five fields and a free-text one."""
    FieldFactory(
        agent=seed_agent,
        name="main_objection",
        type="string",
        description="The customer's main objection",
        position=5,
    )
    return seed_agent


def agent_page(client: Client, agent: Agent) -> str:
    response = client.get(reverse("admin:agents_agent_change", args=[agent.pk]))
    assert response.status_code == 200
    return response.content.decode()


def notice_text(page: str) -> str | None:
    """The notice as a person reads it: tags removed, entities decoded, spaces collapsed."""
    notice = NOTICE.search(page)
    if notice is None:
        return None
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", notice.group())).split())


def test_the_page_names_the_free_text_field_and_why_above_the_fields(
    admin_client: Client, objection_agent: Agent
) -> None:
    page = agent_page(admin_client, objection_agent)
    notice = notice_text(page)

    assert notice is not None
    assert notice.startswith("Without a model, these fields stay empty: main_objection (free text:")
    assert "not sentences" in notice
    for readable in ("customer_name", "interest_level", "follow_up_required", "follow_up_date",
                     "callback_number"):  # fmt: skip
        assert readable not in notice
    assert page.index('class="offline-unread"') < page.index('id="fields-group"')


def test_each_unreadable_field_is_listed_with_its_own_reason(
    admin_client: Client, objection_agent: Agent
) -> None:
    FieldFactory(
        agent=objection_agent,
        name="call_summary",
        description="A summary of the call",
        position=6,
    )
    FieldFactory(
        agent=objection_agent,
        name="emergency_contact_name",
        description="Name of the emergency contact",
        position=7,
    )

    notice = notice_text(agent_page(admin_client, objection_agent)) or ""

    assert "main_objection (free text:" in notice
    assert "call_summary (the offline extractor does not write summaries" in notice
    assert notice.index("main_objection") < notice.index("call_summary")
    # Another person's name is read when the customer gives it, so it is no promise of null.
    assert "emergency_contact_name" not in notice


def test_an_agent_whose_fields_are_all_read_shows_no_notice(
    admin_client: Client, seed_agent: Agent
) -> None:
    page = agent_page(admin_client, seed_agent)

    assert notice_text(page) is None
    assert "Without a model" not in page


def test_a_site_that_extracts_with_a_model_shows_no_notice(
    admin_client: Client, objection_agent: Agent, settings
) -> None:
    settings.EXTRACTION_BACKEND = "openai"

    page = agent_page(admin_client, objection_agent)

    assert notice_text(page) is None
    assert "Without a model" not in page
