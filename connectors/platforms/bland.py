"""Bland AI: the post-call webhook, whose body is the call object itself.

`X-Webhook-Signature` is the hex HMAC-SHA256 of the raw body with the account's webhook
signing secret. There is no timestamp: a retried delivery is recognised by `call_id`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from connectors.platforms.base import (
    Fields,
    PlatformAdapter,
    PlatformCall,
    Received,
    SignatureRefused,
    hmac_hex,
    same,
    sample_lines,
    spoken_turn,
)

HEADER = "X-Webhook-Signature"
ROLES = {"assistant": "agent", "agent": "agent", "user": "user"}
CALL_EVENT = "call"
# The call's own fields kept on the call's metadata: name, and where in the body.
DETAILS = {
    "status": "status",
    "completed": "completed",
    "call_ended_by": "call_ended_by",
    "error_message": "error_message",
    "recording_url": "recording_url",
    "pathway_id": "pathway_id",
}


class Bland(PlatformAdapter):
    slug = "bland"
    label = "Bland AI"
    dashboard_hint = (
        "In Bland pass this URL as `webhook` when you send a call (or set it on the inbound "
        "number under Phone Numbers → Webhook); the secret is under Settings → Keys → "
        "Webhook signing secret."
    )
    secret_label = "The webhook signing secret from Settings → Keys"
    finished_events = frozenset({CALL_EVENT})
    call_id_path = "call_id"

    def verify(self, received: Received, secrets: list[str], options: dict[str, Any]) -> None:
        given = received.required_header(HEADER).lower()
        if not any(same(given, hmac_hex(secret, received.body)) for secret in secrets):
            raise SignatureRefused("X-Webhook-Signature does not match this connection's secret")

    def event(self, document: Any) -> str:
        """Bland's post-call body names no event; a body with a `category` is one of the
        live events Bland streams when `webhook_events` is set."""
        if isinstance(document, dict) and isinstance(document.get("category"), str):
            return document["category"]
        return CALL_EVENT

    def call(self, document: dict[str, Any]) -> PlatformCall:
        call = Fields(document)
        call_id = call.text("call_id", required=True)
        started = call.iso("started_at", required=True)
        duration = call.number("corrected_duration")
        minutes = call.number("call_length")
        if duration is None and minutes is not None:
            duration = minutes * 60
        return self.mapped_call(
            call,
            call_id=call_id,
            started=started,
            started_path="started_at",
            duration=duration,
            direction="inbound" if call.value("inbound") is True else "outbound",
            numbers=(call.text("from"), call.text("to")),
            transcript=self._turns(call, started),
            analysis=call.given(("summary", "analysis", "answered_by", "disposition_tag")),
            variables=call.mapping("variables"),
            timezone=call.value("variables.timezone"),
            details=call.values(DETAILS),
        )

    @staticmethod
    def _turns(call: Fields, started: datetime | None) -> Any:
        items = call.items("transcripts")
        if not items:
            return call.value("concatenated_transcript") or []
        turns = []
        for item in items:
            if not isinstance(item, dict) or item.get("user") not in ROLES:
                continue  # the voicemail robot and agent actions are not the conversation
            text = item.get("text")
            if not isinstance(text, str) or not text.strip():
                continue
            said = Fields(item).iso("created_at")
            offset = (
                round((said - started).total_seconds(), 3)
                if said is not None and started is not None and said >= started
                else None
            )
            turns.append(spoken_turn(ROLES[item["user"]], text, offset))
        return turns

    def sample(self, *, call_id: str, now: datetime) -> dict[str, Any]:
        start = (now - timedelta(minutes=4)).astimezone(UTC)
        lines = sample_lines(agent="assistant", user="user", offsets=(0.6, 4.3, 8.1, 11.8))
        iso = "%Y-%m-%dT%H:%M:%S.%fZ"
        return {
            "call_id": call_id,
            "c_id": call_id,
            "to": "+908501234567",
            "from": "+905321234567",
            "inbound": True,
            "completed": True,
            "status": "completed",
            "answered_by": "human",
            "call_length": 3.7,
            "corrected_duration": "222",
            "started_at": start.strftime(iso),
            "end_at": (start + timedelta(minutes=30)).strftime(iso),
            "call_ended_by": "USER",
            "summary": "The caller asked to be called back next Tuesday.",
            "variables": {
                "now": now.astimezone(UTC).strftime("%A, %B %d, %Y %I:%M:%S %p"),
                "timezone": "Europe/Istanbul",
                "from": "+905321234567",
                "to": "+908501234567",
            },
            "analysis": {"callback_requested": True},
            "concatenated_transcript": " \n ".join(
                f"{'assistant' if role == 'assistant' else 'user'}: {text}"
                for role, text, _ in lines
            ),
            "transcripts": [
                {
                    "id": index + 1,
                    "created_at": (start + timedelta(seconds=at)).strftime(iso),
                    "text": text,
                    "user": role,
                    "c_id": call_id,
                }
                for index, (role, text, at) in enumerate(lines)
            ],
        }

    def sign(
        self, *, body: bytes, secret: str, options: dict[str, Any], url: str, now: datetime
    ) -> dict[str, str]:
        return {HEADER: hmac_hex(secret, body)}
