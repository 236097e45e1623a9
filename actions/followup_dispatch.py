"""Handing due follow-ups to the dial tasks, each due row exactly once.

Due rows are claimed with the one claim helper (`infra/claims.py`), with a lease: a row
whose worker died is claimed again once the lease expires. A row more than
FOLLOW_UP_LATENESS_CUTOFF_MINUTES late expires instead of ringing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from actions.followups import note
from actions.models import FollowUp, FollowUpStatus
from extraction.timezones import local_text
from infra.claims import claim_batch
from infra.queue import enqueue

DIAL_BATCH_SIZE = 10


def lease_duration() -> timedelta:
    return timedelta(seconds=settings.FOLLOW_UP_LEASE_SECONDS)


def claimable(now: datetime) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(
        Q(status=FollowUpStatus.PENDING, due_at__lte=now)
        | Q(status__in=[FollowUpStatus.CLAIMED, FollowUpStatus.DIALING], lease_expires_at__lt=now)
    )


def followups_expire_late(*, now: datetime) -> int:
    cutoff = now - timedelta(minutes=settings.FOLLOW_UP_LATENESS_CUTOFF_MINUTES)
    expired = 0
    for followup in FollowUp.objects.filter(status=FollowUpStatus.PENDING, due_at__lt=cutoff):
        with transaction.atomic():
            row = FollowUp.objects.select_for_update().get(pk=followup.pk)
            if row.status != FollowUpStatus.PENDING:
                continue
            note(
                row,
                f"not fired by {local_text(cutoff, row.zone)}: more than "
                f"{settings.FOLLOW_UP_LATENESS_CUTOFF_MINUTES} minutes late",
                status=FollowUpStatus.EXPIRED,
            )
            row.save()
            expired += 1
    return expired


def followups_claim_due(*, now: datetime | None = None, limit: int = 100) -> list[int]:
    """Claim due rows for this process; no row is ever claimed by two claimants at once."""
    now = now or timezone.now()
    return claim_batch(
        claimable(now),
        order_by="due_at",
        limit=limit,
        status=FollowUpStatus.CLAIMED,
        lease_expires_at=now + lease_duration(),
    )


def followups_dispatch() -> int:
    """Expire rows too late to call, claim due rows and hand them to dial tasks."""
    now = timezone.now()
    followups_expire_late(now=now)
    row_ids = followups_claim_due(now=now)
    # A task's own cost (a broker round trip, a result to record) bounded a burst to
    # ~50 rows a second; a few rows a task pay it once, and a slow dialer delays few rows.
    for start in range(0, len(row_ids), DIAL_BATCH_SIZE):
        enqueue("actions.tasks.dial_follow_ups", row_ids[start : start + DIAL_BATCH_SIZE])
    return len(row_ids)
