# ruff: noqa: RUF001 - Turkish words are written with a dotless i
"""Choices an enum often offers in English ("weekly", "biweekly", "one_time", "standard")
are read in each pack's words ("cada semana", "alle zwei Wochen", "tek seferlik",
"limpieza normal"); one choice's words inside another's longer ones ("einmal" in
"einmal pro Woche") are the longer one's."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

FREQUENCY = FieldSpec(
    "visit_frequency",
    "enum",
    "How often the cleaning repeats: one_time, weekly, biweekly, monthly",
    ("one_time", "weekly", "biweekly", "monthly"),
)
SERVICE = FieldSpec(
    "service_type", "enum", "Kind of cleaning: standard, deep", ("standard", "deep")
)


@pytest.mark.parametrize(
    ("zone", "opening", "answer", "frequency"),
    [
        ("Europe/Madrid", "limpiezas brillo buenos días",
         "quería una limpieza en casa cada semana", "weekly"),
        ("Europe/Berlin", "Glanz Reinigung, guten Tag.",
         "Wir brauchen jemanden alle zwei Wochen.", "biweekly"),
        ("America/Sao_Paulo", "brilho limpezas boa tarde",
         "queria uma faxina mensal no apartamento", "monthly"),
        ("Europe/Istanbul", "pırıl temizlik merhaba",
         "taşınma için tek seferlik bir temizlik istiyorum", "one_time"),
        ("Europe/London", "sparkle cleaning good morning",
         "hi we'd like someone every other week", "biweekly"),
        ("Europe/Istanbul", "pırıl temizlik merhaba",
         "iki haftada bir temizlik istiyorum", "biweekly"),
        ("Europe/Berlin", "Glanz Reinigung, guten Tag.",
         "Wir brauchen jemanden einmal pro Woche.", "weekly"),
    ],
)  # fmt: skip
def test_how_often_in_each_language(zone: str, opening: str, answer: str, frequency: str) -> None:
    got = values(
        request_for([("agent", opening), ("user", answer)], zone=zone, fields=(FREQUENCY,))
    )

    assert got["visit_frequency"] == frequency


def test_a_standard_clean_in_spanish() -> None:
    got = values(
        request_for(
            [
                ("agent", "limpiezas brillo buenos días"),
                ("user", "hola quería una limpieza normal"),
            ],
            zone="Europe/Madrid",
            fields=(SERVICE,),
        )
    )

    assert got["service_type"] == "standard"
