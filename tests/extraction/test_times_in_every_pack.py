"""The same clock times said in each language that has a pack are the same time, and
Portuguese and German calls read offline get the follow-up day with its stated time."""

from __future__ import annotations

import pytest

from extraction.normalizers import normalize_time
from extraction.offline import OfflineBackend
from extraction.spoken_times import spoken_clock_time
from extraction.validation import validate_answer
from tests.extraction.conftest import request_for

LANGUAGES = ("en", "es", "pt", "de", "tr")
TIMES = [
    ("15:00", ("3 pm", "a las tres de la tarde", "às três da tarde", "um drei Uhr nachmittags",
               "öğleden sonra üçte")),
    ("15:30", ("3:30 pm", "a las tres y media de la tarde", "às três e meia da tarde",
               "um halb vier nachmittags", "öğleden sonra üç buçukta")),
    ("16:45", ("quarter to five in the afternoon", "a las cinco menos cuarto de la tarde",
               "às quinze para as cinco da tarde", "Viertel vor fünf am Nachmittag",
               "öğleden sonra beşe çeyrek kala")),
    ("12:00", ("noon", "al mediodía", "ao meio-dia", "mittags", "öğlen")),
    ("09:00", ("9 in the morning", "a las nueve de la mañana", "às nove da manhã",
               "um neun Uhr morgens", "sabah dokuzda")),
    ("10:15", ("quarter past ten", "a las diez y cuarto", "às dez e quinze",
               "Viertel nach zehn", "onu çeyrek geçe")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("expected", "said"),
    [
        pytest.param(expected, said, id=f"{language}: {said}")
        for expected, phrases in TIMES
        for language, said in zip(LANGUAGES, phrases, strict=True)
    ],
)
def test_the_same_time_said_in_every_language_is_the_same_time(expected: str, said: str) -> None:
    assert normalize_time(said) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [("às 15h", "15:00"), ("às 10h15", "10:15"), ("três e meia", "15:30"), ("à uma", "13:00"),
     ("meia-noite", "00:00"), ("às onze da noite", "23:00"), ("um halb vier", "15:30"),
     ("um halb vier morgens", "03:30"), ("15 Uhr 30", "15:30"), ("fünf vor halb vier", "15:25"),
     ("um 3 nachts", "03:00"), ("um 12 Uhr mittags", "12:00"), ("Mitternacht", "00:00")],
)  # fmt: skip
def test_portuguese_and_german_times(said: str, expected: str) -> None:
    assert normalize_time(said) == expected


@pytest.mark.parametrize("said", ["as duas casas", "am Nachmittag", "in drei Tagen", "nachmittags"])
def test_what_is_no_clock_time_in_portuguese_and_german(said: str) -> None:
    assert spoken_clock_time(said) is None


def test_a_portuguese_call_gives_the_follow_up_day_and_its_time() -> None:
    request = request_for(
        [
            ("agent", "Bom dia, aqui é a Ada da SolarSul. Com quem eu falo?"),
            ("user", "Aqui é a Fernanda Costa."),
            ("agent", "Fernanda, quando podemos ligar de volta?"),
            ("user", "Pode me ligar na próxima sexta às três e meia da tarde, por favor."),
        ],
        zone="America/Sao_Paulo",
    )

    result = validate_answer(OfflineBackend().extract(request), request)

    assert result.values["follow_up_date"] == "2026-03-13"
    assert result.times == {"follow_up_date": "15:30"}


def test_a_german_call_gives_the_follow_up_day_and_its_time() -> None:
    request = request_for(
        [
            ("agent", "Guten Morgen, hier ist Ada von SonnenStrom. Mit wem spreche ich?"),
            ("user", "Guten Morgen, hier ist Jonas Müller."),
            ("agent", "Wann dürfen wir Sie zurückrufen?"),
            ("user", "Rufen Sie mich bitte übermorgen um halb vier an."),
        ],
        zone="Europe/Berlin",
    )

    result = validate_answer(OfflineBackend().extract(request), request)

    assert result.values["follow_up_date"] == "2026-03-12"
    assert result.times == {"follow_up_date": "15:30"}


@pytest.mark.parametrize(
    "said",
    ["a phone number has 7 to 15 digits", "a 4-night package", "el sábado dieciséis por la tarde",
     "auf einer Skala von null bis zehn", "atendimento 24h"],
)  # fmt: skip
def test_a_range_a_count_or_a_day_of_the_month_is_no_clock_time(said: str) -> None:
    assert spoken_clock_time(said) is None
