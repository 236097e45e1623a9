"""A day of the month written with its ordinal point before the month ("am 18. Dezember")
is one date, not the 18th of this month and a sentence that says "Dezember"."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

EVENT = FieldSpec("event_date", "string", "Date of the event, ISO 8601 date", format="date")


@pytest.mark.parametrize(
    ("question", "answer", "day"),
    [
        ("Welches Datum hat die Feier?", "Am 18. Dezember, abends.", "2026-12-18"),
        ("Und das Datum?", "Das ist der 3. Januar.", "2027-01-03"),
    ],
)
def test_a_day_with_its_ordinal_point(question: str, answer: str, day: str) -> None:
    got = values(
        request_for(
            [
                ("agent", "Partyservice Sonne, guten Tag, was kann ich für Sie tun?"),
                ("user", "Guten Tag, ich möchte ein Buffet für eine Feier bestellen."),
                ("agent", question),
                ("user", answer),
            ],
            start="2026-11-10T10:00:00",
            zone="Europe/Berlin",
            fields=(EVENT,),
        )
    )

    assert got["event_date"] == day
