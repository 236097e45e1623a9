"""Number words whose accents the reader drops are still numbers: German "fünfzig",
"zwölf", "fünfundzwanzigtausend" and Spanish "veintidós", as written or as speech-to-text
gives them."""

from __future__ import annotations

import pytest

from extraction.languages import fold
from extraction.reading import amounts, with_digits


@pytest.mark.parametrize(
    ("said", "language", "values"),
    [
        ("fünfzig Euro", "de", [50]),
        ("zwölf Paletten", "de", [12]),
        ("fünfundzwanzigtausend Euro", "de", [25000]),
        ("zweitausendfünfhundert Euro", "de", [2500]),
        ("vierzig bis fünfzigtausend Euro", "de", [40, 50000]),
        ("veintidós palés", "es", [22]),
        ("veintitrés mil euros", "es", [23000]),
        ("veintiuno", "es", [21]),
    ],
)
def test_number_words_with_accents(said: str, language: str, values: list[int]) -> None:
    text = with_digits(fold(said), language)

    assert [amount.value for amount in amounts(text, language)] == values
