"""A re-run with an older version of the config asks each field the extractor that
version named."""

from __future__ import annotations

import json

import pytest

from agents.models import Agent
from agents.selectors import agent_export
from agents.services import agent_import_json
from calls.models import Call
from calls.reruns import rerun_batch_create
from tests.fakes.openai_server import ModelServer, completion

pytestmark = pytest.mark.django_db


def test_a_rerun_with_a_version_uses_that_versions_extractors(
    model_server: ModelServer,
    seed_agent: Agent,
    analysed_call: Call,
    django_capture_on_commit_callbacks,
) -> None:
    fields = agent_export(agent=seed_agent)["fields"]
    fields[1]["extractor"] = "gpt-4o-mini"
    agent_import_json(agent=seed_agent, fields_json=json.dumps(fields))
    on_the_model = seed_agent.versions.order_by("-number").first()
    fields[1].pop("extractor")
    agent_import_json(agent=seed_agent, fields_json=json.dumps(fields))
    model_server.then(
        completion({"values": {"interest_level": "low"}, "evidence": {"interest_level": None}})
    )

    with django_capture_on_commit_callbacks(execute=True):
        rerun_batch_create(
            call_ids=[analysed_call.pk], fire_actions=False, by="ops", version=on_the_model
        )

    run = analysed_call.runs.order_by("-pk").first()
    assert run.agent_version == on_the_model
    assert run.values["interest_level"] == "low"
    assert run.field_extractors["interest_level"]["backend"] == "openai"
    assert model_server.last_body()["model"] == "gpt-4o-mini"
