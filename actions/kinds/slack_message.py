"""`slack_message`: post the call's values to a Slack channel through an incoming webhook."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.error import URLError

from django.conf import settings
from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.webhook import WebhookClient

from actions.kinds.base import Firing, Outline, raise_errors
from actions.kinds.native import (
    MASKED,
    NativeKind,
    Request,
    Sent,
    analysis_link,
    answered,
    call_moment,
    elapsed_ms,
    lost,
    request_outline,
)
from extraction.types import FieldSpec

# Slack's limits: a header's text, a section's fields and each field's text.
HEADER_CHARS = 150
FIELDS_PER_SECTION = 10
FIELD_CHARS = 2000
NO_VALUE = "—"


@dataclass(frozen=True)
class SlackConfig:
    title: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class SlackPlan:
    """The message: a fallback text for notifications, and its blocks."""

    text: str
    blocks: tuple[dict[str, Any], ...]

    def message(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": list(self.blocks)}

    def requests(self) -> list[Request]:
        return [Request("POST", webhook_url_shown(), self.message())]

    def data(self) -> dict[str, Any]:
        return self.message()

    def outline(self) -> Outline:
        return request_outline(f"Post to Slack: {self.text}", self)


def webhook_url_shown() -> str:
    return f"{settings.SLACK_WEBHOOK_BASE_URL}… {MASKED}"


class SlackMessage(NativeKind[SlackConfig, SlackPlan]):
    """A message to a channel: the values as a readable block, and a link to the call's
    AI Analysis. The incoming webhook URL is a credential: typed once, never shown."""

    type = "slack_message"
    label = "Slack message"
    keys = frozenset({"webhook_url", "title", "fields"})
    secret_keys = frozenset({"webhook_url"})
    event_type = "slack.message"
    credentials_hint = "paste the channel's incoming webhook URL into the action and save"

    def read(self, config: Mapping[str, Any], fields: Mapping[str, FieldSpec]) -> SlackConfig:
        title, shown = config.get("title"), config.get("fields")
        raise_errors(
            [
                self._url_error(config.get("webhook_url")),
                self._title_error(title),
                self._fields_error(shown, fields),
            ]
        )
        return SlackConfig(title=str(title or ""), fields=tuple(shown) if shown else tuple(fields))

    def values_used(
        self, config: Mapping[str, Any], specs: Mapping[str, FieldSpec]
    ) -> frozenset[str]:
        shown = config.get("fields")
        return frozenset(shown) if isinstance(shown, list) and shown else frozenset(specs)

    def plan(self, config: SlackConfig, firing: Firing) -> SlackPlan:
        title = config.title or f"{firing.agent.name}: {firing.action_name}"
        values = firing.extraction.values
        call = firing.call
        caller = call.from_number or "an unknown number"
        blocks: list[Block] = [
            HeaderBlock(text=PlainTextObject(text=title[:HEADER_CHARS], emoji=True)),
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text=f"{'Test message · ' if firing.test else ''}"
                        f"Call {escaped(call.external_id)} from {escaped(caller)}, "
                        f"{escaped(call_moment(call))}"
                    )
                ]
            ),
            *value_sections([(name, values.get(name)) for name in config.fields]),
            SectionBlock(
                text=MarkdownTextObject(text=f"<{analysis_link(call)}|Open the AI Analysis>")
            ),
        ]
        return SlackPlan(text=title, blocks=tuple(block.to_dict() for block in blocks))

    def plan_from_data(self, data: Mapping[str, Any]) -> SlackPlan:
        return SlackPlan(
            text=str(data["text"]), blocks=tuple(stored_block(block) for block in data["blocks"])
        )

    def delivery_url(self, plan: SlackPlan) -> str:
        return settings.SLACK_WEBHOOK_BASE_URL

    def send(self, plan: SlackPlan, credentials: Mapping[str, str], *, message_id: str) -> Sent:
        client = WebhookClient(
            url=credentials["webhook_url"],
            timeout=round(settings.NATIVE_ACTION_TIMEOUT_SECONDS),
            # The delivery's retries are ours, on its schedule, recorded one by one.
            retry_handlers=[],
        )
        started = time.monotonic()
        url = settings.SLACK_WEBHOOK_BASE_URL
        try:
            response = client.send_dict(plan.message())
        except (URLError, OSError) as error:
            return Sent(url, lost(error, duration_ms=elapsed_ms(started)))
        body = response.body or ""
        result = answered(
            response.status_code,
            headers=response.headers,
            body=body,
            error=f"Slack answered {response.status_code}: {body or '(no text)'}",
            duration_ms=elapsed_ms(started),
        )
        return Sent(url, result)

    @staticmethod
    def _url_error(url: object) -> str | None:
        if url in (None, ""):
            return None
        base = settings.SLACK_WEBHOOK_BASE_URL
        if not isinstance(url, str) or not url.startswith(base) or url == base:
            return (
                f"config.webhook_url: an incoming webhook URL starts with {base} "
                "(Slack shows it under Incoming Webhooks of your Slack app)"
            )
        return None

    @staticmethod
    def _title_error(title: object) -> str | None:
        if title is None or (isinstance(title, str) and len(title) <= HEADER_CHARS):
            return None
        return f"config.title: text of at most {HEADER_CHARS} characters"

    @staticmethod
    def _fields_error(shown: object, fields: Mapping[str, FieldSpec]) -> str | None:
        if shown is None:
            return None
        if not isinstance(shown, list) or not all(isinstance(name, str) for name in shown):
            return 'config.fields: a list of field names, e.g. ["customer_name"]'
        missing = [name for name in shown if name not in fields]
        if missing:
            return f"config.fields: no field named {', '.join(map(repr, missing))}"
        return None


def stored_block(data: Mapping[str, Any]) -> dict[str, Any]:
    """A stored block as Slack's models read it; ValueError when they do not."""
    block = Block.parse(dict(data))
    if block is None:
        raise ValueError(f"{data!r} is not a Slack block")
    block.validate_json()
    return block.to_dict()


def value_sections(values: Sequence[tuple[str, Any]]) -> list[SectionBlock]:
    """The values as sections of two columns, each field's name above its value."""
    shown = [
        MarkdownTextObject(text=f"*{escaped(name)}*\n{escaped(readable(value))}"[:FIELD_CHARS])
        for name, value in values
    ]
    return [
        SectionBlock(fields=shown[start : start + FIELDS_PER_SECTION])
        for start in range(0, len(shown), FIELDS_PER_SECTION)
    ]


def readable(value: Any) -> str:
    if value is None or value == "":
        return NO_VALUE
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(readable(item) for item in value) or NO_VALUE
    return str(value)


def escaped(text: str) -> str:
    """Text as Slack's mrkdwn shows it literally: its three control characters escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
