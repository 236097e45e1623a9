# ruff: noqa: RUF001 - Turkish words are written with a dotless i
"""The same days said in each language that has a pack are the same date, and Portuguese
and German calls read offline get their follow-up day."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from extraction.normalizers import NormalizationError, normalize_date
from extraction.offline import OfflineBackend
from extraction.validation import validate_answer
from tests.extraction.conftest import request_for

ZONE = ZoneInfo("Europe/Madrid")
TUESDAY = datetime(2026, 3, 10, 12, 0, tzinfo=ZONE)
FRIDAY = datetime(2026, 3, 13, 12, 0, tzinfo=ZONE)
AFTER_APRIL_5 = datetime(2026, 5, 12, 12, 0, tzinfo=ZONE)
LANGUAGES = ("en", "es", "pt", "de", "tr")
DAYS = [
    (TUESDAY, "2026-03-11", ("tomorrow", "mañana", "amanhã", "morgen", "yarın")),
    (TUESDAY, "2026-03-12",
     ("the day after tomorrow", "pasado mañana", "depois de amanhã", "übermorgen", "öbür gün")),
    (TUESDAY, "2026-03-13",
     ("next Friday", "el próximo viernes", "na próxima sexta", "nächsten Freitag",
      "önümüzdeki cuma")),
    (FRIDAY, "2026-03-13",
     ("this Friday", "este viernes", "esta sexta-feira", "diesen Freitag", "bu cuma")),
    (TUESDAY, "2026-03-16",
     ("next week", "la semana que viene", "semana que vem", "nächste Woche", "gelecek hafta")),
    (TUESDAY, "2026-03-24",
     ("in two weeks", "en dos semanas", "daqui a duas semanas", "in zwei Wochen",
      "iki hafta sonra")),
    (TUESDAY, "2026-04-05", ("the 5th", "el día 5", "dia 5", "am 5.", "ayın 5'i")),
    (AFTER_APRIL_5, "2027-04-05",
     ("April 5th", "el 5 de abril", "5 de abril", "5. April", "5 Nisan")),
    (TUESDAY, "2026-03-31",
     ("end of the month", "a fin de mes", "fim do mês", "Ende des Monats", "ay sonu")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("reference", "expected", "said"),
    [
        pytest.param(reference, expected, said, id=f"{language}: {said}")
        for reference, expected, phrases in DAYS
        for language, said in zip(LANGUAGES, phrases, strict=True)
    ],
)
def test_the_same_day_said_in_every_language_is_the_same_date(
    reference: datetime, expected: str, said: str
) -> None:
    assert normalize_date(said, reference=reference) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [("morgen früh", "2026-03-11"), ("heute Morgen", "2026-03-10"),
     ("mañana por la mañana", "2026-03-11"), ("na segunda-feira", "2026-03-16"),
     ("Dienstag nächste Woche", "2026-03-17"), ("na terça da semana que vem", "2026-03-17"),
     ("em uma semana", "2026-03-17"), ("in einer Woche", "2026-03-17"),
     ("am ersten", "2026-04-01"), ("primeiro de maio", "2026-05-01")],
)  # fmt: skip
def test_portuguese_and_german_days(said: str, expected: str) -> None:
    assert normalize_date(said, reference=TUESDAY) == expected


@pytest.mark.parametrize(
    "said", ["Guten Morgen", "por la mañana", "é a segunda vez", "I am 5 minutes away"]
)
def test_words_that_look_like_a_day_name_none(said: str) -> None:
    with pytest.raises(NormalizationError):
        normalize_date(said, reference=TUESDAY)


def test_a_portuguese_call_gives_the_follow_up_day() -> None:
    request = request_for(
        [
            ("agent", "Bom dia, aqui é a Ada da SolarSul. Com quem eu falo?"),
            ("user", "Aqui é a Fernanda Costa."),
            ("agent", "Fernanda, quando podemos ligar de volta?"),
            ("user", "Pode me ligar na próxima sexta, por favor."),
        ],
        zone="America/Sao_Paulo",
    )

    values = validate_answer(OfflineBackend().extract(request), request).values

    assert (values["follow_up_required"], values["follow_up_date"]) == (True, "2026-03-13")


def test_a_german_call_gives_the_follow_up_day() -> None:
    request = request_for(
        [
            ("agent", "Guten Morgen, hier ist Ada von SonnenStrom. Mit wem spreche ich?"),
            ("user", "Guten Morgen, hier ist Jonas Müller."),
            ("agent", "Wann dürfen wir Sie zurückrufen?"),
            ("user", "Rufen Sie mich bitte übermorgen an."),
        ],
        zone="Europe/Berlin",
    )

    values = validate_answer(OfflineBackend().extract(request), request).values

    assert (values["follow_up_required"], values["follow_up_date"]) == (True, "2026-03-12")


def test_good_morning_in_a_german_call_is_no_follow_up_day() -> None:
    request = request_for(
        [
            ("agent", "Hier ist Ada von SonnenStrom. Mit wem spreche ich?"),
            ("user", "Guten Morgen, hier ist Jonas Müller."),
        ],
        zone="Europe/Berlin",
    )

    result = validate_answer(OfflineBackend().extract(request), request)

    assert (result.values["follow_up_required"], result.values["follow_up_date"]) == (None, None)
    assert result.reasons["follow_up_date"] == "no day is said for it in the call"
