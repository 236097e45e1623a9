"""The AI Analysis shows a list value as its items, each with the words it came from."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from calls.models import Call
from tests.factories import RunFactory, list_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(db: None) -> Call:
    call = list_call(
        values={"products_asked": ["solar panels", "battery"], "cc_emails": None},
        evidence={"products_asked": ["The solar panels", "a battery"], "cc_emails": None},
    )
    run = call.latest_run
    run.confidences = {"products_asked": 0.86, "cc_emails": 0.7}
    run.null_reasons = {"cc_emails": "no email address was said"}
    run.save(update_fields=["confidences", "null_reasons"])
    return call


def page(client: Client, call: Call) -> str:
    response = client.get(reverse("admin:calls_call_analysis", args=[call.pk]))
    assert response.status_code == 200
    return response.content.decode()


def field_row(html: str, field: str) -> str:
    row = re.search(rf'<tr class="field-row" data-field="{field}".*?</tr>', html, re.S)
    assert row is not None
    return row.group(0)


def test_each_item_shows_with_its_quote(admin_client: Client, call: Call) -> None:
    row = field_row(page(admin_client, call), "products_asked")

    assert re.search(
        r'<li class="item" data-item="products_asked\.1" title="“The solar panels”"[^>]*>'
        r"solar panels</li>",
        row,
    )
    assert re.search(r'data-item="products_asked\.2" title="“a battery”"[^>]*>battery</li>', row)
    assert "<blockquote>“The solar panels”</blockquote>" in row
    assert "<blockquote>“a battery”</blockquote>" in row
    assert "[&#x27;" not in row


def test_each_item_s_words_are_marked_in_the_transcript(admin_client: Client, call: Call) -> None:
    html = page(admin_client, call)

    assert '<mark data-fields="products_asked products_asked.1">The solar panels</mark>' in html
    assert '<mark data-fields="products_asked products_asked.2">a battery</mark>' in html


def test_a_list_has_one_confidence_and_a_null_list_its_reason(
    admin_client: Client, call: Call
) -> None:
    html = page(admin_client, call)

    assert 'title="Confidence 0.86"' in field_row(html, "products_asked")
    emails = field_row(html, "cc_emails")
    assert "not in the call" in emails
    assert "Why: no email address was said." in emails


def test_a_rerun_s_changes_show_the_items(admin_client: Client, call: Call) -> None:
    first = call.latest_run
    rerun = RunFactory(
        call=call,
        succeeded=True,
        config_snapshot=first.config_snapshot,
        values={"products_asked": ["battery", "ev charger"], "cc_emails": None},
    )
    call.latest_run = rerun
    call.save(update_fields=["latest_run"])

    html = page(admin_client, call)

    assert "<strong>products_asked</strong>: solar panels; battery → battery; ev charger" in html
