"""The platforms' side of a delivery, made with the platforms' own packages where they
have one: their payload types accept every body sent here, and their verifiers accept
every signature (the signatures are computed as each platform documents)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import datetime
from typing import Any

from elevenlabs.client import ElevenLabs
from elevenlabs.types import GetConversationResponseModel
from retell.lib.webhook_auth import symmetric as retell_webhooks
from retell.types import PhoneCallResponse
from vapi.types import ServerMessageEndOfCallReport


def encoded(document: dict[str, Any], *, ascii_only: bool = False) -> bytes:
    return json.dumps(document, ensure_ascii=ascii_only).encode()


def retell_headers(body: bytes, api_key: str, at: datetime) -> dict[str, str]:
    stamp = str(int(at.timestamp() * 1000))
    digest = hmac.new(api_key.encode(), body + stamp.encode(), hashlib.sha256).hexdigest()
    signature = f"v={stamp},d={digest}"
    accepted = retell_webhooks["verify"](
        body.decode(), api_key, signature, {"timestamp": int(stamp)}
    )
    assert accepted, "retell-sdk refuses this signature"
    return {"X-Retell-Signature": signature}


def retell_body(document: dict[str, Any]) -> dict[str, Any]:
    PhoneCallResponse.model_validate(document["call"])
    return document


def elevenlabs_headers(body: bytes, secret: str, at: datetime) -> dict[str, str]:
    stamp = str(int(at.timestamp()))
    digest = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    header = f"t={stamp},v0={digest}"
    if abs(datetime.now(at.tzinfo) - at).total_seconds() < 1800:
        ElevenLabs(api_key="unused").webhooks.construct_event(body.decode(), header, secret)
    return {"ElevenLabs-Signature": header}


def elevenlabs_body(document: dict[str, Any]) -> dict[str, Any]:
    if document.get("type") == "post_call_transcription":
        GetConversationResponseModel.model_validate(document["data"])
    return document


def vapi_body(document: dict[str, Any]) -> dict[str, Any]:
    if document["message"].get("type") == "end-of-call-report":
        ServerMessageEndOfCallReport.model_validate(document["message"])
    return document


def vapi_hmac_headers(
    body: bytes,
    secret: str,
    at: datetime,
    *,
    algorithm: str = "sha256",
    encoding: str = "hex",
    prefix: str = "",
    signature_header: str = "x-signature",
    timestamp_header: str = "x-timestamp",
) -> dict[str, str]:
    """Vapi's HMAC credential with its default signed text, `{timestamp}.{body}`."""
    stamp = str(int(at.timestamp()))
    raw = hmac.new(secret.encode(), f"{stamp}.".encode() + body, algorithm).digest()
    text = raw.hex() if encoding == "hex" else base64.b64encode(raw).decode()
    return {signature_header: prefix + text, timestamp_header: stamp}


def bland_headers(body: bytes, secret: str) -> dict[str, str]:
    return {"X-Webhook-Signature": hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()}


def synthflow_headers(call_id: str, secret: str) -> dict[str, str]:
    """As Synthflow's docs verify it: base64 HMAC-SHA256 of the call id."""
    digest = hmac.new(secret.encode(), call_id.encode(), hashlib.sha256).digest()
    return {"Synthflow-Signature": base64.b64encode(digest).decode()}
