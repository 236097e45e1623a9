# ruff: noqa: RUF001 - Turkish words are written with a dotless i
"""Table tests: the normalisers on Spanish and Turkish answers as well as English ones,
the model's path included, and across clock changes."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from extraction.normalizers import (
    normalize_boolean,
    normalize_date,
    normalize_datetime,
    normalize_number,
    normalize_phone,
    normalize_value,
)
from extraction.types import FieldSpec

MADRID = ZoneInfo("Europe/Madrid")
ISTANBUL = ZoneInfo("Europe/Istanbul")
NEW_YORK = ZoneInfo("America/New_York")
# Tuesday 10 March 2026.
MADRID_TUESDAY = datetime(2026, 3, 10, 12, 0, tzinfo=MADRID)
ISTANBUL_TUESDAY = datetime(2026, 3, 10, 14, 5, tzinfo=ISTANBUL)
# Madrid springs forward on Sunday 29 March 2026 and falls back on Sunday 25 October.
MADRID_BEFORE_SPRING = datetime(2026, 3, 27, 12, 0, tzinfo=MADRID)  # Friday
MADRID_BEFORE_FALL = datetime(2026, 10, 23, 12, 0, tzinfo=MADRID)  # Friday
NEW_YORK_BEFORE_SPRING = datetime(2026, 3, 6, 12, 0, tzinfo=NEW_YORK)  # Friday


@pytest.mark.parametrize(
    ("reference", "said", "expected"),
    [
        (MADRID_TUESDAY, "mañana", "2026-03-11"),
        (MADRID_TUESDAY, "mañana por la mañana", "2026-03-11"),
        (MADRID_TUESDAY, "pasado mañana", "2026-03-12"),
        (MADRID_TUESDAY, "hoy", "2026-03-10"),
        (MADRID_TUESDAY, "el lunes", "2026-03-16"),
        (MADRID_TUESDAY, "el martes", "2026-03-17"),  # the call is on a Tuesday
        (MADRID_TUESDAY, "este viernes", "2026-03-13"),
        (MADRID_TUESDAY, "el próximo jueves", "2026-03-12"),
        (MADRID_TUESDAY, "el jueves de la semana que viene", "2026-03-19"),
        (MADRID_TUESDAY, "la semana que viene", "2026-03-16"),
        (MADRID_TUESDAY, "el mes que viene", "2026-04-01"),
        (MADRID_TUESDAY, "a fin de mes", "2026-03-31"),
        (MADRID_TUESDAY, "el fin de semana", "2026-03-14"),
        (MADRID_TUESDAY, "en dos semanas", "2026-03-24"),
        (MADRID_TUESDAY, "dentro de tres días", "2026-03-13"),
        (MADRID_TUESDAY, "el 5 de abril", "2026-04-05"),
        (MADRID_TUESDAY, "el cinco de enero", "2027-01-05"),
        (MADRID_TUESDAY, "el día 15", "2026-03-15"),
        (MADRID_TUESDAY, "el lunes a las diez", "2026-03-16"),
        (MADRID_TUESDAY, "el sabado", "2026-03-14"),  # without the accent
        (ISTANBUL_TUESDAY, "yarın", "2026-03-11"),
        (ISTANBUL_TUESDAY, "yarin", "2026-03-11"),
        (ISTANBUL_TUESDAY, "yarın saat üçte", "2026-03-11"),
        (ISTANBUL_TUESDAY, "öbür gün", "2026-03-12"),
        (ISTANBUL_TUESDAY, "bugün", "2026-03-10"),
        (ISTANBUL_TUESDAY, "pazartesi", "2026-03-16"),
        (ISTANBUL_TUESDAY, "salı günü", "2026-03-17"),
        (ISTANBUL_TUESDAY, "bu cuma", "2026-03-13"),
        (ISTANBUL_TUESDAY, "cumaya", "2026-03-13"),
        (ISTANBUL_TUESDAY, "cumartesi", "2026-03-14"),
        (ISTANBUL_TUESDAY, "haftaya perşembe", "2026-03-19"),
        (ISTANBUL_TUESDAY, "önümüzdeki çarşamba", "2026-03-11"),
        (ISTANBUL_TUESDAY, "gelecek hafta", "2026-03-16"),
        (ISTANBUL_TUESDAY, "gelecek ay", "2026-04-01"),
        (ISTANBUL_TUESDAY, "ay sonu", "2026-03-31"),
        (ISTANBUL_TUESDAY, "hafta sonu", "2026-03-14"),
        (ISTANBUL_TUESDAY, "iki hafta sonra", "2026-03-24"),
        (ISTANBUL_TUESDAY, "3 gün sonra", "2026-03-13"),
        (ISTANBUL_TUESDAY, "5 Nisan", "2026-04-05"),
        (ISTANBUL_TUESDAY, "beş nisanda", "2026-04-05"),
        (ISTANBUL_TUESDAY, "ayın 20'si", "2026-03-20"),
        (MADRID_BEFORE_SPRING, "el lunes", "2026-03-30"),
        (MADRID_BEFORE_FALL, "pasado mañana", "2026-10-25"),
    ],
)
def test_spanish_and_turkish_dates(reference: datetime, said: str, expected: str) -> None:
    assert normalize_date(said, reference=reference) == expected


@pytest.mark.parametrize(
    ("reference", "said", "expected"),
    [
        (MADRID_TUESDAY, "el lunes a las diez", "2026-03-16T10:00:00+01:00"),
        (MADRID_TUESDAY, "mañana a las cinco de la tarde", "2026-03-11T17:00:00+01:00"),
        (MADRID_TUESDAY, "el viernes a las nueve y media", "2026-03-13T09:30:00+01:00"),
        # Madrid, spring forward on 29 March: 02:00-03:00 does not exist.
        (MADRID_BEFORE_SPRING, "el domingo a las dos y media de la madrugada",
         "2026-03-29T03:30:00+02:00"),
        (MADRID_BEFORE_SPRING, "el lunes a las diez", "2026-03-30T10:00:00+02:00"),
        # Madrid, fall back on 25 October: 02:00-03:00 happens twice, the first is kept.
        (MADRID_BEFORE_FALL, "el domingo a las 02:30", "2026-10-25T02:30:00+02:00"),
        (MADRID_BEFORE_FALL, "el lunes a las 10", "2026-10-26T10:00:00+01:00"),
        (ISTANBUL_TUESDAY, "yarın saat üçte", "2026-03-11T15:00:00+03:00"),
        (ISTANBUL_TUESDAY, "cuma akşam yedide", "2026-03-13T19:00:00+03:00"),
        (ISTANBUL_TUESDAY, "pazartesi sabah 9:30'da", "2026-03-16T09:30:00+03:00"),
        # New York, spring forward on 8 March: a Spanish-speaking customer there.
        (NEW_YORK_BEFORE_SPRING, "el lunes a las nueve de la mañana",
         "2026-03-09T09:00:00-04:00"),
        (NEW_YORK_BEFORE_SPRING, "Monday at six am", "2026-03-09T06:00:00-04:00"),
        (NEW_YORK_BEFORE_SPRING, "Sunday at 07:15", "2026-03-08T07:15:00-04:00"),
    ],
)  # fmt: skip
def test_date_times_in_three_languages_across_clock_changes(
    reference: datetime, said: str, expected: str
) -> None:
    assert normalize_datetime(said, reference=reference) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("treinta y cinco", 35), ("dos mil quinientos", 2500), ("ciento veinte", 120),
        ("dos coma cinco", 2.5), ("otuz beş", 35), ("iki bin beş yüz", 2500),
        ("yüz yirmi", 120), ("twenty five", 25),
    ],
)  # fmt: skip
def test_numbers_said_in_three_languages(said: str, expected: float) -> None:
    assert normalize_number(said) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("seis uno dos, tres cuatro cinco, seis siete ocho", "612345678"),
        ("cinco cinco cinco, cero uno, treinta y cuatro", "5550134"),
        ("seis uno dos, trescientos cuarenta y cinco, sesenta y siete, ochenta y nueve",
         "6123456789"),
        ("sıfır beş yüz otuz iki, yüz yirmi üç, kırk beş, altmış yedi", "05321234567"),
        ("sıfır beş üç iki bir iki üç dört beş altı yedi", "05321234567"),
        ("0532 123 45 67", "05321234567"),
    ],
)  # fmt: skip
def test_phone_numbers_said_in_spanish_and_turkish(said: str, expected: str) -> None:
    assert normalize_phone(said) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [("sí", True), ("Sí, claro", True), ("por supuesto", True), ("no gracias", False),
     ("evet", True), ("tabii", True), ("hayır", False), ("gerek yok", False),
     ("no es necesario", False), ("yes please", True), ("not really", False)],
)  # fmt: skip
def test_yes_and_no_in_three_languages(said: str, expected: bool) -> None:
    assert normalize_boolean(said) is expected


def test_the_model_path_reads_a_spanish_date() -> None:
    spec = FieldSpec("follow_up_date", "string", "Follow-up date", format="date")

    assert normalize_value(spec, "el lunes a las diez", reference=MADRID_TUESDAY) == "2026-03-16"
