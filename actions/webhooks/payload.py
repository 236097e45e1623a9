"""The bytes of a webhook event: the `call.analyzed` document, built once and stored."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from calls.models import Call

PAYLOAD_VERSION = "2026-11-01"
EVENT_CALL_ANALYZED = "call.analyzed"

# Built once: `json.dumps` with options builds an encoder for every body.
BODY_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def call_payload(call: Call) -> dict[str, Any]:
    return {
        "id": call.pk,
        "external_id": call.external_id,
        "agent": {"slug": call.agent.slug, "name": call.agent.name},
        "direction": call.direction,
        "from_number": call.from_number,
        "to_number": call.to_number,
        "started_at": call.started_at.astimezone(call.zone).isoformat(),
        "ended_at": call.ended_at.astimezone(call.zone).isoformat() if call.ended_at else None,
        "timezone": call.timezone,
        "follows_up": call.follows_up_id,
    }


def analysis_url(call: Call) -> str:
    """The call's AI Analysis page; for a call not stored (a test, a trial) the call list."""
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    if call.pk is None:
        return base + reverse("admin:calls_call_changelist")
    return base + reverse("admin:calls_call_analysis", args=[call.pk])


def utc_stamp(moment: datetime) -> str:
    """A moment as the payload documents it: UTC to the millisecond, `…T11:09:13.204Z`."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def event_document(*, event_type: str, data: dict[str, Any], test: bool = False) -> dict:
    return {
        "type": event_type,
        "version": PAYLOAD_VERSION,
        "timestamp": utc_stamp(timezone.now()),
        "test": test,
        "data": data,
    }


def event_body(*, event_type: str, data: dict[str, Any], test: bool = False) -> bytes:
    document = event_document(event_type=event_type, data=data, test=test)
    return BODY_ENCODER.encode(document).encode()


@dataclass(frozen=True)
class ExtractionPayload:
    """The extraction part of a `call.analyzed` event."""

    run_id: int | None
    values: dict[str, Any]
    evidence: dict[str, Any]
    errors: dict[str, str]
    ungrounded: list[str]
    # For a date field, the local time of day the call states for it ("15:00").
    times: dict[str, str] = field(default_factory=dict)
    # How likely each value is right (0 to 1), or None with the reason in
    # `confidence_reasons`.
    confidences: dict[str, float | None] = field(default_factory=dict)
    confidence_reasons: dict[str, str] = field(default_factory=dict)
    # Set when a person reviewed the values: who, when, and what they corrected.
    review: dict[str, Any] | None = None


@dataclass(frozen=True)
class FiringIds:
    """Which firing of which action an event is: a receiver tells a re-fired event of a
    call (`firing` 2 or more, `refire` true) from a new one with these."""

    action_id: int | None = None
    decision_id: int | None = None
    number: int = 1


def event_data(
    *,
    call: dict[str, Any],
    extraction: ExtractionPayload,
    action_name: str,
    action_type: str,
    condition: Any,
    reason: str,
    firing: FiringIds,
) -> dict[str, Any]:
    """The `data` of a `call.analyzed` event; `extraction.review` only when reviewed."""
    extracted: dict[str, Any] = {
        "run_id": extraction.run_id,
        "values": extraction.values,
        "evidence": extraction.evidence,
        "errors": extraction.errors,
        "ungrounded": extraction.ungrounded,
        "confidence": extraction.confidences,
        "confidence_reasons": extraction.confidence_reasons,
    }
    if extraction.review is not None:
        extracted["review"] = extraction.review
    return {
        "call": call,
        "extraction": extracted,
        "action": {
            "name": action_name,
            "type": action_type,
            "condition": condition,
            "reason": reason,
            "id": firing.action_id,
            "decision_id": firing.decision_id,
            "firing": firing.number,
            "refire": firing.number > 1,
        },
    }
