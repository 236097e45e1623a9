"""A batch claim takes up to its limit of the rows that are due, oldest first, applies its
changes to them, and leaves every other row as it was."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from calls.models import ExtractionRun, RunStatus
from infra.claims import claim_batch
from tests.factories import RunFactory
from tests.infra.leases import CLAIMED_AT, LEASE

pytestmark = pytest.mark.django_db


def due_at(minutes_ago: int) -> ExtractionRun:
    return RunFactory(next_attempt_at=CLAIMED_AT - timedelta(minutes=minutes_ago))


def claim_due(limit: int) -> list[int]:
    return claim_batch(
        ExtractionRun.objects.filter(status=RunStatus.QUEUED, next_attempt_at__lte=CLAIMED_AT),
        order_by="next_attempt_at",
        limit=limit,
        next_attempt_at=CLAIMED_AT + LEASE,
    )


def test_the_oldest_due_rows_up_to_the_limit_are_taken_and_changed() -> None:
    newest, oldest, middle = due_at(1), due_at(30), due_at(10)
    later = RunFactory(next_attempt_at=CLAIMED_AT + timedelta(minutes=5))

    with time_machine.travel(CLAIMED_AT, tick=False):
        taken = claim_due(limit=2)

    assert taken == [oldest.pk, middle.pk]
    moved = ExtractionRun.objects.filter(pk__in=taken).values_list("next_attempt_at", flat=True)
    assert set(moved) == {CLAIMED_AT + LEASE}
    newest.refresh_from_db()
    later.refresh_from_db()
    assert newest.next_attempt_at == CLAIMED_AT - timedelta(minutes=1)
    assert later.next_attempt_at == CLAIMED_AT + timedelta(minutes=5)


def test_a_second_batch_takes_only_what_the_first_left() -> None:
    runs = [due_at(minutes) for minutes in (3, 2, 1)]

    with time_machine.travel(CLAIMED_AT, tick=False):
        first = claim_due(limit=2)
        second = claim_due(limit=2)
        third = claim_due(limit=2)

    assert first == [runs[0].pk, runs[1].pk]
    assert second == [runs[2].pk]
    assert third == []
