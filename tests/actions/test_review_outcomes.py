"""Accepting, correcting and rejecting a held call: the held actions are decided once, on
the values the person gave, and every field's review is stored."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import time_machine

from actions.models import ActionRun, FollowUp, Outcome, Review, ReviewStatus, WebhookDelivery
from actions.reviews import ReviewTaken, review_reject, review_release
from actions.services import run_actions_handle
from agents.models import Action, Agent
from calls.models import FieldReview
from calls.reviews import ReviewInvalid, reviewed_values
from postcall_site.scheduler import tick
from tests.factories import SEED_VALUES, CallFactory, run_to_decide

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


@pytest.fixture
def held(seed_agent: Agent) -> Review:
    seed_agent.actions.update(review="uncertain")
    seed_agent.actions.create(
        name="CRM",
        type="webhook",
        config={"url": "https://crm.example.com/hooks"},
        review="uncertain",
        position=1,
    )
    call = CallFactory(agent=seed_agent)
    run = run_to_decide(call, values=SEED_VALUES, ungrounded=["follow_up_date"])
    run_actions_handle(run_id=run.pk)
    return Review.objects.get()


def test_a_correction_books_the_follow_up_at_the_corrected_time_and_says_so_in_the_webhook(
    held: Review, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        review_release(
            review=held,
            by="sam",
            values={"follow_up_date": "2026-03-19"},
            times={"follow_up_date": "15:30"},
        )

    followup = FollowUp.objects.get()
    # 15:30 in Istanbul is 12:30 UTC.
    assert followup.due_at == datetime(2026, 3, 19, 12, 30, tzinfo=UTC)
    assert "at 15:30 in Europe/Istanbul, as reviewed by sam" in followup.history[-1]["reason"]
    decisions = ActionRun.objects.filter(review=held)
    assert {decision.outcome for decision in decisions} == {Outcome.FIRED}
    assert all(decision.reason.startswith("reviewed by sam: ") for decision in decisions)
    event = json.loads(WebhookDelivery.objects.get().body)
    extraction = event["data"]["extraction"]
    assert extraction["values"]["follow_up_date"] == "2026-03-19"
    assert extraction["review"]["reviewed_by"] == "sam"
    assert extraction["review"]["corrected"] == {
        "follow_up_date": {
            "extracted": "2026-03-17",
            "reviewed": "2026-03-19",
            "extracted_time": None,
            "reviewed_time": "15:30",
        }
    }
    reviews = {row.field: row for row in FieldReview.objects.all()}
    assert len(reviews) == 5
    assert reviews["follow_up_date"].correct is False
    assert reviews["follow_up_date"].extracted == "2026-03-17"
    assert reviews["follow_up_date"].reviewed == "2026-03-19"
    assert reviews["customer_name"].correct is True
    assert reviews["customer_name"].reviewed_by == "sam"


def test_accepting_confirms_every_value_and_fires_on_them(
    held: Review, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        review_release(review=held, by="sam")

    assert FollowUp.objects.get().due_at.astimezone(UTC).date().isoformat() == "2026-03-17"
    assert set(FieldReview.objects.values_list("correct", flat=True)) == {True}
    call_id = held.call_id
    assert reviewed_values([call_id]) == {call_id: SEED_VALUES}
    event = json.loads(WebhookDelivery.objects.get().body)
    assert event["data"]["extraction"]["review"]["corrected"] == {}


def test_a_correction_that_makes_the_condition_fail_skips_the_action(
    held: Review, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        review_release(review=held, by="sam", values={"follow_up_required": "no"})

    follow_up = ActionRun.objects.get(review=held, action__name="Auto follow-up")
    assert follow_up.outcome == Outcome.SKIPPED
    assert not FollowUp.objects.exists()


def test_rejecting_skips_every_held_action_naming_the_reviewer(held: Review) -> None:
    assert review_reject(review=held, by="sam") == 2

    reasons = set(ActionRun.objects.values_list("outcome", "reason"))
    assert reasons == {(Outcome.SKIPPED, "rejected by sam")}
    assert not FollowUp.objects.exists()
    assert not WebhookDelivery.objects.exists()
    assert not FieldReview.objects.exists()


def test_the_second_reviewer_is_told_and_changes_nothing(
    held: Review, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        review_release(review=held, by="sam")

    with pytest.raises(ReviewTaken, match="already reviewed: released by sam"):
        review_reject(review=held, by="kim")
    with pytest.raises(ReviewTaken):
        review_release(review=held, by="kim", values={"follow_up_date": "2026-04-01"})

    held.refresh_from_db()
    assert held.decided_by == "sam"
    assert FollowUp.objects.count() == 1
    assert set(FieldReview.objects.values_list("reviewed_by", flat=True)) == {"sam"}


def test_values_that_do_not_fit_are_refused_with_their_field_and_nothing_changes(
    held: Review,
) -> None:
    with pytest.raises(ReviewInvalid) as refused:
        review_release(
            review=held,
            by="sam",
            values={"interest_level": "enormous", "nickname": "M"},
            times={"follow_up_date": "25:00"},
        )

    assert set(refused.value.errors) == {"interest_level", "nickname", "follow_up_date"}
    held.refresh_from_db()
    assert held.status == ReviewStatus.PENDING
    assert not FieldReview.objects.exists()


def test_a_release_whose_task_was_lost_is_decided_by_the_scheduler(
    held: Review, django_capture_on_commit_callbacks
) -> None:
    review_release(review=held, by="sam")  # the commit's queue message never ran
    assert not FollowUp.objects.exists()

    later = datetime(2026, 3, 10, 11, 30, tzinfo=UTC)
    with time_machine.travel(later, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert tick()["review_releases"] == 1

    assert FollowUp.objects.count() == 1
    assert ActionRun.objects.filter(review=held, outcome=Outcome.HELD).count() == 0


def test_an_action_switched_off_while_the_call_waited_is_skipped_on_release(
    held: Review, django_capture_on_commit_callbacks
) -> None:
    Action.objects.filter(name="CRM").update(enabled=False)

    with django_capture_on_commit_callbacks(execute=True):
        review_release(review=held, by="sam")

    crm = ActionRun.objects.get(review=held, action__name="CRM")
    assert crm.outcome == Outcome.SKIPPED
    assert crm.reason == "reviewed by sam: the action was switched off while the call waited"
    assert not WebhookDelivery.objects.exists()
    assert FollowUp.objects.count() == 1


def test_a_rerun_that_decides_the_actions_again_supersedes_the_waiting_review(
    held: Review,
) -> None:
    rerun = run_to_decide(held.call, values=SEED_VALUES)
    rerun.fire_actions = True
    rerun.save(update_fields=["fire_actions"])
    held.call.agent.actions.update(review="never")

    run_actions_handle(run_id=rerun.pk)

    held.refresh_from_db()
    assert held.status == ReviewStatus.SUPERSEDED
    old = set(ActionRun.objects.filter(review=held).values_list("outcome", "reason"))
    assert old == {
        (Outcome.SKIPPED, f"superseded by run {rerun.pk}, which decides the actions again")
    }
    assert FollowUp.objects.count() == 1
    with pytest.raises(ReviewTaken, match="superseded: a re-run decided the call's actions again"):
        review_release(review=held, by="sam")
