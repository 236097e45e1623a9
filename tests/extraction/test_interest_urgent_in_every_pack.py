# ruff: noqa: RUF001 - Turkish words are written with a dotless i
"""A customer who says it is urgent shows high interest in any pack's words, as "urgent"
and "asap" do in English."""

from __future__ import annotations

import pytest

from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values


@pytest.mark.parametrize(
    ("zone", "agent", "user"),
    [
        ("America/Mexico_City", "seguros del norte buenos días",
         "sí la verdad ya me urge porque se me vence el seguro"),
        ("Europe/Berlin", "Fensterbau Huber, guten Tag.",
         "Ja, wir brauchen neue Fenster, es ist dringend."),
        ("America/Sao_Paulo", "boa tarde seguros do sul", "sim é urgente o meu seguro vence sexta"),
        ("Europe/Istanbul", "merhaba kuzey sigorta", "evet acil lazım sigortam cuma bitiyor"),
    ],
)  # fmt: skip
def test_urgent_is_high_interest(zone: str, agent: str, user: str) -> None:
    got = values(request_for([("agent", agent), ("user", user)], zone=zone))

    assert got["interest_level"] == "high"
