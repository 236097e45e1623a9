"""Claimants in threads of their own, each with its own database connection, released at
the same moment: every row goes to exactly one of them."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import pytest
from django.db import connection
from django.utils import timezone

from calls.models import ExtractionRun, RunStatus
from infra.claims import claim_batch, seconds_from_now
from tests.factories import RunFactory
from tests.infra.leases import LEASE, take

pytestmark = pytest.mark.django_db(transaction=True)
ROUNDS = 10
DUE_RUNS = 40
T = TypeVar("T")


def race(claim: Callable[[], T], claimants: int = 2) -> list[T]:
    """What each claimant's `claim` returned, all of them started together."""
    start = threading.Barrier(claimants)

    def claimant() -> T:
        try:
            start.wait(timeout=30)
            return claim()
        finally:
            connection.close()

    with ThreadPoolExecutor(claimants) as pool:
        futures = [pool.submit(claimant) for _ in range(claimants)]
        return [future.result(timeout=120) for future in futures]


def test_of_two_claimants_of_one_row_exactly_one_wins() -> None:
    for _ in range(ROUNDS):
        run = RunFactory()

        won = race(lambda run_id=run.pk: take(run_id))

        assert sorted(won) == [False, True]
        run.refresh_from_db()
        assert run.status == RunStatus.RUNNING
        assert run.attempts == 1


def test_two_claimants_of_a_batch_take_each_due_row_once() -> None:
    run_ids = {RunFactory(next_attempt_at=timezone.now()).pk for _ in range(DUE_RUNS)}

    def claim() -> list[int]:
        return claim_batch(
            ExtractionRun.objects.filter(
                status=RunStatus.QUEUED, next_attempt_at__lte=timezone.now()
            ),
            order_by="next_attempt_at",
            limit=DUE_RUNS,
            next_attempt_at=seconds_from_now(LEASE.total_seconds()),
        )

    first, second = race(claim)

    assert not set(first) & set(second)
    assert set(first) | set(second) == run_ids
    assert not ExtractionRun.objects.filter(next_attempt_at__lte=timezone.now()).exists()
