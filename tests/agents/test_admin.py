"""The agent pages as an ops person uses them: rows, import, export, duplicate."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from actions.webhooks.secrets import active_secrets
from agents.models import Agent
from tests.factories import SEED_ACTION_JSON, SEED_FIELDS_JSON, AgentFactory

pytestmark = pytest.mark.django_db


def inline_data(prefix: str, rows: list[dict[str, Any]], initial: int = 0) -> dict[str, Any]:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            if value is False:
                continue
            data[f"{prefix}-{index}-{key}"] = "on" if value is True else value
    return data


def agent_form(fields: list[dict], actions: list[dict], **agent: Any) -> dict[str, Any]:
    return {
        "name": "Solaris sales",
        "slug": "solaris",
        "timezone": "Europe/Istanbul",
        "follow_up_time": "10:00",
        "calling_hours_zone": "callee",
        "is_active": "on",
        **agent,
        **inline_data("fields", fields),
        **inline_data("actions", actions),
    }


FOLLOW_UP_DATE = {
    "name": "follow_up_date",
    "type": "string",
    "description": "Follow-up date in ISO 8601 format",
    "format": "date",
    "position": "1",
}
NEEDS_FOLLOW_UP = {
    "name": "follow_up_required",
    "type": "boolean",
    "description": "Whether follow-up is needed",
    "position": "0",
}
SEED_ACTION_ROW = {
    "name": "Auto follow-up",
    "type": "schedule_call",
    "condition": '{"field": "follow_up_required", "operator": "==", "value": true}',
    "config": json.dumps(json.loads(SEED_ACTION_JSON)["config"]),
    "enabled": True,
    "position": "0",
}


def test_ops_create_an_agent_with_fields_and_an_action_as_rows(admin_client: Client) -> None:
    response = admin_client.post(
        reverse("admin:agents_agent_add"),
        agent_form([NEEDS_FOLLOW_UP, FOLLOW_UP_DATE], [SEED_ACTION_ROW]),
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    agent = Agent.objects.get(slug="solaris")
    assert [field.name for field in agent.fields.all()] == ["follow_up_required", "follow_up_date"]
    assert agent.actions.get().config["use_field"] == "follow_up_date"


def test_a_bad_row_is_refused_with_its_message_on_the_page(admin_client: Client) -> None:
    bad_action = {
        **SEED_ACTION_ROW,
        "config": json.dumps(
            {"use_field": "follow_up_required", "fallback_delay_minutes": -1, "from_number": "+1"}
        ),
    }

    response = admin_client.post(
        reverse("admin:agents_agent_add"),
        agent_form([NEEDS_FOLLOW_UP, FOLLOW_UP_DATE], [bad_action]),
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "config.use_field: follow_up_required is not a date field" in page
    assert "config.fallback_delay_minutes: -1 is negative" in page
    assert "config.from_number: &#x27;+1&#x27; is not an E.164 number" in page
    assert not Agent.objects.filter(slug="solaris").exists()


def test_an_enum_without_choices_is_refused_on_its_row(admin_client: Client) -> None:
    enum_row = {
        "name": "interest_level",
        "type": "enum",
        "description": "How keen",
        "position": "0",
    }

    response = admin_client.post(reverse("admin:agents_agent_add"), agent_form([enum_row], []))

    assert response.status_code == 200
    assert "an enum needs choices" in response.content.decode()


def test_deleting_a_field_an_action_uses_is_refused_naming_the_action(
    admin_client: Client, seed_agent: Agent
) -> None:
    change_url = reverse("admin:agents_agent_change", args=[seed_agent.pk])
    fields = [
        {
            "id": str(field.pk),
            "agent": str(seed_agent.pk),
            "name": field.name,
            "type": field.type,
            "description": field.description,
            "choices": ", ".join(field.choices),
            "format": field.format,
            "position": str(field.position),
            "DELETE": field.name == "follow_up_date",
        }
        for field in seed_agent.fields.all()
    ]
    action = seed_agent.actions.get()
    actions = [{**SEED_ACTION_ROW, "id": str(action.pk), "agent": str(seed_agent.pk)}]
    data = {
        **agent_form([], [], slug=seed_agent.slug, name=seed_agent.name),
        **inline_data("fields", fields, initial=len(fields)),
        **inline_data("actions", actions, initial=1),
    }

    response = admin_client.post(change_url, data)

    assert response.status_code == 200
    assert (
        "field follow_up_date: cannot be deleted or renamed: action &#x27;Auto follow-up&#x27; "
        "uses it (config.use_field)" in response.content.decode()
    )
    assert seed_agent.fields.filter(name="follow_up_date").exists()


def test_import_box_takes_the_seed_json_as_printed(admin_client: Client) -> None:
    agent = AgentFactory()

    response = admin_client.post(
        reverse("admin:agents_agent_import", args=[agent.pk]),
        {"fields_json": SEED_FIELDS_JSON, "actions_json": SEED_ACTION_JSON},
        follow=True,
    )

    page = response.content.decode()
    assert "Imported 5 field(s) and 1 action(s)" in page
    assert agent.fields.get(name="interest_level").choices == ["high", "medium", "low", "none"]
    # The inferred format is shown as an editable choice on the agent page.
    assert 'value="phone" selected' in page


def test_import_box_shows_every_problem_and_imports_nothing(admin_client: Client) -> None:
    agent = AgentFactory()
    fields = json.loads(SEED_FIELDS_JSON)
    fields[1]["description"] = "How interested they are"

    response = admin_client.post(
        reverse("admin:agents_agent_import", args=[agent.pk]),
        {"fields_json": json.dumps(fields), "actions_json": SEED_ACTION_JSON},
    )

    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "field 2 (interest_level): an enum needs choices" in page
    assert agent.fields.count() == 0


def test_export_page_prints_the_seed_json(admin_client: Client, seed_agent: Agent) -> None:
    response = admin_client.get(reverse("admin:agents_agent_export", args=[seed_agent.pk]))
    download = admin_client.get(
        reverse("admin:agents_agent_export", args=[seed_agent.pk]), {"format": "json"}
    )

    assert response.status_code == 200
    assert json.loads(response.context["fields_json"]) == json.loads(SEED_FIELDS_JSON)
    assert download.json() == {
        "fields": json.loads(SEED_FIELDS_JSON),
        "actions": [json.loads(SEED_ACTION_JSON)],
    }


def test_duplicate_copies_fields_and_actions_inactive(
    admin_client: Client, seed_agent: Agent
) -> None:
    response = admin_client.post(
        reverse("admin:agents_agent_duplicate", args=[seed_agent.pk]), follow=True
    )

    copy = Agent.objects.exclude(pk=seed_agent.pk).get()
    assert "Duplicated as Solaris sales (copy)" in response.content.decode()
    assert copy.is_active is False
    assert copy.slug == "solaris-copy"
    assert copy.fields.count() == 5
    assert copy.actions.get().name == "Auto follow-up"


def test_staff_without_change_permission_cannot_import(client: Client) -> None:
    viewer = User.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_agent"))
    client.force_login(viewer)
    agent = AgentFactory()

    response = client.post(
        reverse("admin:agents_agent_import", args=[agent.pk]), {"fields_json": SEED_FIELDS_JSON}
    )

    assert response.status_code == 403
    assert agent.fields.count() == 0


def change_page_data(agent: Agent, **action_changes: Any) -> dict[str, Any]:
    """The agent page as stored, posted back with these changes to its one action."""
    fields = [
        {
            "id": str(field.pk),
            "agent": str(agent.pk),
            "name": field.name,
            "type": field.type,
            "description": field.description,
            "choices": ", ".join(field.choices),
            "format": field.format,
            "position": str(field.position),
        }
        for field in agent.fields.all()
    ]
    action = agent.actions.get()
    row = {
        "id": str(action.pk),
        "agent": str(agent.pk),
        "name": action.name,
        "type": action.type,
        "condition": json.dumps(action.condition) if action.condition else "",
        "config": json.dumps(action.config),
        "enabled": action.enabled,
        "position": str(action.position),
        **action_changes,
    }
    return {
        **agent_form([], [], slug=agent.slug, name=agent.name),
        **inline_data("fields", fields, initial=len(fields)),
        **inline_data("actions", [row], initial=1),
    }


def test_renaming_an_action_on_the_page_keeps_it_and_its_decisions(
    admin_client: Client, analysed_call
) -> None:
    agent = analysed_call.agent
    action = agent.actions.get()
    decisions = list(action.runs.values_list("pk", flat=True))

    response = admin_client.post(
        reverse("admin:agents_agent_change", args=[agent.pk]),
        change_page_data(agent, name="Call back"),
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    renamed = agent.actions.get()
    assert (renamed.pk, renamed.name) == (action.pk, "Call back")
    assert list(renamed.runs.values_list("pk", flat=True)) == decisions != []


def test_a_secret_typed_on_the_page_signs_and_is_never_stored_in_the_config(
    admin_client: Client,
) -> None:
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    hook = {
        "name": "CRM",
        "type": "webhook",
        "config": json.dumps({"url": "http://127.0.0.1:9/hook", "secret": secret}),
        "enabled": True,
        "position": "0",
    }

    response = admin_client.post(reverse("admin:agents_agent_add"), agent_form([], [hook]))

    assert response.status_code == 302, response.context and response.context["errors"]
    action = Agent.objects.get(slug="solaris").actions.get()
    assert action.config == {"url": "http://127.0.0.1:9/hook"}
    assert active_secrets(action) == [secret]


def test_saving_the_agent_keeps_the_rows_its_user_may_only_read(seed_agent: Agent) -> None:
    editor = User.objects.create_user("editor", password="pw", is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_agent", "change_agent", "view_extractionfield", "view_action"]
        )
    )
    client = Client()
    client.force_login(editor)
    data = change_page_data(seed_agent, name="Changed on a read-only row")
    data["description"] = "Edited by someone who may not change the config"

    response = client.post(reverse("admin:agents_agent_change", args=[seed_agent.pk]), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    seed_agent.refresh_from_db()
    assert seed_agent.description == "Edited by someone who may not change the config"
    assert seed_agent.fields.count() == 5
    assert seed_agent.actions.get().name == "Auto follow-up"
