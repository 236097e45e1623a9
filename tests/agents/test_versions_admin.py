"""The agent's versions in the admin: made by the page and the import with who saved them,
listed with when (in the agent's zone) and what changed, restored by Ops only."""

from __future__ import annotations

import html
import re

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

from agents.models import Agent
from agents.roles import OPS, SUPPORT, staff_user_create
from tests.conftest import NOW
from tests.console.agent_page import field_rows, page_data

pytestmark = pytest.mark.django_db


def login(role: str) -> Client:
    client = Client()
    client.force_login(staff_user_create(username=role.lower(), password="pw", role=role))
    return client


def versions_url(agent: Agent) -> str:
    return reverse("admin:agents_agent_versions", args=[agent.pk])


def restore_url(agent: Agent, number: int) -> str:
    return reverse("admin:agents_agent_restore_version", args=[agent.pk, number])


def text(content: bytes) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content.decode())).split())


def save_page_without_callback_number(client: Client, agent: Agent) -> None:
    fields = field_rows(agent)[:4]
    response = client.post(
        reverse("admin:agents_agent_change", args=[agent.pk]), page_data(agent, fields=fields)
    )
    assert response.status_code == 302, response.context and response.context["errors"]


def test_a_page_save_is_a_version_listed_with_who_when_and_what_changed(
    seed_agent: Agent,
) -> None:
    ops = login(OPS)
    with time_machine.travel(NOW, tick=False):
        save_page_without_callback_number(ops, seed_agent)

    shown = text(ops.get(versions_url(seed_agent)).content)

    assert "Version Saved by When (Europe/Istanbul) What changed" in shown
    assert "2 (current) ops 2026-03-10 14:10 +03 field 'callback_number' removed" in shown
    assert "1 — " in shown
    assert "Restore version 1" in shown
    assert "Restore version 2" not in shown


def test_an_import_in_the_admin_is_a_version_by_its_user(seed_agent: Agent) -> None:
    ops = login(OPS)
    pasted = '[{"name": "budget", "type": "number", "description": "Budget in euros"}]'

    ops.post(reverse("admin:agents_agent_import", args=[seed_agent.pk]), {"fields_json": pasted})

    newest = seed_agent.versions.order_by("-number").first()
    assert (newest.number, newest.created_by) == (2, "ops")


def test_ops_restore_an_older_version_as_a_new_one(seed_agent: Agent) -> None:
    ops = login(OPS)
    save_page_without_callback_number(ops, seed_agent)

    response = ops.post(restore_url(seed_agent, 1), follow=True)

    assert "Restored version 1 as version 3." in text(response.content)
    assert seed_agent.fields.filter(name="callback_number").exists()
    newest = seed_agent.versions.order_by("-number").first()
    assert (newest.number, newest.restored_from, newest.created_by) == (3, 1, "ops")
    assert "restored from version 1 field 'callback_number' added (string)" in text(
        response.content
    )
    assert LogEntry.objects.filter(change_message="Restored version 1 as version 3.").exists()


def test_support_read_the_versions_but_cannot_restore(seed_agent: Agent) -> None:
    save_page_without_callback_number(login(OPS), seed_agent)
    support = login(SUPPORT)

    page = support.get(versions_url(seed_agent))
    refused = support.post(restore_url(seed_agent, 1))

    assert page.status_code == 200
    assert "field 'callback_number' removed" in text(page.content)
    assert "Restore version" not in text(page.content)
    assert refused.status_code == 403
    assert seed_agent.versions.count() == 2


def test_the_agent_page_links_to_its_versions(seed_agent: Agent) -> None:
    page = login(SUPPORT).get(reverse("admin:agents_agent_change", args=[seed_agent.pk]))

    assert versions_url(seed_agent) in page.content.decode()
