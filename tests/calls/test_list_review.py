"""A reviewer corrects a list field with typed inputs: a checkbox per choice for a list of
choices, one item a line for any other list; each item is checked as extraction checks it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from actions.models import Review, ReviewStatus
from agents.models import Agent
from agents.roles import SUPPORT, staff_user_create
from calls.models import Call, FieldReview
from tests.factories import CC_EMAILS, PRODUCTS_ASKED, held_call, list_fields_added

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

SEED_FORM = {
    "customer_name": "Maria Gonzalez",
    "interest_level": "high",
    "follow_up_required": "true",
    "follow_up_date": "2026-03-17",
    "callback_number": "05321234567",
}


@pytest.fixture
def call(seed_agent: Agent) -> Call:
    call = held_call(
        seed_agent,
        external_id="c1",
        products_asked=["battery", "solar panels"],
        cc_emails=["ana@example.com"],
    )
    run = list_fields_added(call.latest_run, PRODUCTS_ASKED, CC_EMAILS)
    run.evidence = {
        **run.evidence,
        "products_asked": ["a battery", "The solar panels"],
        "cc_emails": ["ana@example.com"],
    }
    run.save(update_fields=["evidence"])
    return call


@pytest.fixture
def support(db: None) -> Client:
    client = Client()
    client.force_login(staff_user_create(username="sam", password="pw", role=SUPPORT))
    return client


def review_url(call: Call) -> str:
    return reverse("admin:actions_review_change", args=[Review.objects.get(call=call).pk])


def reviewed(call: Call) -> dict[str, FieldReview]:
    return {row.field: row for row in FieldReview.objects.filter(call=call)}


def test_a_list_of_choices_has_a_checkbox_per_choice_and_others_a_line_per_item(
    support: Client, call: Call
) -> None:
    page = support.get(review_url(call)).content.decode()

    assert 'type="checkbox" name="products_asked" value="battery"' in page
    assert 'type="checkbox" name="products_asked" value="solar panels"' in page
    assert 'type="checkbox" name="products_asked" value="ev charger"' in page
    assert page.count('name="products_asked"') == 3
    assert page.count("checked") == 2
    assert '<textarea name="cc_emails"' in page
    assert "one item a line" in page
    assert 'data-item="products_asked.1" title="“a battery”"' in page
    assert 'name="products_asked-time"' not in page


def test_a_corrected_list_is_stored_as_arrays_and_marked_per_field(
    support: Client, call: Call, django_capture_on_commit_callbacks
) -> None:
    form = {
        **SEED_FORM,
        "products_asked": ["solar panels", "ev charger"],
        "cc_emails": "ana@example.com\r\n\r\n  Ben@Example.COM \r\nana@example.com\r\n",
        "outcome": "correct",
    }
    with django_capture_on_commit_callbacks(execute=True):
        answer = support.post(review_url(call), form, follow=True)

    assert "Corrected products_asked: battery; solar panels → solar panels; ev charger" in (
        answer.content.decode()
    )
    rows = reviewed(call)
    assert rows["products_asked"].extracted == ["battery", "solar panels"]
    assert rows["products_asked"].reviewed == ["solar panels", "ev charger"]
    assert rows["products_asked"].correct is False
    assert rows["cc_emails"].reviewed == ["ana@example.com", "Ben@example.com"]
    assert rows["cc_emails"].correct is False
    assert rows["customer_name"].correct is True
    assert Review.objects.get().values["products_asked"] == ["solar panels", "ev charger"]


def test_the_same_items_in_another_order_are_no_correction(
    support: Client, call: Call, django_capture_on_commit_callbacks
) -> None:
    form = {
        **SEED_FORM,
        "products_asked": ["solar panels", "battery"],
        "cc_emails": "ana@example.com",
        "outcome": "correct",
    }
    with django_capture_on_commit_callbacks(execute=True):
        support.post(review_url(call), form)

    rows = reviewed(call)
    assert rows["products_asked"].correct is True
    assert rows["products_asked"].reviewed == ["battery", "solar panels"]
    assert rows["cc_emails"].correct is True


def test_no_item_left_means_not_in_the_call(
    support: Client, call: Call, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        support.post(review_url(call), {**SEED_FORM, "cc_emails": " \r\n", "outcome": "correct"})

    rows = reviewed(call)
    assert rows["products_asked"].reviewed is None
    assert rows["cc_emails"].reviewed is None


def test_a_bad_item_is_named_and_nothing_typed_is_lost(support: Client, call: Call) -> None:
    typed = "ana@example.com\r\nnot an email\r\nben@example.com"
    form = {
        **SEED_FORM,
        "products_asked": ["ev charger"],
        "cc_emails": typed,
        "outcome": "correct",
    }

    answer = support.post(review_url(call), form)

    page = answer.content.decode()
    assert answer.status_code == 200
    assert "item 2 &quot;not an email&quot; is not an email address" in page
    assert f">\n{typed}</textarea>" in page
    assert 'value="ev charger" id="id_products_asked_2" checked' in page
    assert Review.objects.get().status == ReviewStatus.PENDING
    assert not FieldReview.objects.exists()
