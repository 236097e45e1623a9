"""Support, Ops and Admin: what each role can open and do in the admin."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from actions.models import FollowUp, WebhookDelivery
from agents.models import Agent
from agents.roles import ADMIN, OPS, SUPPORT, staff_user_create
from agents.services import agent_import_json
from calls.models import Call
from calls.services import call_create

pytestmark = pytest.mark.django_db

CRM_HOOK = {
    "type": "webhook",
    "name": "CRM",
    "config": {"url": "http://127.0.0.1:9/hook", "headers": {"Authorization": "Bearer s3cr3t"}},
}


@pytest.fixture
def agent(seed_agent: Agent) -> Agent:
    agent_import_json(agent=seed_agent, actions_json=json.dumps(CRM_HOOK))
    return seed_agent


@pytest.fixture
def call(agent: Agent, django_capture_on_commit_callbacks) -> Call:
    with django_capture_on_commit_callbacks(execute=True):
        call, _ = call_create(
            agent=agent,
            external_id="c1",
            started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
            from_number="+905551112233",
            transcript="User: My name is Maria Gonzalez. Call me back next Tuesday please.",
        )
    return call


def login(role: str) -> Client:
    client = Client()
    client.force_login(staff_user_create(username=role.lower(), password="pw", role=role))
    return client


def test_migrate_creates_the_three_roles() -> None:
    assert set(Group.objects.values_list("name", flat=True)) >= {SUPPORT, OPS, ADMIN}
    assert Group.objects.get(name=ADMIN).permissions.count() == Permission.objects.count()
    support = {p.codename for p in Group.objects.get(name=SUPPORT).permissions.all()}
    assert "view_call" in support
    assert not {"change_agent", "change_action", "rerun_call", "view_apikey"} & support


def test_sync_roles_puts_back_permissions_removed_by_hand(capsys) -> None:
    ops = Group.objects.get(name=OPS)
    ops.permissions.remove(Permission.objects.get(codename="rerun_call"))

    call_command("sync_roles")

    assert ops.permissions.filter(codename="rerun_call").exists()
    assert "Ops: " in capsys.readouterr().out


def test_support_reads_calls_and_their_analysis(call: Call) -> None:
    support = login(SUPPORT)

    assert support.get(reverse("admin:calls_call_changelist")).status_code == 200
    analysis = support.get(reverse("admin:calls_call_analysis", args=[call.pk]))
    assert analysis.status_code == 200
    assert "Maria Gonzalez" in analysis.content.decode()
    assert "Re-run analysis" not in analysis.content.decode()
    assert support.post(reverse("admin:calls_call_rerun", args=[call.pk])).status_code == 403


def test_support_never_sees_webhook_credentials(agent: Agent) -> None:
    support = login(SUPPORT)
    action = agent.actions.get(name="CRM")

    page = support.get(reverse("admin:agents_agent_change", args=[agent.pk])).content.decode()
    export = support.get(reverse("admin:agents_agent_export", args=[agent.pk]) + "?format=json")

    assert "s3cr3t" not in page
    assert "(hidden)" in page
    assert "s3cr3t" not in export.content.decode()
    assert json.loads(export.content)["actions"][-1]["config"]["headers"] == {
        "Authorization": "(hidden)"
    }
    for name in ("agents_agent_test_webhook", "agents_agent_rotate_secret"):
        url = reverse(f"admin:{name}", args=[agent.pk, action.pk])
        assert support.post(url).status_code == 403


def test_support_cannot_change_config_or_act_on_deliveries_and_follow_ups(
    agent: Agent, call: Call
) -> None:
    support = login(SUPPORT)
    change_url = reverse("admin:agents_agent_change", args=[agent.pk])

    page = support.get(change_url).content.decode()
    response = support.post(change_url, {"name": "Renamed"})
    import_page = support.get(reverse("admin:agents_agent_import", args=[agent.pk]))

    assert 'name="_save"' not in page
    assert "Import JSON" not in page and ">Duplicate<" not in page
    assert response.status_code == 403
    assert import_page.status_code == 403
    Agent.objects.get(name=agent.name)
    deliveries = support.get(reverse("admin:actions_webhookdelivery_changelist"))
    follow_ups = support.get(reverse("admin:actions_followup_changelist"))
    assert 'value="resend"' not in deliveries.content.decode()
    assert 'value="cancel"' not in follow_ups.content.decode()
    assert support.get(reverse("admin:agents_apikey_changelist")).status_code == 403


def test_ops_configure_agents_and_rerun_but_manage_no_api_keys(
    agent: Agent, call: Call, django_capture_on_commit_callbacks
) -> None:
    ops = login(OPS)

    page = ops.get(reverse("admin:agents_agent_change", args=[agent.pk])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        rerun = ops.post(reverse("admin:calls_call_rerun", args=[call.pk]))

    assert "s3cr3t" in page  # ops edit the headers
    assert rerun.status_code == 302
    assert call.runs.count() == 2
    assert (
        'value="resend"'
        in ops.get(reverse("admin:actions_webhookdelivery_changelist")).content.decode()
    )
    assert ops.get(reverse("admin:agents_apikey_changelist")).status_code == 403
    assert ops.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_admin_role_manages_api_keys_and_users() -> None:
    admin = login(ADMIN)

    assert admin.get(reverse("admin:agents_apikey_changelist")).status_code == 200
    assert admin.get(reverse("admin:auth_user_changelist")).status_code == 200


def test_create_staff_user_prints_a_password_that_logs_in(capsys) -> None:
    call_command("create_staff_user", "sam", "--role", SUPPORT)

    password = capsys.readouterr().out.split(": ")[1].split()[0]
    client = Client()
    assert client.login(username="sam", password=password)
    assert client.get(reverse("admin:calls_call_changelist")).status_code == 200
    assert WebhookDelivery.objects.count() == 0 and FollowUp.objects.count() == 0
