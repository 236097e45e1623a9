"""An answer that stops at its token bound says so in the run's notes and in its
extractor's figures, whether its JSON was complete or cut off."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.models import Agent
from calls.models import Call, RunStatus
from calls.services import call_create
from tests.conftest import SEED_TRANSCRIPT
from tests.fakes.openai_server import ModelServer, completion

pytestmark = pytest.mark.django_db

ANSWER = {
    "values": {
        "customer_name": "Maria Gonzalez",
        "interest_level": "high",
        "follow_up_required": True,
        "follow_up_date": "2026-03-17",
        "callback_number": "05321234567",
    },
    "evidence": {
        "customer_name": "my name is Maria Gonzalez",
        "interest_level": "Yes, very much",
        "follow_up_required": "Yes please, call me next Tuesday",
        "follow_up_date": "next Tuesday",
        "callback_number": "oh five three two, one two three, four five six seven",
    },
}


def store(agent: Agent, capture) -> Call:
    with capture(execute=True):
        call, _ = call_create(
            agent=agent,
            external_id="bound-1",
            started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
            from_number="+905321234567",
            transcript=SEED_TRANSCRIPT,
        )
    return Call.objects.get(pk=call.pk)


def test_a_complete_answer_at_its_bound_is_kept_with_a_note(
    model_backend: ModelServer, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    model_backend.then(completion(ANSWER, finish_reason="length"))

    run = store(seed_agent, django_capture_on_commit_callbacks).runs.get()

    assert run.status == RunStatus.SUCCEEDED
    assert run.values["customer_name"] == "Maria Gonzalez"
    assert "the answer hit its token bound (837); its JSON was complete" in run.notes
    assert [group["hit_token_bound"] for group in run.extractor_groups] == [True]


def test_an_answer_cut_off_at_its_bound_says_so_in_the_failed_runs_notes(
    model_backend: ModelServer, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    model_backend.then(completion('{"values": {"customer_name": "Ma', finish_reason="length"))

    run = store(seed_agent, django_capture_on_commit_callbacks).runs.get()

    assert run.status == RunStatus.FAILED
    assert "the answer hit its token bound (837)" in run.notes


def test_an_answer_under_its_bound_has_no_note(
    model_backend: ModelServer, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    model_backend.then(completion(ANSWER))

    run = store(seed_agent, django_capture_on_commit_callbacks).runs.get()

    assert not any("token bound" in note for note in run.notes)
    assert [group["hit_token_bound"] for group in run.extractor_groups] == [False]
