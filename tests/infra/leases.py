"""Extraction runs claimed the way a worker claims them: a queued run, or a running one
whose lease has passed, is taken with a new lease and one more attempt."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from calls.models import ExtractionRun, RunStatus
from infra.claims import claim_one, seconds_from_now

LEASE = timedelta(seconds=60)
# When the first claimant takes a run.
CLAIMED_AT = datetime(2026, 3, 10, 11, 10, tzinfo=UTC)


def claimable_runs() -> QuerySet[ExtractionRun]:
    lease_passed = Q(status=RunStatus.RUNNING, lease_expires_at__lt=timezone.now())
    return ExtractionRun.objects.filter(Q(status=RunStatus.QUEUED) | lease_passed)


def take(run_id: int) -> bool:
    """Claim the run for one lease; True when this claimant won it."""
    return claim_one(
        claimable_runs(),
        run_id,
        status=RunStatus.RUNNING,
        lease_expires_at=seconds_from_now(LEASE.total_seconds()),
        attempts=F("attempts") + 1,
    )
