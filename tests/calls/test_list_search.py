"""A call is found by any item of a list value, as it is by a single value."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from agents.roles import SUPPORT, staff_user_create
from tests.factories import list_call

pytestmark = pytest.mark.django_db

SAID = [{"role": "user", "text": "Just a quote, thanks."}]


@pytest.fixture
def support(db: None) -> Client:
    client = Client()
    client.force_login(staff_user_create(username="sam", password="pw", role=SUPPORT))
    return client


@pytest.fixture
def calls(db: None) -> None:
    list_call(
        external_id="both",
        transcript=SAID,
        values={"products_asked": ["solar panels", "battery"], "cc_emails": ["ana@example.com"]},
    )
    list_call(
        external_id="charger",
        transcript=SAID,
        values={"products_asked": ["EV charger", 'the 5" inverter'], "cc_emails": None},
    )
    list_call(external_id="none", transcript=SAID, values={"products_asked": None})


def found(client: Client, term: str) -> set[str]:
    response = client.get(reverse("admin:calls_call_changelist"), {"q": term})
    assert response.status_code == 200
    return {call.external_id for call in response.context["cl"].result_list}


def test_any_item_finds_the_call(support: Client, calls: None) -> None:
    assert found(support, "battery") == {"both"}
    assert found(support, "solar panels") == {"both"}
    assert found(support, "ana@example.com") == {"both"}
    assert found(support, "ev charger") == {"charger"}


def test_an_item_is_found_as_it_was_said_not_as_json(support: Client, calls: None) -> None:
    assert found(support, '5" inverter') == {"charger"}
    assert found(support, '"battery"') == {"both"}
