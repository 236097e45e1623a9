"""Support finds a call by the customer's name, any extracted value or the words said."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from agents.models import Agent
from agents.roles import SUPPORT, staff_user_create
from calls.models import Call
from calls.services import call_create
from tests.factories import AnalysedCallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def support(db: None) -> Client:
    client = Client()
    client.force_login(staff_user_create(username="sam", password="pw", role=SUPPORT))
    return client


@pytest.fixture
def calls(seed_agent: Agent) -> list[Call]:
    said = [{"role": "user", "text": "Hello, I'm calling about the blue panels."}]
    return [
        AnalysedCallFactory(
            agent=seed_agent,
            external_id="jose",
            transcript=said,
            values={"customer_name": "José Ñúñez", "interest_level": "high"},
        ),
        AnalysedCallFactory(
            agent=seed_agent,
            external_id="kemal",
            values={"customer_name": "Kemal Yilmaz", "callback_number": "02125550199"},
        ),
        AnalysedCallFactory(agent=seed_agent, external_id="nobody", values={}),
    ]


def found(client: Client, term: str) -> set[str]:
    response = client.get(reverse("admin:calls_call_changelist"), {"q": term})
    assert response.status_code == 200
    return {call.external_id for call in response.context["cl"].result_list}


def test_support_finds_a_call_by_the_customers_name_in_any_case(support, calls) -> None:
    assert found(support, "kemal") == {"kemal"}
    assert found(support, "YILMAZ kemal") == {"kemal"}
    assert found(support, "josé") == {"jose"}
    assert found(support, "JOSÉ ÑÚÑEZ") == {"jose"}


def test_any_extracted_value_and_the_transcript_are_searched(support, calls) -> None:
    assert found(support, "02125550199") == {"kemal"}
    assert found(support, "high") == {"jose"}
    assert found(support, "blue panels") == {"jose"}
    assert found(support, "Gonzalez") == {"kemal", "nobody"}  # said in their transcripts


def test_field_names_are_not_matched_as_values(support, calls) -> None:
    assert found(support, "customer_name") == set()


def test_a_new_analysis_replaces_what_is_found(
    support, seed_agent, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        call, _ = call_create(
            agent=seed_agent,
            external_id="live",
            started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
            transcript="Agent: Who am I speaking with?\nUser: My name is Ayşe Demir.",
        )

    assert found(support, "ayşe demir") == {"live"}
    call.refresh_from_db()
    assert call.latest_run.values["customer_name"] == "Ayşe Demir"
