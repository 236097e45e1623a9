"""The AI Analysis shows how far to trust each value: a bar with the number, or why not."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from calls.models import Call

pytestmark = pytest.mark.django_db


def value_cell(client: Client, call: Call, field: str) -> str:
    response = client.get(reverse("admin:calls_call_analysis", args=[call.pk]))
    assert response.status_code == 200
    row = re.search(
        rf'<tr class="field-row" data-field="{field}".*?</tr>', response.content.decode(), re.S
    )
    assert row is not None
    return row.group(0)


def scored(call: Call, confidences: dict, reasons: dict | None = None) -> None:
    run = call.latest_run
    run.confidences = {**run.confidences, **confidences}
    run.confidence_reasons = reasons or {}
    run.save(update_fields=["confidences", "confidence_reasons"])


def test_a_value_shows_its_confidence_on_hover_and_to_screen_readers(
    admin_client: Client, analysed_call: Call
) -> None:
    scored(analysed_call, {"customer_name": 0.93, "interest_level": 0.42})

    name = value_cell(admin_client, analysed_call, "customer_name")
    level = value_cell(admin_client, analysed_call, "interest_level")

    assert 'class="confidence confidence-high" title="Confidence 0.93"' in name
    assert '<span class="visually-hidden">Confidence 0.93 (0.8 and above)</span>' in name
    assert 'class="confidence confidence-low" title="Confidence 0.42"' in level
    assert "Confidence 0.42 (below 0.5)" in level


def test_a_value_without_a_confidence_says_why(admin_client: Client, analysed_call: Call) -> None:
    scored(
        analysed_call,
        {"follow_up_date": None},
        {"follow_up_date": "the backend gives no confidence for it"},
    )

    cell = value_cell(admin_client, analysed_call, "follow_up_date")

    assert "No confidence: the backend gives no confidence for it" in cell
    assert "visually-hidden" not in cell


def test_a_run_from_before_confidences_says_so(admin_client: Client, analysed_call: Call) -> None:
    run = analysed_call.latest_run
    run.confidences, run.confidence_reasons = {}, {}
    run.save(update_fields=["confidences", "confidence_reasons"])

    cell = value_cell(admin_client, analysed_call, "customer_name")

    assert "No confidence: the run is from before confidences were kept" in cell
