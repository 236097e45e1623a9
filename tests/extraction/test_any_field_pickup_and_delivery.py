"""A pick-up day and a delivery deadline asked for in German or Spanish go to
the fields whose English descriptions name them ("ready to be collected", "must arrive"),
and "when shall we call you back" answers neither."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

PICKUP = FieldSpec(
    "pickup_date",
    "string",
    "Date the goods are ready to be collected, ISO 8601 date",
    format="date",
)
DELIVER = FieldSpec(
    "deliver_by",
    "string",
    "Latest date the goods must arrive at the destination, ISO 8601 date",
    format="date",
)


@pytest.mark.parametrize(
    ("zone", "lines", "pickup", "deliver"),
    [
        (
            "Europe/Vienna",
            [
                ("agent", "Guten Tag, Nordfracht Angebote, was dürfen wir transportieren?"),
                ("user", "Grüß Gott, zwölf Paletten Fliesen nach Mailand."),
                ("agent", "Wann können wir die Ware abholen?"),
                ("user", "Ab dem 2. November."),
                ("agent", "Und bis wann muss sie geliefert sein?"),
                ("user", "Bis zum 16. November."),
            ],
            "2026-11-02",
            "2026-11-16",
        ),
        (
            "Europe/Madrid",
            [
                ("agent", "transportes del norte buenas tardes qué necesita transportar"),
                ("user", "hola buenas tengo veinte palés de aceite para lyon"),
                ("agent", "cuándo podemos recoger la mercancía"),
                ("user", "el lunes dos de noviembre"),
                ("agent", "y la fecha de entrega"),
                ("user", "el miércoles cuatro"),
            ],
            "2026-11-02",
            "2026-11-04",
        ),
    ],
)
def test_pickup_and_delivery_in_each_language(
    zone: str, lines: list[tuple[str, str]], pickup: str, deliver: str
) -> None:
    got = values(
        request_for(lines, start="2026-10-27T10:00:00", zone=zone, fields=(PICKUP, DELIVER))
    )

    assert (got["pickup_date"], got["deliver_by"]) == (pickup, deliver)
