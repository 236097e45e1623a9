"""An OpenAI-compatible chat completions server for tests, driven by the real SDK.

Point a client at `server.base_url` (it ends in /v1) and queue what the next requests get
with `server.then(...)`; once the queue is empty, `server.default` answers (by default,
null for every field the request's schema asks for). Every request is recorded in
`server.received` (method, path, lower-cased headers, body); `bodies()` and
`last_body()` decode the JSON.

    server.then(
        completion({"values": {...}, "evidence": {...}}),  # JSON content
        completion("not json"),                             # raw text as content
        completion(None, refusal="I can't help with that."),
        completion('{"values": {"na', finish_reason="length"),
        error(429, retry_after="1"),                        # waited out by the SDK
        error(500, retry_after_ms="10"),                    # retried without the SDK backoff
        completion(ANSWER, delay=2.0),                      # longer than a client timeout
        completion(ANSWER, logprobs=tokens),                # the tokens' log-probabilities
        scored(tokens),                                     # the tokens as the answer
        lambda request: completion(...),                    # computed from the request
    )
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from extraction.token_confidence import Token
from tests.fakes.http import Received, Reply, Server

JSON_HEADERS = {"Content-Type": "application/json"}


def completion(
    content: str | dict | None,
    *,
    refusal: str | None = None,
    finish_reason: str = "stop",
    model: str = "gpt-test",
    prompt_tokens: int = 120,
    completion_tokens: int = 30,
    delay: float = 0.0,
    logprobs: list[Token] | None = None,
) -> Reply:
    """A chat completion whose message is `content` (a dict is sent as its JSON text),
    with `logprobs` as its tokens' log-probabilities when given."""
    text = json.dumps(content) if isinstance(content, dict) else content
    return Reply(
        body={
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text, "refusal": refusal},
                    "finish_reason": finish_reason,
                    **({"logprobs": logprobs_body(logprobs)} if logprobs is not None else {}),
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        },
        headers=JSON_HEADERS,
        delay=delay,
    )


def scored(tokens: list[Token], **options: Any) -> Reply:
    """A completion whose answer is the text of `tokens`, with their log-probabilities."""
    return completion("".join(item.text for item in tokens), logprobs=tokens, **options)


def logprobs_body(tokens: list[Token]) -> dict[str, Any]:
    """`choices[0].logprobs` as OpenAI sends it."""

    def entry(text: str, logprob: float, utf8: bytes | None) -> dict[str, Any]:
        return {"token": text, "logprob": logprob, "bytes": list(utf8 or text.encode())}

    return {
        "content": [
            {
                **entry(item.text, item.logprob, item.utf8),
                "top_logprobs": [entry(text, logprob, None) for text, logprob in item.alternatives],
            }
            for item in tokens
        ],
        "refusal": None,
    }


def error(
    status: int,
    *,
    retry_after: str | None = None,
    retry_after_ms: str | None = None,
    message: str | None = None,
) -> Reply:
    """An OpenAI error body with `status` and `message` (by default "scripted <status>");
    the SDK prefers `retry-after-ms` when both are set."""
    headers = dict(JSON_HEADERS)
    if retry_after is not None:
        headers["Retry-After"] = retry_after
    if retry_after_ms is not None:
        headers["retry-after-ms"] = retry_after_ms
    return Reply(
        status=status,
        body={"error": {"message": message or f"scripted {status}", "type": "test", "code": None}},
        headers=headers,
    )


class ModelServer(Server):
    @property
    def base_url(self) -> str:
        return f"{self.url}/v1"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        class Handler(super()._handler()):
            # Headers and body go out in two writes; with Nagle on, the body waits for
            # the client's delayed ACK, about 40 ms per request.
            disable_nagle_algorithm = True

        return Handler

    def start(self) -> ModelServer:
        # A short poll interval: `stop()` waits up to one interval for the serving loop.
        threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def bodies(self) -> list[dict[str, Any]]:
        return [request.json() for request in self.received]

    def last_body(self) -> dict[str, Any]:
        return self.received[-1].json()


# What llama.cpp's Python server (llama-cpp-python 0.3) answers to a json_schema request.
LLAMA_CPP_REFUSAL = (
    "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', 'response_format', "
    "'type'), 'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema', "
    "'ctx': {'expected': \"'text' or 'json_object'\"}}\n\n  File \"llama_cpp/server/app.py\", "
    "line 376, in create_chat_completion\n    POST /v1/chat/completions"
)


def schema_of(request: Received) -> dict[str, Any]:
    """The JSON schema a request asks for, whichever response format carries it."""
    response_format = request.json().get("response_format") or {}
    if "json_schema" in response_format:
        return response_format["json_schema"]["schema"]
    if "schema" in response_format:
        return response_format["schema"]
    system = request.json()["messages"][0]["content"]
    return json.loads(system.rsplit("JSON schema:\n", 1)[1])


def echo_nulls(request: Received) -> Reply:
    """Answer null for every field the request's schema asks for."""
    names = list(schema_of(request)["properties"]["values"]["properties"])
    return completion({"values": dict.fromkeys(names), "evidence": dict.fromkeys(names)})


def refusing_logprobs(answer: Reply) -> Callable[[Received], Reply]:
    """A server that refuses token log-probabilities with a 400, as some do, and
    answers `answer` to a request without them."""

    def reply(request: Received) -> Reply:
        if request.json().get("logprobs"):
            return error(400, message="logprobs is not supported for this model")
        return answer

    return reply


def like_llama_cpp(answer: Reply | None = None) -> Callable[[Received], Reply]:
    """A server that refuses json_schema as llama.cpp's Python server does, and answers
    `answer` (null for every field by default) to any other request."""

    def reply(request: Received) -> Reply:
        response_format = request.json().get("response_format") or {}
        if response_format.get("type") == "json_schema":
            return error(500, message=LLAMA_CPP_REFUSAL)
        return answer or echo_nulls(request)

    return reply


@pytest.fixture
def openai_server() -> Iterator[ModelServer]:
    server = ModelServer(default=echo_nulls).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def model_server(settings, openai_server: ModelServer) -> ModelServer:
    """The site extracts offline, with the fake model server configured beside it: a field
    that names a model is asked of it."""
    settings.EXTRACTION_BACKEND = "offline"
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = openai_server.base_url
    settings.OPENAI_MAX_RETRIES = 0
    return openai_server


@pytest.fixture
def model_backend(settings, model_server: ModelServer) -> ModelServer:
    """The site extracts every field with the fake model server."""
    settings.EXTRACTION_BACKEND = "openai"
    return model_server
