"""The "Test on a transcript" panel's endpoint: the page's config as typed, no side effects."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import ActionRun, FollowUp, InboxRequest, WebhookDelivery
from agents.models import Agent
from calls.models import Call, ExtractionRun
from extraction.transcripts import parse_transcript
from tests.conftest import CALL_START_LOCAL, NOT_INTERESTED, SEED_TRANSCRIPT
from tests.console.agent_page import action_rows, field_rows, page_data
from tests.factories import CallFactory
from tests.fakes.http import Received, Reply, serving
from tests.fakes.openai_server import ModelServer, completion

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def try_url(agent: Agent) -> str:
    return reverse("admin:agents_agent_try", args=[agent.pk])


def text(response: HttpResponse) -> str:
    """The fragment's visible text: tags removed, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_the_panel_shows_values_evidence_and_what_would_fire(
    admin_client: Client, seed_agent: Agent
) -> None:
    data = page_data(seed_agent, transcript=SEED_TRANSCRIPT, started_at=CALL_START_LOCAL)

    response = admin_client.post(try_url(seed_agent), data)

    assert response.status_code == 200
    shown = text(response)
    assert "Call started Tue 2026-03-10 14:05 +03" in shown
    assert "customer_name Maria Gonzalez “Hi, my name is Maria Gonzalez.”" in shown
    assert "follow_up_date 2026-03-17 “Yes please, call me next Tuesday.”" in shown
    assert "follow_up_required true" in shown
    assert "would fire follow_up_required is true (== true)" in shown
    assert "Follow-up call Tue 2026-03-17 10:00 +03, calling +905321234567" in shown


def test_the_change_page_offers_the_trial_on_the_agents_stored_calls(
    admin_client: Client, seed_agent: Agent
) -> None:
    stored = CallFactory(agent=seed_agent, external_id="rt-0001")

    response = admin_client.get(reverse("admin:agents_agent_change", args=[seed_agent.pk]))

    page = response.content.decode()
    assert "Test on a transcript" in page
    assert 'name="trial-transcript"' in page
    assert f'<option value="{stored.pk}">rt-0001 — Tue 2026-03-10 14:05 +03</option>' in page
    assert try_url(seed_agent) in page


def test_an_unsaved_condition_is_what_runs(admin_client: Client, seed_agent: Agent) -> None:
    [action] = action_rows(seed_agent)
    action["condition"] = json.dumps({"field": "interest_level", "operator": "==", "value": "low"})
    data = page_data(
        seed_agent, actions=[action], transcript=SEED_TRANSCRIPT, started_at=CALL_START_LOCAL
    )

    response = admin_client.post(try_url(seed_agent), data)

    assert "would be skipped interest_level is 'high', condition wants == 'low'" in text(response)
    assert seed_agent.actions.get().condition["field"] == "follow_up_required"


def test_an_unsaved_field_description_is_what_runs(
    admin_client: Client, seed_agent: Agent, openai_server: ModelServer, settings
) -> None:
    settings.EXTRACTION_BACKEND = "openai"
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = openai_server.base_url
    openai_server.default = answer_by_description
    fields = field_rows(seed_agent)
    next(row for row in fields if row["name"] == "customer_name")["description"] = (
        "Customer first name only"
    )

    before = admin_client.post(
        try_url(seed_agent), page_data(seed_agent, transcript=SEED_TRANSCRIPT)
    )
    after = admin_client.post(
        try_url(seed_agent), page_data(seed_agent, fields=fields, transcript=SEED_TRANSCRIPT)
    )

    assert "extractor openai (gpt-test)" in text(before)
    assert "customer_name Maria Gonzalez" in text(before)
    assert "customer_name Maria “my name is Maria Gonzalez”" in text(after)
    assert "Customer first name only" in json.dumps(openai_server.last_body())
    assert seed_agent.fields.get(name="customer_name").description == "Customer full name"


def answer_by_description(request: Received) -> Reply:
    """A model that reads the field's description: first name only when asked so."""
    name = "Maria" if "first name only" in request.body.decode() else "Maria Gonzalez"
    return completion(
        {
            "values": {
                "customer_name": name,
                "interest_level": None,
                "follow_up_required": None,
                "follow_up_date": None,
                "callback_number": None,
            },
            "evidence": {
                "customer_name": "my name is Maria Gonzalez",
                "interest_level": None,
                "follow_up_required": None,
                "follow_up_date": None,
                "callback_number": None,
            },
        }
    )


def test_an_unsaved_new_field_and_action_run_too(admin_client: Client, seed_agent: Agent) -> None:
    fields = [
        *field_rows(seed_agent),
        {"name": "email", "type": "string", "description": "Email address", "position": 9},
    ]
    actions = [
        *action_rows(seed_agent),
        {
            "name": "Sales",
            "type": "transfer_call",
            "config": json.dumps({"to_number": "+14155550134"}),
            "enabled": True,
            "position": 1,
        },
    ]

    response = admin_client.post(
        try_url(seed_agent),
        page_data(seed_agent, fields=fields, actions=actions, transcript=SEED_TRANSCRIPT),
    )

    shown = text(response)
    assert "email null" in shown
    assert "not applicable after a call transfer_call is decided during the call" in shown
    assert seed_agent.fields.count() == 5


def test_a_trial_writes_nothing_and_sends_nothing(admin_client: Client, seed_agent: Agent) -> None:
    with serving() as receiver:
        hook = {
            "name": "CRM",
            "type": "webhook",
            "config": json.dumps({"url": f"{receiver.url}/crm"}),
            "enabled": True,
            "position": 1,
        }
        data = page_data(
            seed_agent,
            actions=[*action_rows(seed_agent), hook],
            transcript=SEED_TRANSCRIPT,
            started_at=CALL_START_LOCAL,
        )
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.post(try_url(seed_agent), data)

        assert receiver.received == []
    assert "POST http://127.0.0.1:" in response.content.decode()
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if re.match(r"\s*(INSERT|UPDATE|DELETE)", query["sql"], re.IGNORECASE)
    ]
    assert writes == []
    for model in (Call, ExtractionRun, ActionRun, FollowUp, WebhookDelivery, InboxRequest):
        assert model.objects.count() == 0
    assert seed_agent.actions.count() == 1


def test_a_stored_call_is_tried_at_its_own_start(admin_client: Client, seed_agent: Agent) -> None:
    stored = CallFactory(agent=seed_agent, transcript=parse_transcript(NOT_INTERESTED))

    response = admin_client.post(try_url(seed_agent), page_data(seed_agent, call=str(stored.pk)))

    shown = text(response)
    assert "Call started Tue 2026-03-10 14:05 +03" in shown
    assert "would be skipped follow_up_required is false" in shown
    assert ExtractionRun.objects.count() == 0


def test_an_invalid_config_gives_the_save_messages_and_runs_nothing(
    admin_client: Client, seed_agent: Agent
) -> None:
    [action] = action_rows(seed_agent)
    action["condition"] = json.dumps({"field": "nope", "operator": "==", "value": 1})
    data = page_data(seed_agent, actions=[action], transcript=SEED_TRANSCRIPT)
    change_url = reverse("admin:agents_agent_change", args=[seed_agent.pk])
    message = "condition: field &#x27;nope&#x27; does not exist"

    response = admin_client.post(try_url(seed_agent), data)
    saved = admin_client.post(change_url, data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "cannot be saved, so nothing was run" in page
    assert f"action 1 (Auto follow-up): {message}" in page
    assert "Maria" not in page
    assert message in saved.content.decode()


def test_a_bad_row_value_is_reported_with_its_row(admin_client: Client, seed_agent: Agent) -> None:
    fields = field_rows(seed_agent)
    fields[1]["type"] = "colour"

    response = admin_client.post(
        try_url(seed_agent), page_data(seed_agent, fields=fields, transcript=SEED_TRANSCRIPT)
    )

    assert response.status_code == 400
    assert "field 2 (interest_level): type: Select a valid choice." in response.content.decode()


def test_no_transcript_and_no_call_says_what_to_do(admin_client: Client, seed_agent: Agent) -> None:
    response = admin_client.post(try_url(seed_agent), page_data(seed_agent))

    assert response.status_code == 400
    assert "Paste a transcript or pick a stored call." in response.content.decode()


def test_a_bad_transcript_line_is_named(admin_client: Client, seed_agent: Agent) -> None:
    response = admin_client.post(
        try_url(seed_agent), page_data(seed_agent, transcript="hello there")
    )

    assert response.status_code == 400
    assert "transcript line 1: start each turn with" in response.content.decode()


def test_a_user_who_may_only_view_agents_gets_403(client: Client, seed_agent: Agent) -> None:
    viewer = User.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_agent"))
    client.force_login(viewer)

    response = client.post(try_url(seed_agent), page_data(seed_agent, transcript=SEED_TRANSCRIPT))

    assert response.status_code == 403
    page = client.get(reverse("admin:agents_agent_change", args=[seed_agent.pk]))
    assert "Test on a transcript" not in page.content.decode()


def test_a_get_of_the_trial_is_405(admin_client: Client, seed_agent: Agent) -> None:
    assert admin_client.get(try_url(seed_agent)).status_code == 405


def test_an_extractor_failure_is_shown_and_nothing_decided(
    admin_client: Client, seed_agent: Agent, openai_server: ModelServer, settings
) -> None:
    settings.EXTRACTION_BACKEND = "openai"
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = openai_server.base_url
    openai_server.default = completion("this is not JSON")

    response = admin_client.post(
        try_url(seed_agent), page_data(seed_agent, transcript=SEED_TRANSCRIPT)
    )

    shown = text(response)
    assert "the openai extractor failed:" in shown
    assert "Actions" not in shown


def test_a_bad_start_or_zone_is_named(admin_client: Client, seed_agent: Agent) -> None:
    data = page_data(
        seed_agent, transcript=SEED_TRANSCRIPT, started_at="next week", timezone="Mars/Olympus"
    )

    response = admin_client.post(try_url(seed_agent), data)

    assert response.status_code == 400
    shown = text(response)
    assert "Call started at: Enter a date and time, e.g. 2026-03-10 14:05." in shown
    assert "Time zone: Select a valid choice. Mars/Olympus is not one of the available" in shown
