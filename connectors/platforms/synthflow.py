"""Synthflow: the post-call webhook of a call placed with `external_webhook_url`.

`Synthflow-Signature` (Django's `HTTP_SYNTHFLOW_SIGNATURE`) is the base64 HMAC-SHA256 of
the call's `call_id` with the workspace's secret key. The body itself is not signed: the
signature proves which call it is, not what the body says about it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from connectors.platforms.base import (
    SAMPLE_DIALOGUE,
    DeliveryMalformed,
    Fields,
    PlatformAdapter,
    PlatformCall,
    Received,
    SignatureRefused,
    caller_and_callee,
    same,
)

HEADERS = ("synthflow-signature", "http-synthflow-signature")
CALL_EVENT = "call"
# The call's own fields kept on the call's metadata: name, and where in the body.
DETAILS = {
    "status": "call.status",
    "end_call_reason": "call.end_call_reason",
    "model_id": "call.model_id",
    "lead_name": "lead.name",
    "recording_url": "call.recording_url",
    "external_id": "call.external_id",
}


def synthflow_signature(secret: str, call_id: str) -> str:
    digest = hmac.new(secret.encode(), call_id.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


class Synthflow(PlatformAdapter):
    slug = "synthflow"
    label = "Synthflow"
    dashboard_hint = (
        "Pass this URL as `external_webhook_url` when you place a call with Synthflow's API "
        "(or set it as the agent's post-call webhook); the secret is under Settings → "
        "Security → Webhooks."
    )
    secret_label = "The webhook secret key from Settings → Security → Webhooks"
    finished_events = frozenset({CALL_EVENT})
    call_id_path = "call.call_id"

    def verify(self, received: Received, secrets: list[str], options: dict[str, Any]) -> None:
        given = next((received.header(name) for name in HEADERS if received.header(name)), "")
        if not given:
            raise SignatureRefused("no Synthflow-Signature header")
        try:
            call_id = self.call_id(json.loads(received.body))
        except ValueError:
            call_id = ""
        if not call_id:
            raise SignatureRefused("the body has no call.call_id, which is what Synthflow signs")
        if not any(same(given, synthflow_signature(secret, call_id)) for secret in secrets):
            raise SignatureRefused("Synthflow-Signature does not match this connection's secret")

    def event(self, document: Any) -> str:
        if not isinstance(document, dict):
            raise DeliveryMalformed({"call": "is missing"})
        return CALL_EVENT

    def call(self, document: dict[str, Any]) -> PlatformCall:
        body = Fields(document)
        call = body.within("call")
        call_id = call.text("call_id", required=True)
        started = call.iso("start_time", required=True)
        duration = call.number("duration")
        said = call.text("direction") or call.text("call_type")
        direction = "inbound" if said.lower() == "inbound" else "outbound"
        numbers = caller_and_callee(
            direction,
            ours=call.text("from_number") or call.text("phone_number_from"),
            theirs=body.text("lead.phone_number"),
        )
        # "bot:" and "human:" lines, read as agent and user turns.
        transcript = call.text("transcript")
        analysis = body.given(("executed_actions", "analysis", "collected_variables"))
        body.check()
        return self.mapped_call(
            call,
            call_id=call_id,
            started=started,
            started_path="start_time",
            duration=duration,
            direction=direction,
            numbers=numbers,
            transcript=transcript,
            timezone=call.value("timezone"),
            analysis=analysis,
            # Read once the body is checked: variables that are not an object are dropped.
            variables=body.mapping("collected_variables"),
            details=body.values(DETAILS),
        )

    def sample(self, *, call_id: str, now: datetime) -> dict[str, Any]:
        start = (now - timedelta(minutes=4)).astimezone(ZoneInfo("Europe/Istanbul"))
        return {
            "status": "completed",
            "lead": {"name": "Maria Gonzalez", "phone_number": "+905321234567"},
            "call": {
                "status": "completed",
                "end_call_reason": "human_goodbye",
                "model_id": "model_sample",
                "timezone": "Europe/Istanbul",
                "call_id": call_id,
                "duration": 222,
                "start_time": start.isoformat(),
                "transcript": "".join(
                    f"\n{('bot', 'human')[index % 2]}: {text}"
                    for index, text in enumerate(SAMPLE_DIALOGUE)
                ),
                "external_id": "sample",
            },
            "executed_actions": {
                "extract_info_1": {
                    "name": "extract_info_1",
                    "action_type": "extract_info_action_type",
                    "return_value": {"callback_day": "next Tuesday"},
                }
            },
        }

    def sign(
        self, *, body: bytes, secret: str, options: dict[str, Any], url: str, now: datetime
    ) -> dict[str, str]:
        return {"Synthflow-Signature": synthflow_signature(secret, self.call_id(json.loads(body)))}
