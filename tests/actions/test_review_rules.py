"""An action's review rule decides whether it fires at once or waits for a person."""

from __future__ import annotations

import pytest

from actions.models import ActionRun, FollowUp, Outcome, Review, ReviewStatus
from actions.services import run_actions_handle
from agents.models import Agent
from extraction.validation import REQUIRED_MISSING
from tests.factories import SEED_VALUES, CallFactory, run_to_decide

pytestmark = pytest.mark.django_db


def decide(agent: Agent, **run: object) -> ActionRun:
    call = CallFactory(agent=agent)
    values = {**SEED_VALUES, **run.pop("values", {})}  # type: ignore[dict-item]
    run_row = run_to_decide(call, values=values, **run)  # type: ignore[arg-type]
    (decision,) = run_actions_handle(run_id=run_row.pk)
    return decision


def set_rule(agent: Agent, rule: str) -> None:
    agent.actions.update(review=rule)


def test_by_default_an_ungrounded_date_fires_as_before(seed_agent: Agent) -> None:
    decision = decide(seed_agent, ungrounded=["follow_up_date"])

    assert decision.outcome == Outcome.FIRED
    assert FollowUp.objects.count() == 1
    assert not Review.objects.exists()


def test_when_uncertain_an_ungrounded_date_is_held_and_nothing_is_booked(
    seed_agent: Agent,
) -> None:
    set_rule(seed_agent, "uncertain")

    decision = decide(seed_agent, ungrounded=["follow_up_date"])

    assert decision.outcome == Outcome.HELD
    assert decision.reason.startswith(
        "waiting for review: follow_up_date has no evidence in the transcript"
    )
    assert not FollowUp.objects.exists()
    review = Review.objects.get()
    assert review.status == ReviewStatus.PENDING
    assert review.kinds() == ["ungrounded"]
    assert review.reasons == ["follow_up_date has no evidence in the transcript"]


def test_when_uncertain_grounded_values_fire_at_once(seed_agent: Agent) -> None:
    set_rule(seed_agent, "uncertain")

    decision = decide(seed_agent, ungrounded=["customer_name"])

    # The follow-up reads neither the name nor anything else that is uncertain.
    assert decision.outcome == Outcome.FIRED
    assert FollowUp.objects.count() == 1


def test_when_uncertain_an_invalid_or_missing_required_value_is_held(seed_agent: Agent) -> None:
    set_rule(seed_agent, "uncertain")
    seed_agent.fields.filter(name="customer_name").update(required=True)

    invalid = decide(
        seed_agent,
        values={"callback_number": None},
        errors={"callback_number": "'12' has 2 digits; a phone number has 7 to 15"},
    )
    missing = decide(
        seed_agent,
        values={"customer_name": None},
        errors={"customer_name": REQUIRED_MISSING},
    )

    assert invalid.outcome == missing.outcome == Outcome.HELD
    assert "callback_number is invalid: '12' has 2 digits" in invalid.reason
    assert "customer_name is required but missing" in missing.reason
    assert sorted(Review.objects.values_list("reason_kinds", flat=True)) == [
        " invalid ",
        " missing ",
    ]


def test_when_uncertain_a_condition_on_certain_values_that_fails_is_skipped(
    seed_agent: Agent,
) -> None:
    set_rule(seed_agent, "uncertain")

    decision = decide(
        seed_agent, values={"follow_up_required": False}, ungrounded=["follow_up_date"]
    )

    assert decision.outcome == Outcome.SKIPPED
    assert not Review.objects.exists()


def test_always_holds_even_certain_values(seed_agent: Agent) -> None:
    set_rule(seed_agent, "always")

    decision = decide(seed_agent)

    assert decision.outcome == Outcome.HELD
    assert "Auto follow-up is always reviewed" in decision.reason
    assert not FollowUp.objects.exists()


def test_a_webhook_is_held_for_any_uncertain_value_since_it_sends_them_all(
    seed_agent: Agent,
) -> None:
    seed_agent.actions.all().delete()
    seed_agent.actions.create(
        name="CRM",
        type="webhook",
        config={"url": "https://crm.example.com/hooks"},
        review="uncertain",
    )

    decision = decide(seed_agent, ungrounded=["customer_name"])

    assert decision.outcome == Outcome.HELD
    assert "customer_name has no evidence" in decision.reason
