"""Two reviewers decide the same held call at the same moment, in two threads with their
own database connections: one wins, the other is told, and the held actions are decided
once. The step that decides them, delivered twice at once, decides them once too."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from actions.models import ActionRun, FollowUp, Outcome, Review, ReviewStatus
from actions.reviews import ReviewTaken, review_reject, review_release
from actions.services import review_release_handle
from agents.models import Agent
from calls.models import FieldReview
from tests.factories import held_call

# A few minutes after the call, so the dates reviewed are still to come.
pytestmark = pytest.mark.usefixtures("frozen_now")


def held_review(agent: Agent) -> Review:
    held_call(agent)
    return Review.objects.get()


def at_once(*steps: Callable[[], object]) -> tuple[list[object], list[BaseException]]:
    """Run each step in its own thread, all released together; their results and errors."""
    start = threading.Barrier(len(steps))
    results: list[object] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(step: Callable[[], object]) -> None:
        try:
            start.wait(timeout=30)
            result = step()
            with lock:
                results.append(result)
        except BaseException as error:  # reported to the test's thread
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(step,)) for step in steps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_two_releases_at_once_release_once(seed_agent: Agent) -> None:
    review = held_review(seed_agent)

    results, errors = at_once(
        lambda: review_release(review=review, by="sam", values={"follow_up_date": "2026-03-19"}),
        lambda: review_release(review=review, by="kim", values={"follow_up_date": "2026-03-20"}),
    )

    assert len(results) == 1
    assert [type(error) for error in errors] == [ReviewTaken]
    review.refresh_from_db()
    winner = review.decided_by
    assert f"already reviewed: released by {winner}" in str(errors[0])
    followup = FollowUp.objects.get()
    expected_day = {"sam": "2026-03-19", "kim": "2026-03-20"}[winner]
    assert followup.due_at.astimezone(review.call.zone).date().isoformat() == expected_day
    decision = ActionRun.objects.get(review=review)
    assert decision.outcome == Outcome.FIRED
    assert decision.reason.startswith(f"reviewed by {winner}: ")
    assert set(FieldReview.objects.values_list("reviewed_by", flat=True)) == {winner}


@pytest.mark.django_db(transaction=True)
def test_a_release_and_a_reject_at_once_do_one_of_the_two(seed_agent: Agent) -> None:
    review = held_review(seed_agent)

    results, errors = at_once(
        lambda: review_release(review=review, by="sam"),
        lambda: review_reject(review=review, by="kim"),
    )

    assert len(results) == 1 and [type(error) for error in errors] == [ReviewTaken]
    review.refresh_from_db()
    decision = ActionRun.objects.get(review=review)
    if review.status == ReviewStatus.RELEASED:
        assert decision.outcome == Outcome.FIRED
        assert FollowUp.objects.count() == 1
    else:
        assert (decision.outcome, decision.reason) == (Outcome.SKIPPED, "rejected by kim")
        assert not FollowUp.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_decide_step_delivered_twice_at_once_decides_once(
    seed_agent: Agent, monkeypatch
) -> None:
    review = held_review(seed_agent)
    # The release commits, but its queue message is held back to be delivered twice.
    monkeypatch.setattr("calls.handoffs.enqueue", lambda *args, **options: "")
    review_release(review=review, by="sam")

    results, errors = at_once(
        lambda: review_release_handle(review_id=review.pk),
        lambda: review_release_handle(review_id=review.pk),
    )

    assert errors == []
    assert sorted(len(decided) for decided in results) == [0, 1]  # type: ignore[arg-type]
    assert FollowUp.objects.count() == 1
    assert ActionRun.objects.get(review=review).outcome == Outcome.FIRED
