"""A server that gives no token log-probabilities: its values carry no confidence, saying
why, and it is not asked for them again."""

from __future__ import annotations

import pytest

from extraction.openai_backend import OpenAIBackend
from extraction.types import BackendError, ExtractionRequest
from tests.extraction.openai_backend.test_openai_backend import GOOD, NAMES
from tests.fakes.openai_server import ModelServer, completion, error, refusing_logprobs

NO_CONFIDENCE = dict.fromkeys(NAMES, "the model server gives no token log-probabilities")


def backend(server: ModelServer) -> OpenAIBackend:
    return OpenAIBackend(api_key="sk-test", base_url=server.base_url, max_retries=0)


def asked_for_logprobs(server: ModelServer) -> list[bool]:
    return [bool(body.get("logprobs")) for body in server.bodies()]


def test_a_server_refusing_logprobs_is_asked_again_at_once_without_them_and_remembered(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.default = refusing_logprobs(completion(GOOD))
    model = backend(openai_server)

    first = model.extract(seed_call)
    later = model.extract(seed_call)

    assert asked_for_logprobs(openai_server) == [True, False, False]
    assert first.values == later.values == GOOD["values"]
    assert first.confidences == later.confidences == {}
    assert first.confidence_reasons == later.confidence_reasons == NO_CONFIDENCE
    assert first.notes == [
        "the model server gives no token log-probabilities: it refused them "
        "(logprobs is not supported for this model)"
    ]
    assert later.notes == []


def test_a_server_answering_without_logprobs_is_not_asked_for_them_again(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.default = completion(GOOD)
    model = backend(openai_server)

    first = model.extract(seed_call)
    model.extract(seed_call)

    assert asked_for_logprobs(openai_server) == [True, False]
    assert first.values == GOOD["values"]
    assert first.confidence_reasons == NO_CONFIDENCE


def test_each_model_on_a_server_is_asked_for_itself(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.default = completion(GOOD)
    model = backend(openai_server)

    model.extract(seed_call)
    model.extract(ExtractionRequest(**{**seed_call.__dict__, "model": "other-model"}))

    assert asked_for_logprobs(openai_server) == [True, True]


def test_a_refusal_about_something_else_is_not_taken_for_one_about_logprobs(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.default = error(400, message="temperature must be at most 2")

    with pytest.raises(BackendError, match="temperature must be at most 2"):
        backend(openai_server).extract(seed_call)

    assert asked_for_logprobs(openai_server) == [True]
