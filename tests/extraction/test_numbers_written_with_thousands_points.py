"""A number written with points between its thousands, as German, Spanish, Portuguese and
Turkish write it ("Rund 410.000 Euro"), is thousands, not a decimal; in English only a
number with several such points is ("1.250.000")."""

from __future__ import annotations

import pytest

from extraction.reading import amounts


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
