"""An alert as people read it: what broke, since when, the last error as the receiver
said it, and the link to fix it; as plain text for email, Slack's blocks and a Teams card."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from alerts.models import Incident, MessageEvent
from extraction.timezones import local_text

SLACK_HEADER_CHARS = 150
SLACK_TEXT_CHARS = 3000
NO_ERROR = "none recorded"


@dataclass(frozen=True)
class AlertText:
    subject: str
    facts: tuple[tuple[str, str], ...]
    link: str
    link_label: str

    def plain(self) -> str:
        lines = [f"{title}: {value}" for title, value in self.facts]
        return "\n".join([self.subject, "", *lines, "", f"{self.link_label}: {self.link}"])


def moment(incident: Incident, at: Any) -> str:
    zone = ZoneInfo(incident.zone)
    return f"{local_text(at, zone)} ({incident.zone})"


def alert_text(incident: Incident, event: str) -> AlertText:
    error = ("Last error", incident.last_error or NO_ERROR)
    if event == MessageEvent.RECOVERED and incident.closed_at is not None:
        return AlertText(
            subject=f"Recovered: {incident.what}",
            facts=(
                ("What broke", incident.what),
                ("Broken since", moment(incident, incident.since)),
                ("Working again at", moment(incident, incident.closed_at)),
                error,
            ),
            link=incident.link,
            link_label="Check it",
        )
    return AlertText(
        subject=f"Broken: {incident.what}",
        facts=(("What broke", incident.what), ("Since", moment(incident, incident.since)), error),
        link=incident.link,
        link_label="Fix it",
    )


def slack_escaped(text: str) -> str:
    """Text as Slack's mrkdwn shows it literally."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_message(text: AlertText) -> dict[str, Any]:
    facts = "\n".join(f"*{title}:* {slack_escaped(value)}" for title, value in text.facts)
    blocks = [
        HeaderBlock(text=PlainTextObject(text=text.subject[:SLACK_HEADER_CHARS], emoji=False)),
        SectionBlock(text=MarkdownTextObject(text=facts[:SLACK_TEXT_CHARS])),
        ContextBlock(elements=[MarkdownTextObject(text=f"<{text.link}|{text.link_label}>")]),
    ]
    return {"text": text.subject, "blocks": [block.to_dict() for block in blocks]}


def teams_message(text: AlertText) -> dict[str, Any]:
    """A message carrying an Adaptive Card, as Teams' incoming webhooks (Workflows) take it."""
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            {
                "type": "TextBlock",
                "text": text.subject,
                "weight": "Bolder",
                "size": "Medium",
                "wrap": True,
            },
            {
                "type": "FactSet",
                "facts": [{"title": title, "value": value} for title, value in text.facts],
            },
        ],
        "actions": [{"type": "Action.OpenUrl", "title": text.link_label, "url": text.link}],
    }
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": card,
            }
        ],
    }
