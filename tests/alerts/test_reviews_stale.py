"""Calls waiting for review longer than REVIEW_STALE_AFTER_HOURS raise one alert per agent,
saying why the oldest waits; deciding them sends the recovery."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

from actions.models import Review
from actions.services import review_reject
from tests.alerts.conftest import SITE
from tests.factories import held_call

pytestmark = pytest.mark.django_db


def test_stale_reviews_alert_once_and_recover_when_decided(
    settings, seed_agent, check, ops_email, frozen
) -> None:
    settings.REVIEW_STALE_AFTER_HOURS = 24
    held_call(seed_agent, external_id="c1")
    frozen.shift(timedelta(hours=1))
    held_call(seed_agent, external_id="c2")
    frozen.shift(timedelta(hours=22, minutes=59))
    check()
    assert mail.outbox == []

    frozen.shift(timedelta(minutes=2))
    check()
    frozen.shift(timedelta(hours=2))
    check()
    assert len(mail.outbox) == 1
    alert = mail.outbox[0]
    assert alert.subject == "Broken: 1 call of Solaris sales waited for review longer than 24 hours"
    # Held at 09:12 UTC on Monday, stale 24 hours later, in Istanbul.
    assert "Since: Tue 2026-12-08 12:12 +03 (Europe/Istanbul)" in alert.body
    reasons = Review.objects.order_by("pk").first().reasons
    assert f"Last error: {'; '.join(reasons)}" in alert.body
    assert "follow_up_date" in alert.body
    assert (
        f"Fix it: {SITE}/admin/actions/review/?stale=yes&call__agent__id__exact={seed_agent.pk}"
        in alert.body
    )

    for review in Review.objects.all():
        review_reject(review=review, by="sam")
    check()
    assert [message.subject.split(":")[0] for message in mail.outbox] == ["Broken", "Recovered"]
