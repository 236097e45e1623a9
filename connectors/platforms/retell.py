"""Retell AI: `call_ended`, then `call_analyzed` for the same call with Retell's analysis.

Signed with the Retell API key: `X-Retell-Signature: v=<ms>,d=<hex>`, the hex being
HMAC-SHA256 of the raw body followed by the `v` digits; refused five minutes away.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from connectors.platforms.base import (
    DeliveryMalformed,
    Fields,
    PlatformAdapter,
    PlatformCall,
    Received,
    SignatureRefused,
    check_moment,
    hmac_hex,
    same,
    sample_lines,
    seconds,
    spoken_turn,
)

HEADER = "X-Retell-Signature"
SIGNATURE = re.compile(r"^v=(\d{1,16}),d=([0-9a-f]{64})$")
TOLERANCE = timedelta(minutes=5)
ROLES = {"agent": "agent", "user": "user", "transfer_target": "agent"}
# The call's own fields kept on the call's metadata, as the call page shows them.
DETAILS = {
    name: name
    for name in (
        "agent_id",
        "call_type",
        "call_status",
        "disconnection_reason",
        "recording_url",
        "metadata",
    )
}


class Retell(PlatformAdapter):
    slug = "retell"
    label = "Retell AI"
    dashboard_hint = (
        "In Retell's dashboard open the agent, then Webhook Settings → Agent Level Webhook "
        "URL (or Settings → Webhooks for the whole account), and paste this URL."
    )
    secret_label = "Retell API key: the one marked with the webhook badge under Settings → API Keys"
    finished_events = frozenset({"call_ended", "call_analyzed"})
    adding_events = frozenset({"call_analyzed"})
    call_id_path = "call.call_id"

    def verify(self, received: Received, secrets: list[str], options: dict[str, Any]) -> None:
        header = received.required_header(HEADER)
        match = SIGNATURE.match(header)
        if match is None:
            raise SignatureRefused("X-Retell-Signature is not of the form v=<ms>,d=<hex>")
        stamp, digest = match.groups()
        check_moment(
            datetime.fromtimestamp(int(stamp) / 1000, received.now.tzinfo),
            received.now,
            TOLERANCE,
            "the signature's v",
        )
        message = received.body + stamp.encode()
        if not any(same(digest, hmac_hex(secret, message)) for secret in secrets):
            raise SignatureRefused("X-Retell-Signature does not match this connection's API key")

    def event(self, document: Any) -> str:
        name = (
            document.get("event") or document.get("event_type")
            if isinstance(document, dict)
            else None
        )
        if not isinstance(name, str) or not name:
            raise DeliveryMalformed({"event": "is missing"})
        return name

    def call(self, document: dict[str, Any]) -> PlatformCall:
        call = Fields(document).within("call")
        return self.mapped_call(
            call,
            call_id=call.text("call_id", required=True),
            started=call.epoch("start_timestamp", scale=1000, required=True),
            started_path="start_timestamp",
            ended=call.epoch("end_timestamp", scale=1000),
            duration=call.number("duration_ms"),
            duration_unit="milliseconds",
            direction=call.text("direction") or "inbound",
            numbers=(call.text("from_number"), call.text("to_number")),
            transcript=self._turns(call),
            analysis=call.mapping("call_analysis"),
            variables={
                **call.mapping("retell_llm_dynamic_variables"),
                **call.mapping("collected_dynamic_variables"),
            },
            details=call.values(DETAILS),
        )

    def _turns(self, call: Fields) -> Any:
        items = call.items("transcript_object")
        if not items:
            return call.value("transcript") or []
        turns = []
        for index, item in enumerate(items):
            if not isinstance(item, dict) or item.get("role") not in ROLES:
                role = item.get("role") if isinstance(item, dict) else None
                call.problems[f"call.transcript_object[{index}].role"] = (
                    f"{role!r} is not agent, user or transfer_target"
                )
                continue
            words = item.get("words") or []
            first = words[0] if isinstance(words, list) and words else {}
            offset = seconds(first.get("start")) if isinstance(first, dict) else None
            turns.append(spoken_turn(ROLES[item["role"]], str(item.get("content") or ""), offset))
        return turns

    def sample(self, *, call_id: str, now: datetime) -> dict[str, Any]:
        start = int((now - timedelta(minutes=4)).timestamp() * 1000)
        lines = sample_lines(agent="agent", user="user", offsets=(0.4, 4.1, 7.9, 11.6))
        return {
            "event": "call_analyzed",
            "call": {
                "call_type": "phone_call",
                "call_id": call_id,
                "agent_id": "agent_sample",
                "agent_version": 1,
                "call_status": "ended",
                "direction": "inbound",
                "from_number": "+905321234567",
                "to_number": "+908501234567",
                "start_timestamp": start,
                "end_timestamp": start + 222_000,
                "duration_ms": 222_000,
                "disconnection_reason": "user_hangup",
                "transcript": "\n".join(
                    f"{'Agent' if role == 'agent' else 'User'}: {text}" for role, text, _ in lines
                ),
                "transcript_object": [
                    {
                        "role": role,
                        "content": text,
                        "words": [{"word": text.split()[0], "start": at, "end": at + 0.3}],
                    }
                    for role, text, at in lines
                ],
                "metadata": {},
                "retell_llm_dynamic_variables": {"customer_name": "Maria Gonzalez"},
                "call_analysis": {
                    "call_summary": "The caller asked to be called back next Tuesday.",
                    "user_sentiment": "Positive",
                    "call_successful": True,
                    "in_voicemail": False,
                    "custom_analysis_data": {},
                },
            },
        }

    def sign(
        self, *, body: bytes, secret: str, options: dict[str, Any], url: str, now: datetime
    ) -> dict[str, str]:
        stamp = str(int(now.timestamp() * 1000))
        return {HEADER: f"v={stamp},d={hmac_hex(secret, body + stamp.encode())}"}
