"""Servers that take only some response formats, and errors that are about the request."""

from __future__ import annotations

import json

import pytest

from extraction.engine import extract
from extraction.openai_backend import OpenAIBackend
from extraction.types import BackendError, ExtractionRequest
from tests.extraction.openai_backend.test_openai_backend import GOOD
from tests.fakes.http import Received, Reply
from tests.fakes.openai_server import (
    LLAMA_CPP_REFUSAL,
    ModelServer,
    completion,
    error,
    like_llama_cpp,
)


def backend(server: ModelServer, **options: object) -> OpenAIBackend:
    return OpenAIBackend(
        api_key="sk-test", base_url=server.base_url, **{"max_retries": 3, **options}
    )


def formats(server: ModelServer) -> list[object]:
    return [body.get("response_format", {}).get("type", "text") for body in server.bodies()]


def test_a_server_refusing_json_schema_is_asked_for_json_object_with_the_schema_once(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.default = like_llama_cpp(completion(GOOD))

    answer = backend(openai_server).extract(seed_call)

    # The 500 is about the request: not retried as an outage.
    assert formats(openai_server) == ["json_schema", "json_object"]
    second = openai_server.last_body()
    assert second["response_format"]["schema"]["properties"]["values"]["properties"]
    assert "JSON schema" in second["messages"][0]["content"]
    assert answer.values == GOOD["values"]
    assert answer.notes == [
        "the server took json_object with the schema; it refused strict json_schema: "
        "1 validation error: {'type': 'literal_error', 'loc': ('body', 'response_format', "
        "'type'), 'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema', "
        "'ctx': {'expected': \"'text' or 'json_object'\"}}"
    ]


def test_the_format_a_model_took_is_remembered_for_the_next_calls(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.default = like_llama_cpp(completion(GOOD))
    model = backend(openai_server)

    model.extract(seed_call)
    later = model.extract(seed_call)

    assert formats(openai_server) == ["json_schema", "json_object", "json_object"]
    assert later.notes == []
    other_model = ExtractionRequest(**{**seed_call.__dict__, "model": "other-model"})
    model.extract(other_model)
    assert formats(openai_server)[-2:] == ["json_schema", "json_object"]


def refuse(*kinds: str) -> object:
    def reply(request: Received) -> Reply:
        kind = request.json().get("response_format", {}).get("type", "text")
        with_schema = "schema" in request.json().get("response_format", {})
        key = "json_object_schema" if kind == "json_object" and with_schema else kind
        if key in kinds:
            return error(400, message=f"response_format {key} is not supported")
        return completion(GOOD)

    return reply


def test_formats_are_tried_in_order_down_to_json_in_plain_text(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.default = refuse("json_schema", "json_object_schema", "json_object")

    answer = backend(openai_server).extract(seed_call)

    assert formats(openai_server) == ["json_schema", "json_object", "json_object", "text"]
    assert "response_format" not in openai_server.last_body()
    assert answer.values == GOOD["values"]
    assert answer.notes[0].startswith("the server took JSON in plain text; it refused")


def test_a_request_refused_in_every_format_fails_saying_what_the_server_refused(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.default = error(422, message="response_format: unsupported value")

    with pytest.raises(BackendError) as raised:
        backend(openai_server).extract(seed_call)

    assert not raised.value.retryable
    assert str(raised.value).startswith(
        "the server refused the request (422): response_format: unsupported value (after "
        "refusing strict json_schema: response_format: unsupported value; json_object with"
    )
    assert len(openai_server.received) == 4


@pytest.mark.parametrize(
    "message",
    [
        "Requested tokens (9000) exceed context window of 4096",
        "1 validation error: temperature Input should be less than or equal to 2",
    ],
)
def test_a_server_error_about_the_request_is_not_retried_as_an_outage(
    openai_server: ModelServer, seed_call: ExtractionRequest, message: str
) -> None:
    openai_server.default = error(500, message=message, retry_after_ms="1")

    with pytest.raises(BackendError) as raised:
        backend(openai_server).extract(seed_call)

    assert not raised.value.retryable
    assert str(raised.value) == f"the server refused the request (500): {message}"
    assert len(openai_server.received) == 1


def test_an_outage_is_still_retried(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.then(
        error(500, message="upstream connect error", retry_after_ms="1"), completion(GOOD)
    )

    answer = backend(openai_server).extract(seed_call)

    assert answer.attempts == 2
    assert formats(openai_server) == ["json_schema", "json_schema"]


def test_an_answer_that_is_not_json_is_asked_for_again_when_the_server_does_not_enforce_it(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.then(
        error(500, message=LLAMA_CPP_REFUSAL),
        completion("Sure! The customer is Maria Gonzalez."),
        completion("```json\n" + json.dumps(GOOD) + "\n```"),
    )

    answer = backend(openai_server).extract(seed_call)

    assert answer.values == GOOD["values"]
    reask = openai_server.last_body()["messages"]
    assert reask[-2] == {"role": "assistant", "content": "Sure! The customer is Maria Gonzalez."}
    assert "cannot be used: the model's answer is not JSON" in reask[-1]["content"]
    assert answer.notes[0].startswith("asked again once: the first answer was unusable")


def test_the_time_said_for_a_date_comes_back_beside_it(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.then(completion({**GOOD, "times": {"follow_up_date": "3pm"}}))

    result = extract(seed_call, backend(openai_server)).result

    assert result.values["follow_up_date"] == "2026-03-17"
    assert result.times == {"follow_up_date": "15:00"}


def test_a_reask_that_cannot_be_read_keeps_the_first_answer_with_its_errors(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    wrong = {**GOOD, "values": {**GOOD["values"], "interest_level": "very high"}}
    openai_server.then(
        completion(wrong), completion('{"values": {"interest', finish_reason="length")
    )

    extraction = extract(seed_call, backend(openai_server))

    assert extraction.result.values["customer_name"] == "Maria Gonzalez"
    assert extraction.result.values["interest_level"] is None
    assert extraction.result.errors["interest_level"] == (
        "'very high' is not one of high, medium, low, none"
    )
    assert extraction.answer.notes[-1].startswith(
        "the re-ask gave no usable answer: the answer was cut off at the token limit"
    )
