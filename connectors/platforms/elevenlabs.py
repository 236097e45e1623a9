"""ElevenLabs Agents: the `post_call_transcription` webhook.

`ElevenLabs-Signature: t=<unix s>,v0=<hex>`, the hex being HMAC-SHA256 of
`"{t}.{raw body}"` with the webhook's secret; refused 30 minutes away, as the SDK does.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from connectors.platforms.base import (
    DeliveryMalformed,
    Fields,
    PlatformAdapter,
    PlatformCall,
    Received,
    SignatureRefused,
    caller_and_callee,
    check_moment,
    hmac_hex,
    same,
    sample_lines,
    seconds,
    spoken_turn,
)

HEADER = "ElevenLabs-Signature"
TOLERANCE = timedelta(minutes=30)
ROLES = {"agent": "agent", "user": "user"}
# The conversation's own fields kept on the call's metadata: name, and where under `data`.
DETAILS = {
    "agent_id": "agent_id",
    "status": "status",
    "termination_reason": "metadata.termination_reason",
    "main_language": "metadata.main_language",
    "phone_call_type": "metadata.phone_call.type",
    "call_sid": "metadata.phone_call.call_sid",
}


class ElevenLabs(PlatformAdapter):
    slug = "elevenlabs"
    label = "ElevenLabs Agents"
    dashboard_hint = (
        "In ElevenLabs open Agents → Settings → Webhooks (Post-call webhook), create a "
        "webhook with this URL and HMAC authentication, and turn on transcript webhooks."
    )
    secret_label = "The webhook's HMAC secret, shown when the webhook is created"
    finished_events = frozenset({"post_call_transcription"})
    call_id_path = "data.conversation_id"

    def verify(self, received: Received, secrets: list[str], options: dict[str, Any]) -> None:
        header = received.required_header(HEADER)
        parts = dict(part.strip().partition("=")[::2] for part in header.split(","))
        stamp, digest = parts.get("t", ""), parts.get("v0", "")
        if not stamp.isdigit() or not digest:
            raise SignatureRefused("ElevenLabs-Signature is not of the form t=<unix s>,v0=<hex>")
        check_moment(datetime.fromtimestamp(int(stamp), UTC), received.now, TOLERANCE, "its t")
        message = stamp.encode() + b"." + received.body
        if not any(same(digest, hmac_hex(secret, message)) for secret in secrets):
            raise SignatureRefused("ElevenLabs-Signature does not match this connection's secret")

    def event(self, document: Any) -> str:
        name = document.get("type") if isinstance(document, dict) else None
        if not isinstance(name, str) or not name:
            raise DeliveryMalformed({"type": "is missing"})
        return name

    def call(self, document: dict[str, Any]) -> PlatformCall:
        data = Fields(document).within("data")
        conversation_id = data.text("conversation_id", required=True)
        started = data.epoch("metadata.start_time_unix_secs", scale=1, required=True)
        duration = data.number("metadata.call_duration_secs")
        phone = data.mapping("metadata.phone_call")
        direction = "outbound" if phone.get("direction") == "outbound" else "inbound"
        return self.mapped_call(
            data,
            call_id=conversation_id,
            started=started,
            started_path="metadata.start_time_unix_secs",
            duration=duration,
            direction=direction,
            numbers=caller_and_callee(
                direction,
                ours=str(phone.get("agent_number") or ""),
                theirs=str(phone.get("external_number") or ""),
            ),
            transcript=self._turns(data),
            timezone=data.value("metadata.timezone"),
            analysis=data.mapping("analysis"),
            variables=data.mapping("conversation_initiation_client_data.dynamic_variables"),
            details=data.values(DETAILS),
        )

    @staticmethod
    def _turns(data: Fields) -> list[dict[str, Any]]:
        turns = []
        for index, item in enumerate(data.items("transcript")):
            if not isinstance(item, dict) or item.get("role") not in ROLES:
                role = item.get("role") if isinstance(item, dict) else None
                data.problems[f"data.transcript[{index}].role"] = f"{role!r} is not user or agent"
                continue
            text = item.get("message")
            if not isinstance(text, str) or not text.strip():
                continue  # a turn that only called a tool
            offset = seconds(item.get("time_in_call_secs"))
            turns.append(spoken_turn(ROLES[item["role"]], text, offset))
        return turns

    def sample(self, *, call_id: str, now: datetime) -> dict[str, Any]:
        start = int((now - timedelta(minutes=4)).timestamp())
        lines = sample_lines(agent="agent", user="user", offsets=(0, 4, 8, 12))
        return {
            "type": "post_call_transcription",
            "event_timestamp": int(now.timestamp()),
            "data": {
                "agent_id": "agent_sample",
                "conversation_id": call_id,
                "status": "done",
                "transcript": [
                    {
                        "role": role,
                        "message": text,
                        "time_in_call_secs": at,
                        "tool_calls": [],
                        "tool_results": [],
                    }
                    for role, text, at in lines
                ],
                "metadata": {
                    "start_time_unix_secs": start,
                    "call_duration_secs": 222,
                    "termination_reason": "Call ended by remote party",
                    "main_language": "en",
                    "timezone": "Europe/Istanbul",
                    "phone_call": {
                        "type": "twilio",
                        "direction": "inbound",
                        "phone_number_id": "phnum_sample",
                        "agent_number": "+908501234567",
                        "external_number": "+905321234567",
                        "stream_sid": "MZ00000000000000000000000000000000",
                        "call_sid": "CA00000000000000000000000000000000",
                    },
                },
                "analysis": {
                    "evaluation_criteria_results": {},
                    "data_collection_results": {},
                    "call_successful": "success",
                    "transcript_summary": "The caller asked to be called back next Tuesday.",
                },
                "conversation_initiation_client_data": {
                    "dynamic_variables": {"customer_name": "Maria Gonzalez"}
                },
                "has_audio": False,
                "has_user_audio": False,
                "has_response_audio": False,
                "has_auxiliary_audio": False,
            },
        }

    def sign(
        self, *, body: bytes, secret: str, options: dict[str, Any], url: str, now: datetime
    ) -> dict[str, str]:
        stamp = str(int(now.timestamp()))
        digest = hmac_hex(secret, stamp.encode() + b"." + body)
        return {HEADER: f"t={stamp},v0={digest}"}
