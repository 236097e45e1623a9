"""Under "when uncertain or below a confidence", an action waits for a person when a value
it uses is less sure than the threshold Ops set on it, or has no confidence at all; the
reason names the value and its confidence."""

from __future__ import annotations

import pytest

from actions.models import ActionRun, FollowUp, Outcome, Review, WebhookDelivery
from actions.services import run_actions_handle
from agents.models import Agent
from tests.factories import SEED_VALUES, SURE, CallFactory, run_to_decide

pytestmark = pytest.mark.django_db


def decide(agent: Agent, confidences: dict[str, float | None], **run: object) -> ActionRun:
    call = CallFactory(agent=agent)
    values = {**SEED_VALUES, **run.pop("values", {})}  # type: ignore[dict-item]
    run_row = run_to_decide(
        call,
        values=values,
        confidences={**SURE, **confidences},
        **run,  # type: ignore[arg-type]
    )
    (decision,) = run_actions_handle(run_id=run_row.pk)
    return decision


@pytest.fixture
def below_06(seed_agent: Agent) -> Agent:
    seed_agent.actions.update(review="confidence", review_below=0.6)
    return seed_agent


def test_a_date_below_the_threshold_is_held_naming_it_and_its_confidence(below_06: Agent) -> None:
    decision = decide(below_06, {"follow_up_date": 0.42})

    assert decision.outcome == Outcome.HELD
    assert decision.reason.startswith("waiting for review: follow_up_date at 0.42, below 0.6")
    assert not FollowUp.objects.exists()
    review = Review.objects.get()
    assert review.reasons == ["follow_up_date at 0.42, below 0.6"]
    assert review.kinds() == ["confidence"]


def test_values_at_or_above_the_threshold_fire_at_once(below_06: Agent) -> None:
    decision = decide(below_06, {"follow_up_date": 0.6, "callback_number": 0.93})

    assert decision.outcome == Outcome.FIRED
    assert FollowUp.objects.count() == 1
    assert not Review.objects.exists()


def test_a_value_with_no_confidence_is_held_saying_why(below_06: Agent) -> None:
    decision = decide(
        below_06,
        {"callback_number": None},
        confidence_reasons={"callback_number": "the backend gives no confidence for it"},
    )

    assert decision.outcome == Outcome.HELD
    assert (
        "callback_number has no confidence (the backend gives no confidence for it), "
        "counted as below 0.6" in decision.reason
    )
    assert not FollowUp.objects.exists()


def test_a_run_from_before_confidences_were_kept_is_held(below_06: Agent) -> None:
    call = CallFactory(agent=below_06)
    run = run_to_decide(call, values=SEED_VALUES)

    (decision,) = run_actions_handle(run_id=run.pk)

    assert decision.outcome == Outcome.HELD
    assert "follow_up_date has no confidence (none was recorded)" in decision.reason


def test_a_low_value_the_action_does_not_use_does_not_hold_it(below_06: Agent) -> None:
    # The follow-up reads its condition, its date and the phone numbers, not the name.
    decision = decide(below_06, {"customer_name": 0.1, "interest_level": 0.2})

    assert decision.outcome == Outcome.FIRED
    assert FollowUp.objects.count() == 1


def test_a_webhook_is_held_for_any_low_value_since_it_sends_them_all(seed_agent: Agent) -> None:
    seed_agent.actions.all().delete()
    seed_agent.actions.create(
        name="CRM",
        type="webhook",
        config={"url": "https://crm.example.com/hooks"},
        review="confidence",
        review_below=0.8,
    )

    decision = decide(seed_agent, {"customer_name": 0.55})

    assert decision.outcome == Outcome.HELD
    assert "customer_name at 0.55, below 0.8" in decision.reason
    assert not WebhookDelivery.objects.exists()


def test_a_sure_condition_that_fails_is_skipped_whatever_the_date(below_06: Agent) -> None:
    decision = decide(below_06, {"follow_up_date": 0.1}, values={"follow_up_required": False})

    assert decision.outcome == Outcome.SKIPPED
    assert not Review.objects.exists()


def test_an_unsure_condition_that_fails_is_held(below_06: Agent) -> None:
    # A person who corrects "no follow-up" to "yes" would make it fire.
    decision = decide(below_06, {"follow_up_required": 0.3}, values={"follow_up_required": False})

    assert decision.outcome == Outcome.HELD
    assert "follow_up_required at 0.3, below 0.6" in decision.reason


def test_a_sure_value_without_evidence_is_still_held(below_06: Agent) -> None:
    # The rule holds what "when uncertain" holds, and more: never less.
    decision = decide(below_06, {}, ungrounded=["follow_up_date"])

    assert decision.outcome == Outcome.HELD
    assert "follow_up_date has no evidence in the transcript" in decision.reason


def test_an_invalid_value_is_named_once_for_what_is_wrong(below_06: Agent) -> None:
    decision = decide(
        below_06,
        {"callback_number": None},
        values={"callback_number": None},
        errors={"callback_number": "'12' has 2 digits; a phone number has 7 to 15"},
        confidence_reasons={"callback_number": "the value given did not validate"},
    )

    assert decision.outcome == Outcome.HELD
    assert "callback_number is invalid" in decision.reason
    assert "callback_number has no confidence" not in decision.reason


def test_when_uncertain_alone_ignores_confidences(seed_agent: Agent) -> None:
    seed_agent.actions.update(review="uncertain")

    decision = decide(seed_agent, {"follow_up_date": 0.1, "callback_number": None})

    assert decision.outcome == Outcome.FIRED
