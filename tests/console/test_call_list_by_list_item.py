"""The call list filters a list field by one item, and shows a list's items as a column."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from agents.models import Agent
from tests.factories import AgentFactory, FieldFactory, list_call

pytestmark = pytest.mark.django_db

CALLS = reverse("admin:calls_call_changelist")


@pytest.fixture
def agent(db: None) -> Agent:
    agent = AgentFactory(slug="solaris")
    FieldFactory(
        agent=agent,
        name="products_asked",
        type="list",
        item_type="enum",
        choices=["solar panels", "battery", "ev charger"],
    )
    FieldFactory(agent=agent, name="cc_emails", type="list", item_type="string", format="email")
    list_call(
        agent=agent,
        external_id="both",
        values={"products_asked": ["solar panels", "battery"], "cc_emails": ["ana@example.com"]},
    )
    list_call(
        agent=agent,
        external_id="charger",
        values={"products_asked": ["ev charger"], "cc_emails": ["Ben@example.com", "x@y.org"]},
    )
    list_call(agent=agent, external_id="none", values={"products_asked": None, "cc_emails": None})
    return agent


def listed(client: Client, **params: object) -> set[str]:
    response = client.get(CALLS, params)
    assert response.status_code == 200
    return {call.external_id for call in response.context["cl"].result_list}


def test_a_list_field_is_filtered_by_any_of_its_items(admin_client: Client, agent: Agent) -> None:
    assert listed(admin_client, value__products_asked="battery") == {"both"}
    assert listed(admin_client, value__products_asked="Solar Panels") == {"both"}
    assert listed(admin_client, value__cc_emails="ben@example.com") == {"charger"}
    assert listed(admin_client, value__products_asked="__null__") == {"none"}
    assert listed(admin_client, value__products_asked="wind") == set()


def test_a_list_of_choices_gets_a_filter_of_its_choices(admin_client: Client, agent: Agent) -> None:
    page = admin_client.get(CALLS, {"agent__id__exact": agent.pk}).content.decode()

    assert "By products asked" in page
    assert "value__products_asked=ev+charger" in page
    assert listed(admin_client, agent__id__exact=agent.pk, value__products_asked="ev charger") == {
        "charger"
    }


def test_a_list_column_shows_the_items(admin_client: Client, agent: Agent) -> None:
    page = admin_client.get(CALLS, {"columns": "products_asked"}).content.decode()

    assert "solar panels; battery" in page
    assert "[&#x27;solar panels&#x27;" not in page
