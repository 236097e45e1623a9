from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from extraction.types import ExtractionRequest, FieldSpec, Turn

SEED_SPECS = (
    FieldSpec("customer_name", "string", "Customer full name"),
    FieldSpec(
        "interest_level", "enum", "high, medium, low, none", ("high", "medium", "low", "none")
    ),
    FieldSpec("follow_up_required", "boolean", "Whether follow-up is needed"),
    FieldSpec("follow_up_date", "string", "Follow-up date in ISO 8601 format", format="date"),
    FieldSpec(
        "callback_number", "string", "Phone number to call back, digits only", format="phone"
    ),
)


def request_for(
    lines: list[tuple[str, str]],
    *,
    start: str = "2026-03-10T14:05:00",
    zone: str = "Europe/Istanbul",
    fields: tuple[FieldSpec, ...] = SEED_SPECS,
) -> ExtractionRequest:
    tz = ZoneInfo(zone)
    return ExtractionRequest(
        fields=fields,
        turns=tuple(Turn(role=role, text=text) for role, text in lines),
        started_at=datetime.fromisoformat(start).replace(tzinfo=tz),
        timezone=tz,
        model="gpt-test",
    )


@pytest.fixture
def seed_request() -> ExtractionRequest:
    return request_for(
        [
            ("agent", "Hello, who am I speaking with?"),
            ("user", "My name is Maria Gonzalez."),
            ("agent", "Shall we call you back?"),
            ("user", "Yes, next Tuesday please. My number is 0532 123 4567."),
        ]
    )
