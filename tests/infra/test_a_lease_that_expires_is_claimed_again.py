"""A claimed row is its claimant's while the lease runs; once the lease has passed (the
claimant died) the next claimant takes it, with a lease of its own."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine

from calls.models import ExtractionRun, RunStatus
from tests.factories import RunFactory
from tests.infra.leases import CLAIMED_AT, LEASE, take

pytestmark = pytest.mark.django_db


def take_at(moment: datetime, run: ExtractionRun) -> bool:
    with time_machine.travel(moment, tick=False):
        return take(run.pk)


@pytest.fixture
def claimed() -> ExtractionRun:
    """A queued run its first claimant took at CLAIMED_AT."""
    run = RunFactory()
    assert take_at(CLAIMED_AT, run)
    return run


def test_the_claim_sets_the_lease_from_now(claimed: ExtractionRun) -> None:
    claimed.refresh_from_db()

    assert claimed.status == RunStatus.RUNNING
    assert claimed.lease_expires_at == CLAIMED_AT + LEASE
    assert claimed.attempts == 1


def test_while_the_lease_runs_no_one_else_takes_the_row(claimed: ExtractionRun) -> None:
    assert not take_at(CLAIMED_AT, claimed)
    assert not take_at(CLAIMED_AT + LEASE - timedelta(seconds=1), claimed)

    claimed.refresh_from_db()
    assert claimed.attempts == 1
    assert claimed.lease_expires_at == CLAIMED_AT + LEASE


def test_once_the_lease_has_passed_the_next_claimant_takes_the_row(
    claimed: ExtractionRun,
) -> None:
    retaken_at = CLAIMED_AT + LEASE + timedelta(seconds=1)

    assert take_at(retaken_at, claimed)
    assert not take_at(retaken_at, claimed)

    claimed.refresh_from_db()
    assert claimed.attempts == 2
    assert claimed.lease_expires_at == retaken_at + LEASE


def test_a_row_that_left_the_claimable_state_is_not_taken_again(claimed: ExtractionRun) -> None:
    ExtractionRun.objects.filter(pk=claimed.pk).update(status=RunStatus.SUCCEEDED)

    assert not take_at(CLAIMED_AT + 2 * LEASE, claimed)

    claimed.refresh_from_db()
    assert claimed.status == RunStatus.SUCCEEDED
    assert claimed.attempts == 1
