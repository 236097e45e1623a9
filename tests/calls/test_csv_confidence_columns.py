"""The CSV export puts each value's confidence in the column beside it."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from agents.models import Agent
from tests.factories import AnalysedCallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(seed_agent: Agent) -> None:
    AnalysedCallFactory(
        agent=seed_agent,
        external_id="scored",
        values={"customer_name": "Maria Gonzalez", "interest_level": None},
        confidences={"customer_name": 0.93, "interest_level": 0.7},
    )
    AnalysedCallFactory(
        agent=seed_agent,
        external_id="unscored",
        values={"customer_name": "Ali"},
        confidences={"customer_name": None},
        confidences__reasons={"customer_name": "the backend gives no confidence for it"},
    )


def exported(client: Client, query: str) -> dict[str, list[str]]:
    response = client.get(reverse("admin:calls_call_export") + query)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = csv.reader(io.StringIO(text))
    return {row[1]: dict(zip(header, row, strict=True)) for row in rows} | {"header": header}


def test_each_value_is_followed_by_its_confidence(admin_client: Client, calls: None) -> None:
    rows = exported(admin_client, "?columns=customer_name,interest_level")

    assert rows["header"][10:] == [
        "customer_name",
        "customer_name confidence",
        "interest_level",
        "interest_level confidence",
    ]
    assert rows["scored"]["customer_name confidence"] == "0.93"
    # A null value is scored too: how likely it is that the call does not say it.
    assert rows["scored"]["interest_level"] == ""
    assert rows["scored"]["interest_level confidence"] == "0.7"


def test_a_value_without_a_confidence_has_an_empty_cell(admin_client: Client, calls: None) -> None:
    rows = exported(admin_client, "?columns=customer_name")

    assert rows["unscored"]["customer_name"] == "Ali"
    assert rows["unscored"]["customer_name confidence"] == ""
