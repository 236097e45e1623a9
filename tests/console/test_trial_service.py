"""The trial service: the seed's config on seed-like calls, decided and explained."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from agents.config import ActionDraft, ConfigInvalid
from agents.models import Agent
from agents.selectors import agent_action_drafts, agent_field_specs
from console.trial import TrialInvalid, agent_trial, trial_call
from extraction.transcripts import parse_transcript
from extraction.types import Turn
from tests.conftest import NOT_INTERESTED, SEED_TRANSCRIPT
from tests.factories import CallFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

ISTANBUL_START = datetime(2026, 3, 10, 14, 5)
CRM_HOOK = ActionDraft(
    name="CRM lead",
    type="webhook",
    condition={"field": "interest_level", "operator": "==", "value": "high"},
    # Test settings let loopback URLs pass the save's checks; a trial never calls them.
    config={"url": "http://127.0.0.1:9/hooks/postcall"},
)


def turns(text: str) -> tuple[Turn, ...]:
    return tuple(Turn(role=turn["role"], text=turn["text"]) for turn in parse_transcript(text))


def run(agent: Agent, text: str, actions: list[ActionDraft] | None = None, **call: object):
    trial = trial_call(agent=agent, turns=turns(text), local_start=ISTANBUL_START, **call)
    drafts = agent_action_drafts(agent=agent) if actions is None else actions
    return agent_trial(
        agent=agent, fields=agent_field_specs(agent=agent), actions=drafts, call=trial
    )


def test_the_seed_call_gives_values_evidence_and_the_follow_up_it_would_book(
    seed_agent: Agent,
) -> None:
    result = run(seed_agent, SEED_TRANSCRIPT)

    values = {row.name: row.value for row in result.fields}
    assert values == {
        "customer_name": "Maria Gonzalez",
        "interest_level": "high",
        "follow_up_required": True,
        "follow_up_date": "2026-03-17",
        "callback_number": "05321234567",
    }
    evidence = {row.name: row.evidence for row in result.fields}
    assert evidence["customer_name"] == "Hi, my name is Maria Gonzalez."
    assert evidence["follow_up_date"] == "Yes please, call me next Tuesday."
    assert not any(row.error or row.ungrounded for row in result.fields)
    assert result.started == "Tue 2026-03-10 14:05 +03"
    [follow_up] = result.actions
    assert follow_up.verdict == "would fire"
    assert follow_up.reason == "follow_up_required is true (== true)"
    assert follow_up.outline.headline == (
        "Follow-up call Tue 2026-03-17 10:00 +03, calling +905321234567"
    )
    assert follow_up.outline.reasons == (
        "calling the number from callback_number",
        "follow_up_date is 2026-03-17: no time of day was said, so 10:00 in Europe/Istanbul "
        "(the agent's follow-up time)",
    )


def test_a_call_without_interest_skips_the_follow_up_and_says_why(seed_agent: Agent) -> None:
    result = run(seed_agent, NOT_INTERESTED)

    [follow_up] = result.actions
    assert follow_up.verdict == "would be skipped"
    assert follow_up.reason == "follow_up_required is false, condition wants == true"
    assert follow_up.outline is None


def test_the_follow_up_is_booked_in_the_zone_chosen_for_the_call(seed_agent: Agent) -> None:
    result = run(seed_agent, SEED_TRANSCRIPT, zone_name="America/New_York")

    assert result.started == "Tue 2026-03-10 14:05 EDT"
    assert result.actions[0].outline.headline.startswith("Follow-up call Tue 2026-03-17 10:00 EDT")


def test_a_webhook_shows_the_exact_payload_it_would_send(seed_agent: Agent) -> None:
    result = run(seed_agent, SEED_TRANSCRIPT, actions=[CRM_HOOK])

    [hook] = result.actions
    assert hook.verdict == "would fire"
    assert hook.outline.headline == "POST http://127.0.0.1:9/hooks/postcall"
    payload = json.loads(hook.outline.payload)
    assert payload["type"] == "call.analyzed"
    assert payload["test"] is False
    assert payload["data"]["extraction"]["values"]["interest_level"] == "high"
    assert payload["data"]["extraction"]["evidence"]["customer_name"] == (
        "Hi, my name is Maria Gonzalez."
    )
    assert payload["data"]["call"]["started_at"] == "2026-03-10T14:05:00+03:00"
    assert payload["data"]["call"]["agent"] == {"slug": "solaris", "name": "Solaris sales"}
    assert payload["data"]["action"] == {
        "name": "CRM lead",
        "type": "webhook",
        "condition": CRM_HOOK.condition,
        "reason": "interest_level is 'high' (== 'high')",
        "id": None,
        "decision_id": None,
        "firing": 1,
        "refire": False,
    }


def test_a_switched_off_action_is_not_decided(seed_agent: Agent) -> None:
    [draft] = agent_action_drafts(agent=seed_agent)
    draft.enabled = False

    result = run(seed_agent, SEED_TRANSCRIPT, actions=[draft])

    assert result.actions[0].verdict == "switched off"


def test_a_stored_call_brings_its_own_transcript_start_and_zone(seed_agent: Agent) -> None:
    stored = CallFactory(
        agent=seed_agent,
        started_at=datetime(2026, 3, 10, 18, 0, tzinfo=UTC),
        timezone="America/New_York",
        transcript=parse_transcript(SEED_TRANSCRIPT),
    )

    trial = trial_call(agent=seed_agent, stored=stored)

    assert trial.turns == stored.turns()
    assert trial.started_at == stored.started_at
    assert trial.zone.key == "America/New_York"
    assert trial.from_number == stored.from_number


def test_without_a_start_the_call_starts_now_in_the_agent_zone(seed_agent: Agent) -> None:
    trial = trial_call(agent=seed_agent, turns=turns(SEED_TRANSCRIPT))

    assert trial.started_at == datetime(2026, 3, 10, 11, 10, tzinfo=UTC)
    assert trial.zone.key == "Europe/Istanbul"


def test_no_transcript_is_refused(seed_agent: Agent) -> None:
    with pytest.raises(TrialInvalid, match="paste a transcript or pick a call"):
        trial_call(agent=seed_agent)


def test_an_invalid_config_is_refused_with_the_save_messages(seed_agent: Agent) -> None:
    broken = ActionDraft(
        name="Broken",
        type="webhook",
        condition={"field": "nope", "operator": "==", "value": 1},
        config={"url": "http://127.0.0.1:9/"},
    )

    with pytest.raises(ConfigInvalid) as raised:
        run(seed_agent, SEED_TRANSCRIPT, actions=[broken])

    assert [str(error) for error in raised.value.errors] == [
        "action 1 (Broken): condition: field 'nope' does not exist (fields: customer_name, "
        "interest_level, follow_up_required, follow_up_date, callback_number)"
    ]


def test_the_caller_s_number_places_a_local_callback_number(seed_agent: Agent) -> None:
    text = (
        "Agent: Who am I speaking with?\n"
        "User: This is Jordan Blake.\n"
        "Agent: Shall we call you back?\n"
        "User: Sure, call me back Monday. My cell is 917 555 0142."
    )

    result = run(seed_agent, text, zone_name="America/New_York", from_number="+12125550100")

    values = {row.name: row.value for row in result.fields}
    assert values["callback_number"] == "9175550142"
    assert result.actions[0].outline.headline == (
        "Follow-up call Mon 2026-03-16 10:00 EDT, calling +19175550142"
    )
