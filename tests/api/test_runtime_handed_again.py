"""A call the voice runtime took and never reported is handed out again with the same
idempotency key, so that the runtime can tell it may already have placed it."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from actions.followup_dispatch import followups_dispatch
from tests.factories import FollowUpFactory

pytestmark = pytest.mark.django_db


def test_a_call_the_runtime_never_reported_is_handed_out_again_with_its_key(
    runtime: APIClient, settings
) -> None:
    row = FollowUpFactory(due_at=timezone.now() - timedelta(seconds=1))
    followups_dispatch()
    (first,) = runtime.post("/api/v1/outbound-calls/claim/", {}, format="json").json()

    later = settings.FOLLOW_UP_RUNTIME_LEASE_SECONDS // 60 + 1
    with time_machine.travel(timezone.now() + timedelta(minutes=later), tick=False):
        followups_dispatch()
    with time_machine.travel(timezone.now() + timedelta(minutes=later), tick=False):
        (again,) = runtime.post("/api/v1/outbound-calls/claim/", {}, format="json").json()

    assert again["follow_up_id"] == first["follow_up_id"] == row.pk
    assert again["idempotency_key"] == first["idempotency_key"]
    assert again["attempts"] == 2
