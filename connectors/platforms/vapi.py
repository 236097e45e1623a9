"""Vapi: the `end-of-call-report` server message.

Vapi signs as the customer configured its server credential: an HMAC credential (its
algorithm, headers, signed text, encoding and prefix are options of the connection), a
bearer token, or the legacy `X-Vapi-Secret` header.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
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
    same,
    sample_lines,
    seconds,
    spoken_turn,
)

AUTH_HMAC, AUTH_BEARER, AUTH_SECRET_HEADER = "hmac", "bearer", "x-vapi-secret"
AUTH_CHOICES = (AUTH_HMAC, AUTH_BEARER, AUTH_SECRET_HEADER)
ALGORITHMS = ("sha256", "sha512", "sha1")
ENCODINGS = ("hex", "base64")
DEFAULT_OPTIONS: dict[str, Any] = {
    "auth": AUTH_HMAC,
    "algorithm": "sha256",
    "signature_header": "x-signature",
    "timestamp_header": "x-timestamp",
    "payload_format": "{timestamp}.{body}",
    "signature_encoding": "hex",
    "signature_prefix": "",
    "secret_is_base64": False,
    "bearer_header": "authorization",
}
TOLERANCE = timedelta(minutes=5)
# Unix times in milliseconds are above this; in seconds, below it until the year 5138.
MILLISECONDS_FROM = 100_000_000_000
ROLES = {"bot": "agent", "assistant": "agent", "user": "user"}
DIRECTIONS = {"inboundPhoneCall": "inbound", "outboundPhoneCall": "outbound", "webCall": "inbound"}


def vapi_options(options: dict[str, Any]) -> dict[str, Any]:
    """The connection's options over Vapi's defaults."""
    chosen = {**DEFAULT_OPTIONS, **{k: v for k, v in options.items() if k in DEFAULT_OPTIONS}}
    chosen["signature_header"] = str(chosen["signature_header"]).lower()
    chosen["timestamp_header"] = str(chosen["timestamp_header"]).lower()
    chosen["bearer_header"] = str(chosen["bearer_header"]).lower()
    return chosen


def options_problems(options: dict[str, Any]) -> dict[str, str]:
    """What is wrong with a connection's Vapi options, by option name."""
    problems = {}
    unknown = sorted(set(options) - set(DEFAULT_OPTIONS))
    if unknown:
        problems["options"] = f"unknown option(s): {', '.join(unknown)}"
    chosen = {**DEFAULT_OPTIONS, **options}
    for name, choices in (
        ("auth", AUTH_CHOICES),
        ("algorithm", ALGORITHMS),
        ("signature_encoding", ENCODINGS),
    ):
        if chosen[name] not in choices:
            problems[name] = f"{chosen[name]!r} is not one of {', '.join(choices)}"
    for name in ("signature_header", "timestamp_header", "bearer_header", "payload_format"):
        if not isinstance(chosen[name], str) or (name != "timestamp_header" and not chosen[name]):
            problems[name] = "must be text"
    if isinstance(chosen["payload_format"], str) and "{body}" not in chosen["payload_format"]:
        problems["payload_format"] = "must contain {body}"
    if not isinstance(chosen["signature_prefix"], str):
        problems["signature_prefix"] = "must be text"
    if not isinstance(chosen["secret_is_base64"], bool):
        problems["secret_is_base64"] = "must be true or false"
    return problems


def _signed_text(options: dict[str, Any], body: bytes, timestamp: str, url: str) -> bytes:
    """The payload format with its placeholders filled; the body stays the raw bytes."""
    head, _, tail = options["payload_format"].partition("{body}")

    def fill(part: str) -> bytes:
        return (
            part.replace("{timestamp}", timestamp).replace("{method}", "POST").replace("{url}", url)
        ).encode()

    return fill(head) + body + fill(tail)


def _key(options: dict[str, Any], secret: str) -> bytes | None:
    if not options["secret_is_base64"]:
        return secret.encode()
    try:
        return base64.b64decode(secret, validate=True)
    except (binascii.Error, ValueError):
        return None


def _digest(options: dict[str, Any], key: bytes, message: bytes) -> str:
    raw = hmac.new(key, message, getattr(hashlib, options["algorithm"])).digest()
    encoded = (
        raw.hex() if options["signature_encoding"] == "hex" else base64.b64encode(raw).decode()
    )
    return options["signature_prefix"] + encoded


def _moment(stamp: str) -> datetime | None:
    if not stamp.isdigit():
        return None
    value = int(stamp)
    return datetime.fromtimestamp(value / 1000 if value >= MILLISECONDS_FROM else value, UTC)


class Vapi(PlatformAdapter):
    slug = "vapi"
    label = "Vapi"
    dashboard_hint = (
        "In Vapi's dashboard open the assistant (or the phone number), then Advanced → "
        "Server Settings → Server URL, paste this URL and pick the credential whose "
        "signing matches the options below; turn on the End Of Call Report server message."
    )
    secret_label = "The credential's secret: the HMAC secret key, the bearer token or X-Vapi-Secret"
    finished_events = frozenset({"end-of-call-report"})
    call_id_path = "message.call.id"

    def verify(self, received: Received, secrets: list[str], options: dict[str, Any]) -> None:
        chosen = vapi_options(options)
        if chosen["auth"] == AUTH_BEARER:
            self._verify_token(received, secrets, chosen["bearer_header"], bearer=True)
        elif chosen["auth"] == AUTH_SECRET_HEADER:
            self._verify_token(received, secrets, "x-vapi-secret", bearer=False)
        else:
            self._verify_hmac(received, secrets, chosen)

    @staticmethod
    def _verify_token(received: Received, secrets: list[str], header: str, *, bearer: bool) -> None:
        given = received.required_header(header)
        if bearer and given[:7].lower() == "bearer ":
            given = given[7:].strip()
        if not any(same(given, secret) for secret in secrets):
            raise SignatureRefused(f"the {header} header does not match this connection's secret")

    @staticmethod
    def _verify_hmac(received: Received, secrets: list[str], options: dict[str, Any]) -> None:
        name = options["signature_header"]
        given = received.required_header(name)
        stamp = ""
        if "{timestamp}" in options["payload_format"]:
            stamp_name = options["timestamp_header"]
            stamp = received.header(stamp_name)
            moment = _moment(stamp)
            if moment is None:
                raise SignatureRefused(f"{stamp_name} is missing or not a Unix time")
            check_moment(moment, received.now, TOLERANCE, stamp_name)
        message = _signed_text(options, received.body, stamp, received.url)
        keys = [key for key in (_key(options, secret) for secret in secrets) if key is not None]
        if not any(same(given, _digest(options, key, message)) for key in keys):
            raise SignatureRefused(f"{name} does not match this connection's HMAC secret")

    def event(self, document: Any) -> str:
        message = document.get("message") if isinstance(document, dict) else None
        name = message.get("type") if isinstance(message, dict) else None
        if not isinstance(name, str) or not name:
            raise DeliveryMalformed({"message.type": "is missing"})
        return name

    def call(self, document: dict[str, Any]) -> PlatformCall:
        message = Fields(document["message"], root="message")
        call_id = message.text("call.id", required=True)
        started = message.iso("startedAt") or message.iso("call.startedAt")
        if started is None and not message.problems:
            message.problems["message.startedAt"] = "is missing"
        ended = message.iso("endedAt") or message.iso("call.endedAt")
        kind = message.text("call.type")
        direction = DIRECTIONS.get(kind, "inbound")
        customer = message.text("customer.number") or message.text("call.customer.number")
        ours = message.text("phoneNumber.number") or message.text("call.phoneNumber.number")
        return self.mapped_call(
            message,
            call_id=call_id,
            started=started,
            started_path="startedAt",
            ended=ended,
            direction=direction,
            numbers=caller_and_callee(direction, ours=ours, theirs=customer),
            transcript=self._turns(message),
            analysis=message.mapping("analysis"),
            variables=message.mapping("artifact.variableValues")
            or message.mapping("call.assistantOverrides.variableValues"),
            details={
                "call_type": kind,
                "ended_reason": message.value("endedReason"),
                "recording_url": message.value("artifact.recordingUrl")
                or message.value("recordingUrl"),
                "assistant_id": message.value("call.assistantId"),
                "customer_name": message.value("customer.name"),
                "cost": message.value("cost"),
            },
        )

    @staticmethod
    def _turns(message: Fields) -> Any:
        items = message.items("artifact.messages") or message.items("messages")
        if not items:
            return message.value("artifact.transcript") or message.value("transcript") or []
        turns = []
        for item in items:
            if not isinstance(item, dict) or item.get("role") not in ROLES:
                continue  # system prompts, tool calls and their results are not speech
            text = item.get("message")
            if not isinstance(text, str) or not text.strip():
                continue
            offset = seconds(item.get("secondsFromStart"))
            turns.append(spoken_turn(ROLES[item["role"]], text, offset))
        return turns

    def sample(self, *, call_id: str, now: datetime) -> dict[str, Any]:
        start = now - timedelta(minutes=4)
        lines = sample_lines(agent="bot", user="user", offsets=(0.5, 4.2, 8.0, 11.7))
        at = start.timestamp() * 1000
        messages: list[dict[str, Any]] = [
            {"role": "system", "message": "You are Ada.", "time": at, "secondsFromStart": 0}
        ]
        messages += [
            {
                "role": role,
                "message": text,
                "time": at + offset * 1000,
                "endTime": at + offset * 1000 + 2500,
                "secondsFromStart": offset,
                "duration": 2500,
            }
            for role, text, offset in lines
        ]
        iso = "%Y-%m-%dT%H:%M:%S.000Z"
        return {
            "message": {
                "type": "end-of-call-report",
                "timestamp": now.timestamp() * 1000,
                "endedReason": "customer-ended-call",
                "startedAt": start.astimezone(UTC).strftime(iso),
                "endedAt": (start + timedelta(seconds=222)).astimezone(UTC).strftime(iso),
                "call": {
                    "id": call_id,
                    "orgId": "org_sample",
                    "type": "inboundPhoneCall",
                    "createdAt": start.astimezone(UTC).strftime(iso),
                    "updatedAt": now.astimezone(UTC).strftime(iso),
                },
                "customer": {"number": "+905321234567", "name": "Maria Gonzalez"},
                "phoneNumber": {"number": "+908501234567"},
                "artifact": {
                    "messages": messages,
                    "transcript": "\n".join(
                        f"{'AI' if role == 'bot' else 'User'}: {text}" for role, text, _ in lines
                    ),
                },
                "analysis": {
                    "summary": "The caller asked to be called back next Tuesday.",
                    "structuredData": {"callback": True},
                    "successEvaluation": "true",
                },
            }
        }

    def sign(
        self, *, body: bytes, secret: str, options: dict[str, Any], url: str, now: datetime
    ) -> dict[str, str]:
        chosen = vapi_options(options)
        if chosen["auth"] == AUTH_BEARER:
            return {chosen["bearer_header"]: f"Bearer {secret}"}
        if chosen["auth"] == AUTH_SECRET_HEADER:
            return {"X-Vapi-Secret": secret}
        stamp = str(int(now.timestamp()))
        key = _key(chosen, secret) or b""
        headers = {
            chosen["signature_header"]: _digest(chosen, key, _signed_text(chosen, body, stamp, url))
        }
        if "{timestamp}" in chosen["payload_format"]:
            headers[chosen["timestamp_header"]] = stamp
        return headers
