"""How long a `RetryPolicy` waits after each failed attempt: its schedule, the jitter on
top, and a wait the remote party asked for."""

from __future__ import annotations

import pytest

from infra.retry import MAX_RETRY_AFTER_SECONDS, RetryPolicy

SCHEDULE = (30.0, 120.0, 600.0)


def test_each_failed_attempt_waits_the_schedules_next_delay() -> None:
    policy = RetryPolicy(SCHEDULE)

    assert [policy.delay_after(attempts) for attempts in (1, 2, 3)] == [30.0, 120.0, 600.0]


@pytest.mark.parametrize("attempts", [1, 2, 3])
def test_jitter_adds_at_most_its_share_of_the_delay(attempts: int) -> None:
    policy = RetryPolicy(SCHEDULE, jitter=0.1)
    delay = SCHEDULE[attempts - 1]

    waits = {policy.delay_after(attempts) for _ in range(200)}

    assert all(wait is not None and delay <= wait <= delay * 1.1 for wait in waits)
    assert len(waits) > 1


def test_a_longer_retry_after_is_waited_and_a_shorter_one_is_not() -> None:
    policy = RetryPolicy(SCHEDULE)

    assert policy.delay_after(1, retry_after=90) == 90
    assert policy.delay_after(2, retry_after=90) == 120.0


def test_a_retry_after_is_waited_a_day_at_most() -> None:
    policy = RetryPolicy(SCHEDULE)

    assert policy.delay_after(1, retry_after=7 * 24 * 3600) == MAX_RETRY_AFTER_SECONDS == 86400
