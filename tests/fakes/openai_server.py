"""An OpenAI-compatible chat completions server for tests, driven by the real SDK."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.fakes.http import Received, Reply, Server


def completion(
    content: str | dict | None,
    *,
    refusal: str | None = None,
    finish_reason: str = "stop",
    model: str = "gpt-test",
) -> Reply:
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
                }
            ],
            "usage": {"prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150},
        },
        headers={"Content-Type": "application/json"},
    )


def error(status: int, *, retry_after: str | None = None) -> Reply:
    headers = {"Content-Type": "application/json"}
    if retry_after is not None:
        headers["Retry-After"] = retry_after
    return Reply(
        status=status,
        body={"error": {"message": f"scripted {status}", "type": "test", "code": None}},
        headers=headers,
    )


class ModelServer(Server):
    @property
    def base_url(self) -> str:
        return f"{self.url}/v1"

    def bodies(self) -> list[dict[str, Any]]:
        return [request.json() for request in self.received]

    def last_body(self) -> dict[str, Any]:
        return self.received[-1].json()


def echo_nulls(request: Received) -> Reply:
    """Answer null for every field the request's schema asks for."""
    schema = request.json()["response_format"]["json_schema"]["schema"]
    names = list(schema["properties"]["values"]["properties"])
    return completion({"values": dict.fromkeys(names), "evidence": dict.fromkeys(names)})


@pytest.fixture
def openai_server() -> Iterator[ModelServer]:
    server = ModelServer(default=echo_nulls).start()
    try:
        yield server
    finally:
        server.stop()
