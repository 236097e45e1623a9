# ruff: noqa: RUF001 - Turkish words are written with a dotless i
"""Numbers and phone numbers said in words are read the same in every pack's language."""

from __future__ import annotations

import pytest

from extraction.normalizers import normalize_number, normalize_phone
from extraction.offline import OfflineBackend
from tests.extraction.conftest import request_for


@pytest.mark.parametrize(
    "said",
    [
        "sıfır beş yüz otuz iki, yüz yirmi üç, kırk beş, altmış yedi",
        "cero cinco tres dos, uno dos tres, cuatro cinco, seis siete",
        "cero cinco tres dos, ciento veintitrés, cuarenta y cinco, sesenta y siete",
        "zero cinco três dois, um dois três, quatro cinco, seis sete",
        "zero cinco três dois, cento e vinte e três, quarenta e cinco, sessenta e sete",
        "null fünf drei zwo, eins zwei drei, vier fünf, sechs sieben",
        "null fünf drei zwei, hundertdreiundzwanzig, fünfundvierzig, siebenundsechzig",
        "oh five three two, one two three, four five, six seven",
        "zero five three two, one twenty three, forty five, sixty seven",
    ],
)
def test_one_phone_number_dictated_in_five_languages(said: str) -> None:
    assert normalize_phone(said) == "05321234567"


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # Brazilians say "meia" (from "meia dúzia") for six.
        ("onze, nove meia meia, um dois, três quatro", "119661234"),
        ("zero vinte e um, nove oito sete, seis cinco, quatro três", "0219876543"),
        ("null eins fünf eins, einundzwanzig, dreiundvierzig, sechsundfünfzig", "0151214356"),
        ("doble cinco cinco, cero uno, treinta y cuatro", "5550134"),
    ],
)  # fmt: skip
def test_what_only_one_language_says(said: str, expected: str) -> None:
    assert normalize_phone(said) == expected


@pytest.mark.parametrize(
    "said",
    [
        "three two three cinco cinco cinco uno dos tres cuatro",
        "três dois três five five five um dois três quatro",
        "three two three fünf fünf fünf eins zwei drei vier",
    ],
)
def test_digits_read_in_two_languages_in_one_number(said: str) -> None:
    assert normalize_phone(said) == "3235551234"


@pytest.mark.parametrize(
    "said",
    ["thirty five", "treinta y cinco", "trinta e cinco", "fünfunddreißig", "otuz beş", "35"],
)
def test_one_number_said_in_five_languages(said: str) -> None:
    assert normalize_number(said) == 35


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("dois mil e quinhentos", 2500), ("cento e vinte", 120), ("dois vírgula cinco", 2.5),
        ("zweihundertfünfzig", 250), ("tausendundeins", 1001), ("drei Komma fünf", 3.5),
        ("eine Million", 1_000_000), ("beş yüz bin", 500_000),
    ],
)  # fmt: skip
def test_bigger_numbers_in_words(said: str, expected: float) -> None:
    assert normalize_number(said) == expected


def test_a_callback_number_from_a_portuguese_call() -> None:
    request = request_for(
        [
            ("agent", "Bom dia, aqui é a Ada da SolarSul. Com quem eu falo?"),
            ("user", "Oi, aqui é a Fernanda Costa."),
            ("agent", "Fernanda, em qual número podemos te ligar?"),
            ("user", "Meu celular é onze, nove meia meia, um dois, três quatro, cinco seis."),
        ],
        zone="America/Sao_Paulo",
    )

    values = OfflineBackend().extract(request).values

    assert values["callback_number"] == "11966123456"


def test_a_callback_number_from_a_german_call() -> None:
    request = request_for(
        [
            ("agent", "Guten Tag, hier ist Ada von SonnenStrom. Mit wem spreche ich?"),
            ("user", "Hallo, hier ist Jonas Müller."),
            ("agent", "Herr Müller, unter welcher Nummer können wir Sie zurückrufen?"),
            ("user", "Meine Nummer ist null eins fünf eins, zwo drei, fünfundvierzig, "
                     "siebenundsechzig, acht neun."),
        ],
        zone="Europe/Berlin",
    )  # fmt: skip

    values = OfflineBackend().extract(request).values

    assert values["callback_number"] == "015123456789"
