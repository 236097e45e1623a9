"""A weight said in tonnes is read in kilograms for a field in kilograms ("2.4 tonnes" is
2,400), never as 2.4."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

WEIGHT = FieldSpec(
    "weight_kg", "number", "Total gross weight of the shipment in kilograms (1 tonne = 1000 kg)"
)


ENGLISH = ("northline freight quotes how can i help", "hi i need a quote for a load")
SPANISH = ("transportes del norte buenas tardes", "hola buenas necesito una cotización")
GERMAN = ("Nordfracht, guten Tag.", "Guten Tag, ich brauche ein Angebot für eine Ladung.")


@pytest.mark.parametrize(
    ("zone", "opening", "question", "answer", "kilograms"),
    [
        ("Europe/London", ENGLISH, "and the total weight", "about 2.4 tonnes all in", 2400),
        ("Europe/London", ENGLISH, "what does it weigh", "twenty four tons gross", 24000),
        (
            "Europe/Madrid",
            SPANISH,
            "cuánto pesa la carga",
            "unas diecinueve toneladas y media",
            19500,
        ),
        ("Europe/Berlin", GERMAN, "Und das Gesamtgewicht?", "Ungefähr 5 Tonnen.", 5000),
        ("Europe/London", ENGLISH, "and the total weight", "around 900 kilos", 900),
    ],
)
def test_tonnes_are_thousands_of_kilograms(
    zone: str, opening: tuple[str, str], question: str, answer: str, kilograms: int
) -> None:
    got = values(
        request_for(
            [("agent", opening[0]), ("user", opening[1]), ("agent", question), ("user", answer)],
            zone=zone,
            fields=(WEIGHT,),
        )
    )  # fmt: skip

    assert got["weight_kg"] == kilograms
