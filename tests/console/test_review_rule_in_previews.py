"""The go-live trial and the re-run confirmation tell an action that its review rule
would hold from one that fires at once, as the real decision does."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from actions.models import Outcome
from agents.config import ActionDraft
from agents.models import Agent
from agents.selectors import agent_action_drafts, agent_field_specs
from console.rerun_preview import call_rerun_preview
from console.trial import agent_trial, trial_call
from extraction.transcripts import parse_transcript
from extraction.types import Turn
from tests.conftest import SEED_TRANSCRIPT
from tests.factories import CallFactory, run_to_decide

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def tried(agent: Agent, text: str, drafts: list[ActionDraft]) -> dict[str, object]:
    turns = tuple(Turn(role=t["role"], text=t["text"]) for t in parse_transcript(text))
    call = trial_call(agent=agent, turns=turns, local_start=datetime(2026, 3, 10, 14, 5))
    result = agent_trial(
        agent=agent, fields=agent_field_specs(agent=agent), actions=drafts, call=call
    )
    return {action.name: action for action in result.actions}


def follow_up_with(agent: Agent, review: str) -> list[ActionDraft]:
    return [replace(draft, review=review) for draft in agent_action_drafts(agent=agent)]


def test_the_trial_says_an_always_reviewed_follow_up_would_wait_and_what_it_would_book(
    seed_agent: Agent,
) -> None:
    [follow_up] = tried(seed_agent, SEED_TRANSCRIPT, follow_up_with(seed_agent, "always")).values()

    assert follow_up.outcome == Outcome.HELD
    assert follow_up.verdict == "would wait for review"
    assert "Auto follow-up is always reviewed" in follow_up.reason
    assert follow_up.outline is not None  # what a release would book


def test_the_trial_fires_a_certain_follow_up_at_once_when_reviewed_only_if_uncertain(
    seed_agent: Agent,
) -> None:
    [follow_up] = tried(
        seed_agent, SEED_TRANSCRIPT, follow_up_with(seed_agent, "uncertain")
    ).values()

    assert follow_up.outcome == Outcome.FIRED


def test_the_rerun_confirmation_says_an_ungrounded_date_would_wait_for_review(
    seed_agent: Agent,
) -> None:
    seed_agent.actions.update(review="uncertain")
    call = CallFactory(agent=seed_agent)
    run_to_decide(
        call,
        values={"follow_up_required": True, "follow_up_date": "2026-03-17"},
        ungrounded=["follow_up_date"],
    )

    [preview] = call_rerun_preview(call=call).actions

    assert preview.result.outcome == Outcome.HELD
    assert "follow_up_date has no evidence in the transcript" in preview.result.reason
    assert call_rerun_preview(call=call).firing == []
