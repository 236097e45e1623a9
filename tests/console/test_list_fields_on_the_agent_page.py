"""A list field is added and edited on the agent page like any other field: its item
type, choices, format and counts; a list that cannot work is refused on its row; the
condition builder is given the list operators."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from agents.models import Agent
from tests.console.agent_page import field_rows, page_data

pytestmark = pytest.mark.django_db


def change_url(agent: Agent) -> str:
    return reverse("admin:agents_agent_change", args=[agent.pk])


def products_row(agent: Agent, **row: object) -> dict[str, object]:
    return {
        "agent": agent.pk,
        "name": "products_asked",
        "type": "list",
        "item_type": "enum",
        "description": "Every product the customer asked about",
        "choices": "solar panels, battery, ev charger",
        "max_items": 3,
        "position": 5,
        **row,
    }


def test_a_list_field_is_added_then_edited(admin_client: Client, seed_agent: Agent) -> None:
    rows = [*field_rows(seed_agent), products_row(seed_agent)]

    added = admin_client.post(change_url(seed_agent), page_data(seed_agent, fields=rows))

    assert added.status_code == 302
    field = seed_agent.fields.get(name="products_asked")
    assert (field.type, field.item_type, field.max_items) == ("list", "enum", 3)
    assert field.choices == ["solar panels", "battery", "ev charger"]

    rows = field_rows(seed_agent)
    rows[-1].update(min_items=1, max_items=2)
    edited = admin_client.post(change_url(seed_agent), page_data(seed_agent, fields=rows))

    assert edited.status_code == 302
    field.refresh_from_db()
    assert (field.min_items, field.max_items) == (1, 2)


def test_a_list_left_without_an_item_type_holds_text(
    admin_client: Client, seed_agent: Agent
) -> None:
    row = products_row(seed_agent, name="cc_emails", item_type="", choices="", format="email")

    saved = admin_client.post(
        change_url(seed_agent), page_data(seed_agent, fields=[*field_rows(seed_agent), row])
    )

    assert saved.status_code == 302
    assert seed_agent.fields.get(name="cc_emails").item_type == "string"


def test_a_list_that_cannot_work_is_refused_on_its_row(
    admin_client: Client, seed_agent: Agent
) -> None:
    row = products_row(seed_agent, choices="", min_items=4)

    page = admin_client.post(
        change_url(seed_agent), page_data(seed_agent, fields=[*field_rows(seed_agent), row])
    )

    assert page.status_code == 200
    text = page.content.decode()
    assert "a list of enum needs choices" in text
    assert "min_items 4 is more than max_items 3" in text
    assert not seed_agent.fields.filter(name="products_asked").exists()


def test_the_condition_builder_is_given_the_list_operators(
    admin_client: Client, seed_agent: Agent
) -> None:
    page = admin_client.get(change_url(seed_agent))

    operators = dict(page.context["action_forms"]["list_operators"])
    assert list(operators) == [
        "contains",
        "contains_any",
        "contains_all",
        "is_empty",
        "has_more_than",
        "is_set",
        "is_not_set",
    ]
    assert operators["contains_any"] == "contains any of"
    assert 'name="fields-0-item_type"' in page.content.decode()
