"""When a `RetryPolicy` stops: after one attempt more than its delays, never when it keeps
trying, at once when it has no delays."""

from __future__ import annotations

from infra.retry import RetryPolicy


def test_after_the_last_delay_the_next_failure_gives_up() -> None:
    policy = RetryPolicy((30.0, 120.0))

    assert policy.max_attempts == 3
    assert policy.delay_after(2) == 120.0
    assert policy.delay_after(3) is None
    assert policy.delay_after(10) is None


def test_a_retry_after_does_not_bring_back_work_given_up() -> None:
    assert RetryPolicy((30.0, 120.0)).delay_after(3, retry_after=60) is None


def test_a_policy_that_keeps_trying_repeats_its_last_delay() -> None:
    policy = RetryPolicy((10.0, 60.0, 600.0, 3600.0), keep_trying=True)

    waits = [policy.delay_after(attempts) for attempts in range(1, 9)]

    assert waits == [10.0, 60.0, 600.0] + [3600.0] * 5


def test_a_policy_without_delays_gives_up_after_the_first_failure() -> None:
    policy = RetryPolicy(())

    assert policy.max_attempts == 1
    assert policy.delay_after(1) is None
    assert RetryPolicy((), keep_trying=True).delay_after(1) is None
