"""One run, two extractors: a field on llama.cpp's server (Gemma 3 270M, on 127.0.0.1)
and a field read offline, asked at the same time and stored as one run. The request to
the model is bounded by its one field's schema, not by the whole output budget."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from agents.services import agent_import_json
from calls.models import Call, RunStatus
from calls.services import call_create
from tests.extraction.test_llama_cpp_server import MODEL, llama_server  # noqa: F401
from tests.factories import AgentFactory

pytestmark = pytest.mark.long

FIELDS = [
    {"name": "customer_name", "type": "string", "description": "Customer full name"},
    {
        "name": "follow_up_required",
        "type": "boolean",
        "description": "Whether follow-up is needed",
        "extractor": MODEL,
    },
]


@pytest.mark.django_db
def test_a_field_on_llama_cpp_and_a_field_read_offline_make_one_run(
    llama_server: str,  # noqa: F811
    settings,
    django_capture_on_commit_callbacks,
) -> None:
    settings.EXTRACTION_BACKEND = "offline"
    settings.OPENAI_API_KEY = "sk-local"
    settings.OPENAI_BASE_URL = llama_server
    settings.OPENAI_TIMEOUT_SECONDS = 600
    settings.OPENAI_MAX_RETRIES = 0
    settings.OPENAI_LOGPROBS = False
    agent = AgentFactory()
    agent_import_json(agent=agent, fields_json=json.dumps(FIELDS))

    with django_capture_on_commit_callbacks(execute=True):
        call, _ = call_create(
            agent=agent,
            external_id="llama-beside-offline",
            started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
            transcript="Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez.\n"
            "Agent: Shall we call you back?\nUser: Yes please, call me back tomorrow.",
        )

    run = Call.objects.get(pk=call.pk).runs.get()
    assert run.status == RunStatus.SUCCEEDED
    assert run.values["customer_name"] == "Maria Gonzalez"
    assert run.field_extractors["customer_name"] == {"backend": "offline", "model": "offline"}
    assert run.field_extractors["follow_up_required"]["backend"] == "openai"
    model_group = next(g for g in run.extractor_groups if g["backend"] == "openai")
    assert model_group["fields"] == ["follow_up_required"]
    assert model_group["tokens_in"] > 0
    # A yes or no and its quote: at most 149 tokens, however the small model goes on.
    assert model_group["tokens_out"] <= 149
    if model_group["error"]:
        # Whatever the model got wrong, the offline value stands and the run says why.
        assert run.partial
        assert run.field_errors["follow_up_required"].startswith(f"openai/{MODEL} failed: ")
    else:
        value = run.values["follow_up_required"]
        assert value in (True, False) or "follow_up_required" in run.null_reasons
