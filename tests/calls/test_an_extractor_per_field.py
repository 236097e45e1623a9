"""A field may name its own extractor: one call's fields are asked of each extractor in
one request, and the run records which extractor answered each field and what each
request cost."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.models import Agent
from calls.models import Call, RunStatus
from calls.services import call_create
from tests.conftest import SEED_TRANSCRIPT
from tests.fakes.openai_server import ModelServer, completion, schema_of

pytestmark = pytest.mark.django_db


def store(agent: Agent, capture) -> Call:
    with capture(execute=True):
        call, _ = call_create(
            agent=agent,
            external_id="per-field-1",
            started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
            from_number="+905321234567",
            transcript=SEED_TRANSCRIPT,
        )
    return Call.objects.get(pk=call.pk)


def test_a_field_on_a_model_is_asked_of_it_alone_and_the_others_are_read_offline(
    model_server: ModelServer, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    seed_agent.fields.filter(name="interest_level").update(extractor="gpt-4o-mini")
    model_server.then(
        completion(
            {
                "values": {"interest_level": "high"},
                "evidence": {"interest_level": "Yes, very much"},
            },
            model="gpt-4o-mini-2024-07-18",
            prompt_tokens=300,
            completion_tokens=20,
        )
    )

    call = store(seed_agent, django_capture_on_commit_callbacks)

    run = call.runs.get()
    assert run.status == RunStatus.SUCCEEDED
    assert run.values["interest_level"] == "high"
    assert run.values["customer_name"] == "Maria Gonzalez"
    assert run.values["follow_up_date"] == "2026-03-17"
    [request] = model_server.received
    assert request.json()["model"] == "gpt-4o-mini"
    assert list(schema_of(request)["properties"]["values"]["properties"]) == ["interest_level"]
    assert run.field_extractors["interest_level"] == {
        "backend": "openai",
        "model": "gpt-4o-mini-2024-07-18",
    }
    assert run.field_extractors["customer_name"] == {"backend": "offline", "model": "offline"}
    groups = {group["backend"]: group for group in run.extractor_groups}
    assert groups["openai"]["fields"] == ["interest_level"]
    assert (groups["openai"]["tokens_in"], groups["openai"]["tokens_out"]) == (300, 20)
    assert groups["offline"]["fields"] == [
        "customer_name",
        "follow_up_required",
        "follow_up_date",
        "callback_number",
    ]
    assert all(group["error"] == "" and group["latency_ms"] >= 0 for group in groups.values())
    assert (run.tokens_in, run.tokens_out) == (300, 20)
    assert not run.partial
    assert call.action_runs.count() == 1  # the seed's follow-up, decided on every value


def test_fields_that_name_the_agents_own_extractor_make_one_request(
    model_server: ModelServer, seed_agent: Agent, django_capture_on_commit_callbacks, settings
) -> None:
    settings.EXTRACTION_BACKEND = "openai"
    seed_agent.extraction_model = "gpt-4o-mini"
    seed_agent.save()
    seed_agent.fields.filter(name="interest_level").update(extractor="gpt-4o-mini")

    call = store(seed_agent, django_capture_on_commit_callbacks)

    run = call.runs.get()
    assert len(model_server.received) == 1
    assert len(run.extractor_groups) == 1
    assert set(run.field_extractors) == {spec["name"] for spec in run.config_snapshot}
