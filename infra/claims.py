"""Claiming rows of work (runs, deliveries, follow-ups, hand-offs) for one process.

A claim is a conditional UPDATE: it changes the row only while the row is still
claimable, so of any number of claimants on any number of machines exactly one wins.
The claimant's changes carry its lease (a `lease_expires_at`, or a deadline a scheduler
waits for); a row whose claimant died is claimable again once that time has passed.
Nothing is locked while the slow part of the work runs.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from infra.queue import enqueue


def seconds_from_now(seconds: float) -> datetime:
    """The moment a lease or a wait of `seconds` taken now ends."""
    return timezone.now() + timedelta(seconds=seconds)


def claim_one(claimable: QuerySet, pk: int, **changes: Any) -> bool:
    """Apply `changes` to the row `pk` if it is in `claimable`; True when this call won it."""
    return bool(claimable.filter(pk=pk).update(**changes))


def claim_batch(claimable: QuerySet, *, order_by: str, limit: int, **changes: Any) -> list[int]:
    """Claim up to `limit` rows of `claimable`, oldest `order_by` first; return their ids.

    On PostgreSQL the rows are selected with `select_for_update(skip_locked=True)`, so
    concurrent claimants take different rows instead of queueing behind each other.
    SQLite has no row locks: there each candidate is claimed by its own conditional
    UPDATE, which exactly one claimant wins.
    """
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            row_ids = list(
                claimable.select_for_update(skip_locked=True)
                .order_by(order_by)
                .values_list("pk", flat=True)[:limit]
            )
            claimable.filter(pk__in=row_ids).update(**changes)
        return row_ids
    candidates = list(claimable.order_by(order_by).values_list("pk", flat=True)[:limit])
    return [row_id for row_id in candidates if claim_one(claimable, row_id, **changes)]


def due_or_abandoned(rows: QuerySet, *, waiting: str, claimed: str, now: datetime) -> QuerySet:
    """The rows whose next attempt is due, and the claimed ones whose claimant died: its
    lease has run out."""
    return rows.filter(
        Q(status=waiting, next_attempt_at__lte=now) | Q(status=claimed, lease_expires_at__lt=now)
    )


def claim_and_enqueue(
    candidates: QuerySet, *, claimed: str, lease_expires_at: datetime, task: str, limit: int
) -> int:
    """Claim up to `limit` of `candidates`, due first, and queue `task` for each by id;
    return how many."""
    row_ids = claim_batch(
        candidates,
        order_by="next_attempt_at",
        limit=limit,
        status=claimed,
        lease_expires_at=lease_expires_at,
    )
    for row_id in row_ids:
        enqueue(task, row_id)
    return len(row_ids)
