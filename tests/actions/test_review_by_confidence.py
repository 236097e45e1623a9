"""From a stored call to its follow-up, through the real pipeline: a call whose values the
extractor is less sure of than the action's threshold waits for a person and books
nothing until released; a call it is sure enough of books at once. A model backend that
gives no confidence is held, since nothing says its values can be trusted."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from actions.models import FollowUp, Outcome, Review, ReviewStatus
from actions.reviews import review_release
from agents.models import Agent
from agents.services import agent_import_json
from calls.models import Call
from calls.services import call_create
from tests.conftest import SEED_CALL_TRANSCRIPT
from tests.factories import SEED_ACTION_JSON
from tests.fakes.openai_server import ModelServer, completion

pytestmark = pytest.mark.django_db

STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)
# The follow-up reads its condition, the date it books on and the numbers it calls.
USED = ("follow_up_required", "follow_up_date", "callback_number")


def review_below(agent: Agent, threshold: float) -> None:
    action = {**json.loads(SEED_ACTION_JSON), "review": {"confidence_below": threshold}}
    agent_import_json(agent=agent, actions_json=json.dumps(action))


def analysed(agent: Agent, capture) -> Call:
    with capture(execute=True):
        call, _ = call_create(
            agent=agent,
            external_id="c1",
            started_at=STARTED,
            ended_at=STARTED + timedelta(minutes=2),
            from_number="+905551112233",
            transcript=SEED_CALL_TRANSCRIPT,
        )
    return Call.objects.get(pk=call.pk)


def test_a_call_below_the_threshold_waits_and_books_only_once_released(
    seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    # The offline extractor's confidences are shares of right values, smoothed: under 0.99
    # for every reader on this call.
    review_below(seed_agent, 0.99)

    call = analysed(seed_agent, django_capture_on_commit_callbacks)

    run = call.latest_run
    assert run is not None
    (decision,) = call.action_runs.all()
    assert decision.outcome == Outcome.HELD
    assert not FollowUp.objects.exists()
    review = Review.objects.get(call=call)
    least = min(USED, key=lambda name: run.confidences[name])
    assert (review.lowest_confidence_field, review.lowest_confidence) == (
        least,
        run.confidences[least],
    )
    assert f"{least} at {run.confidences[least]:g}, below 0.99" in review.reasons

    with django_capture_on_commit_callbacks(execute=True):
        review_release(review=review, by="sam")

    decision.refresh_from_db()
    assert decision.outcome == Outcome.FIRED
    assert decision.reason.startswith("reviewed by sam: ")
    assert FollowUp.objects.get().source_call == call
    assert Review.objects.get().status == ReviewStatus.RELEASED


def test_a_call_above_the_threshold_books_at_once(
    seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    review_below(seed_agent, 0.5)

    call = analysed(seed_agent, django_capture_on_commit_callbacks)

    (decision,) = call.action_runs.all()
    assert decision.outcome == Outcome.FIRED
    assert FollowUp.objects.get().source_call == call
    assert not Review.objects.exists()


def test_a_model_that_gives_no_confidence_is_held(
    settings, openai_server: ModelServer, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    settings.EXTRACTION_BACKEND = "openai"
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = openai_server.base_url
    settings.OPENAI_MAX_RETRIES = 0
    openai_server.then(
        completion(
            {
                "values": {
                    "customer_name": "Maria Gonzalez",
                    "interest_level": None,
                    "follow_up_required": True,
                    "follow_up_date": "next Tuesday",
                    "callback_number": None,
                },
                "evidence": {
                    "customer_name": "My name is Maria Gonzalez.",
                    "interest_level": None,
                    "follow_up_required": "Yes please, call me next Tuesday.",
                    "follow_up_date": "call me next Tuesday",
                    "callback_number": None,
                },
            }
        )
    )
    review_below(seed_agent, 0.5)

    call = analysed(seed_agent, django_capture_on_commit_callbacks)

    (decision,) = call.action_runs.all()
    assert decision.outcome == Outcome.HELD
    assert (
        "follow_up_required has no confidence (the model server gives no token "
        "log-probabilities), counted as below 0.5" in decision.reason
    )
    assert not FollowUp.objects.exists()
