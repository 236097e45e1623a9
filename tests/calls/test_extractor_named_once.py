"""The AI Analysis names the extractor a run used once, not "offline offline"."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from calls.models import Call

pytestmark = pytest.mark.django_db


def test_the_offline_extractor_is_named_once(admin_client: Client, analysed_call: Call) -> None:
    assert analysed_call.latest_run.model == "offline"  # what the offline backend records

    html = admin_client.get(
        reverse("admin:calls_call_analysis", args=[analysed_call.pk])
    ).content.decode()

    assert "offline offline" not in html
    assert "· offline ·" in " ".join(html.split())
