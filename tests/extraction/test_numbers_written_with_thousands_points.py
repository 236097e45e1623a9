"""A number written with points between its thousands, as German, Spanish, Portuguese and
Turkish write it ("Rund 410.000 Euro"), is thousands, not a decimal; in English only a
number with several such points is ("1.250.000"); so is one with apostrophes, as the
Swiss write it ("2'500")."""

from __future__ import annotations

import pytest

from extraction.reading import amounts, with_digits


@pytest.mark.parametrize(
    ("said", "language", "value"),
    [
        ("rund 410.000 euro", "de", 410000),
        ("unos 1.250.000 pesos", "es", 1250000),
        ("cerca de 38.500 reais", "pt", 38500),
        ("about 1.250.000 dollars", "en", 1250000),
        ("about 2.5 tonnes", "en", 2.5),
        ("the ratio was 1.500", "en", 1.5),
    ],
)
def test_points_between_thousands(said: str, language: str, value: float) -> None:
    assert [amount.value for amount in amounts(said, language)] == [value]


@pytest.mark.parametrize(
    ("said", "language", "value"),
    [("etwa 2'500 euro", "de", 2500), ("about 1\u2019200 francs", "en", 1200)],
)
def test_apostrophes_between_thousands_as_the_swiss_write_them(
    said: str, language: str, value: float
) -> None:
    assert [amount.value for amount in amounts(with_digits(said, language), language)] == [value]
