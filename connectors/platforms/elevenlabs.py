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
    check_moment,
    e164_pair,
    hmac_hex,
    known_zone,
    platform_metadata,
    same,
    seconds,
)

HEADER = "elevenlabs-signature"
TOLERANCE = timedelta(minutes=30)
ROLES = {"agent": "agent", "user": "user"}


class ElevenLabs(PlatformAdapter):
    slug = "elevenlabs"
    label = "ElevenLabs Agents"
    dashboard_hint = (
        "In ElevenLabs open Agents → Settings → Webhooks (Post-call webhook), create a "
        "webhook with this URL and HMAC authentication, and turn on transcript webhooks."
    )
    secret_label = "The webhook's HMAC secret, shown when the webhook is created"
    finished_events = frozenset({"post_call_transcription"})

    def verify(self, received: Received, secrets: list[str], options: dict[str, Any]) -> None:
        header = received.header(HEADER)
        if not header:
            raise SignatureRefused("no ElevenLabs-Signature header")
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

    def call_id(self, document: Any) -> str:
        value = Fields(document).value("data.conversation_id")
        return value if isinstance(value, str) else ""

    def call(self, document: dict[str, Any]) -> PlatformCall:
        top = Fields(document)
        top.mapping("data", required=True)
        top.check()
        data = Fields(document["data"], root="data")
        conversation_id = data.text("conversation_id", required=True)
        started = data.epoch("metadata.start_time_unix_secs", scale=1, required=True)
        duration = data.number("metadata.call_duration_secs")
        phone = data.mapping("metadata.phone_call")
        direction = "outbound" if phone.get("direction") == "outbound" else "inbound"
        agent_number, external = (
            str(phone.get("agent_number") or ""),
            str(phone.get("external_number") or ""),
        )
        caller, callee = (
            (agent_number, external) if direction == "outbound" else (external, agent_number)
        )
        from_number, to_number = e164_pair(caller, callee)
        turns = self._turns(data)
        analysis = data.mapping("analysis")
        variables = data.mapping("conversation_initiation_client_data.dynamic_variables")
        data.check()
        started = data.present(started, "metadata.start_time_unix_secs")
        ended = started + timedelta(seconds=duration) if duration is not None else None
        details = {
            "agent_id": data.value("agent_id"),
            "status": data.value("status"),
            "termination_reason": data.value("metadata.termination_reason"),
            "main_language": data.value("metadata.main_language"),
            "phone_call_type": phone.get("type"),
            "call_sid": phone.get("call_sid"),
        }
        return PlatformCall(
            external_id=conversation_id,
            started_at=started,
            ended_at=ended,
            direction=direction,
            from_number=from_number,
            to_number=to_number,
            transcript=turns,
            timezone=known_zone(data.value("metadata.timezone")),
            metadata=platform_metadata(
                platform=self.slug,
                call_id=conversation_id,
                analysis=analysis,
                variables=variables,
                details=details,
            ),
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
            turn: dict[str, Any] = {"role": ROLES[item["role"]], "text": text}
            offset = seconds(item.get("time_in_call_secs"))
            if offset is not None:
                turn["offset"] = offset
            turns.append(turn)
        return turns

    def sample(self, *, call_id: str, now: datetime) -> dict[str, Any]:
        start = int((now - timedelta(minutes=4)).timestamp())
        lines = [
            ("agent", "Hello, this is Ada from Solaris. Who am I speaking with?", 0),
            ("user", "Hi, my name is Maria Gonzalez.", 4),
            ("agent", "Shall we call you back to book a site survey?", 8),
            ("user", "Yes please, next Tuesday. My cell is 0532 123 4567.", 12),
        ]
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
        return {"ElevenLabs-Signature": f"t={stamp},v0={digest}"}
