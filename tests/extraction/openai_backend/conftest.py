from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from extraction.types import ExtractionRequest, FieldSpec, Turn
from tests.extraction.conftest import SEED_SPECS

SEED_FIELDS = SEED_SPECS


def make_request(
    lines: list[tuple[str, str]],
    *,
    start: str = "2026-03-10T11:05:00+00:00",
    zone: str = "Europe/Istanbul",
    fields: tuple[FieldSpec, ...] = SEED_FIELDS,
    model: str = "gpt-test",
) -> ExtractionRequest:
    """A request for a call of `(role, text)` turns that started at `start` (aware)."""
    return ExtractionRequest(
        fields=fields,
        turns=tuple(Turn(role=role, text=text) for role, text in lines),
        started_at=datetime.fromisoformat(start),
        timezone=ZoneInfo(zone),
        model=model,
    )


@pytest.fixture
def seed_call() -> ExtractionRequest:
    return make_request(
        [
            ("agent", "Hello, who am I speaking with?"),
            ("user", "My name is Maria Gonzalez."),
            ("agent", "Shall we call you back?"),
            ("user", "Yes, next Tuesday please. My number is 0532 123 4567."),
        ]
    )
