"""Slack's incoming webhooks on 127.0.0.1, answering as Slack documents them
(https://api.slack.com/messaging/webhooks#handling_errors): `ok` for a message its Block
Kit models accept, `invalid_blocks` (400) for one they refuse, `no_service` (404) for an
unknown webhook, and whatever a test scripts with `then` (429 with Retry-After, 500, …).

Each message is checked against slack_sdk's own block models: it must parse, validate and
come back from `to_dict()` unchanged, so a key Slack does not know is caught.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block

from tests.fakes.http import Received, Reply, Server

WEBHOOK_PATH = "/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"
TEXT = {"Content-Type": "text/html"}


class SlackWebhooks:
    def __init__(self) -> None:
        self.server = Server(self._answer)
        self.messages: list[dict[str, Any]] = []
        self.refused: list[str] = []

    @property
    def base_url(self) -> str:
        """What SLACK_WEBHOOK_BASE_URL is in tests: every webhook URL starts with it."""
        return f"{self.server.url}/"

    @property
    def webhook_url(self) -> str:
        return f"{self.server.url}{WEBHOOK_PATH}"

    def then(self, *replies: Reply) -> SlackWebhooks:
        self.server.then(*replies)
        return self

    def _answer(self, request: Received) -> Reply:
        if request.method != "POST" or request.path != WEBHOOK_PATH:
            return Reply(404, "no_service", TEXT)
        problem = message_problem(request)
        if problem:
            self.refused.append(problem)
            return Reply(400, "invalid_blocks", TEXT)
        self.messages.append(request.json())
        return Reply(200, "ok", TEXT)


def message_problem(request: Received) -> str:
    """Why Slack would refuse the message, or "" when its models take it as sent."""
    try:
        message = request.json()
    except ValueError:
        return "not JSON"
    if not isinstance(message.get("text"), str) or not message["text"]:
        return "no fallback text"
    for block in message.get("blocks", []):
        try:
            parsed = Block.parse(block)
            if parsed is None:
                return f"not a block: {block}"
            parsed.validate_json()
        except SlackObjectFormationError as error:
            return f"{block}: {error}"
        if parsed.to_dict() != block:
            return f"{block} holds what Slack's models drop"
    return ""


@contextmanager
def slack_webhooks() -> Iterator[SlackWebhooks]:
    slack = SlackWebhooks()
    slack.server.start()
    try:
        yield slack
    finally:
        slack.server.stop()
