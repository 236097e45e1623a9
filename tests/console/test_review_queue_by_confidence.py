"""The review queue shows, sorts and filters by the lowest confidence among the values a
call's held actions use: the least trusted calls first when asked."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from actions.models import Review
from agents.models import Agent
from agents.roles import SUPPORT, staff_user_create
from tests.conftest import NOW
from tests.factories import held_call

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

QUEUE = reverse("admin:actions_review_changelist")


def support() -> Client:
    client = Client()
    client.force_login(staff_user_create(username="sam", password="pw", role=SUPPORT))
    return client


def order_in(page: str, *names: str) -> list[str]:
    return sorted(names, key=lambda name: page.index(f">{name}<"))


@pytest.fixture
def three_calls(seed_agent: Agent) -> None:
    """Oldest first: a sure call, one with a date at 0.42, one with no confidence for the
    number it would call; the name, which the follow-up does not use, is low in all."""
    held_call(seed_agent, external_id="sure", confidences={"customer_name": 0.1})
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        held_call(seed_agent, external_id="low", confidences={"follow_up_date": 0.42})
    with time_machine.travel(NOW + timedelta(minutes=2), tick=False):
        held_call(seed_agent, external_id="none", confidences={"callback_number": None})


def test_each_review_stores_the_lowest_confidence_its_actions_use(three_calls: None) -> None:
    stored = {
        review.call.external_id: (review.lowest_confidence_field, review.lowest_confidence)
        for review in Review.objects.select_related("call")
    }

    assert stored == {
        "sure": ("follow_up_required", 0.97),
        "low": ("follow_up_date", 0.42),
        "none": ("callback_number", None),
    }


def test_the_queue_shows_it_and_sorts_the_least_trusted_first(three_calls: None) -> None:
    client = support()
    page = client.get(QUEUE).content.decode()

    assert order_in(page, "sure", "low", "none") == ["sure", "low", "none"]
    assert "follow_up_date 0.42" in page
    assert "callback_number: no confidence" in page
    by_confidence = client.get(QUEUE + sort_link(page, "lowest confidence")).content.decode()
    assert order_in(by_confidence, "sure", "low", "none") == ["none", "low", "sure"]


def sort_link(page: str, column: str) -> str:
    """The query string of the column header's sort link, as a person clicks it."""
    table = page[page.index('id="result_list"') :]
    headers = table[: table.index("</thead>")]
    (header,) = [cell for cell in headers.split("<th")[1:] if column in cell.casefold()]
    match = re.search(r'href="(\?[^"]*o=[^"]*)"', header)
    assert match, f"the {column} column cannot be sorted by"
    return html.unescape(match.group(1))


def test_the_queue_filters_below_a_confidence(three_calls: None) -> None:
    client = support()

    below_half = client.get(QUEUE, {"below": "0.5"}).content.decode()
    without = client.get(QUEUE, {"below": "none"}).content.decode()
    typed = client.get(QUEUE, {"below": "0.98"}).content.decode()

    assert ">low<" in below_half and ">none<" in below_half and ">sure<" not in below_half
    assert ">none<" in without and ">low<" not in without
    assert all(f">{name}<" in typed for name in ("sure", "low", "none"))
    assert "a value has no confidence" in below_half and "below 0.5" in below_half
