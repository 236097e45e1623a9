"""A rental or a stay said as a span ("from tomorrow at noon till friday") names two days:
the first is the start's, the one after "till", "até", "hasta" or "bis" the end's, when the
config has a field for the end (`return_date`, "Day the car comes back")."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

PICKUP = FieldSpec(
    "pickup_at",
    "string",
    "Date and time they collect the car at the desk, ISO 8601 date-time, local time",
    format="date-time",
)
RETURN = FieldSpec(
    "return_date", "string", "Day the car comes back to us, ISO 8601 date", format="date"
)
FOLLOW_UP = FieldSpec(
    "follow_up_date", "string", "Follow-up date in ISO 8601 format", format="date"
)


@pytest.mark.parametrize(
    ("greeting", "answer", "pickup", "back"),
    [
        ("atlantico rent a car how can i help",
         "i need the cheapest car you got from tomorrow at noon till friday",
         "2026-07-21T12:00:00+01:00", "2026-07-24"),
        ("atlantico rent a car good morning",
         "morning we need a car from wednesday at ten am to sunday",
         "2026-07-22T10:00:00+01:00", "2026-07-26"),
        ("atlântico rent-a-car boa noite",
         "eu queria alugar um carro a partir de amanhã às sete da manhã até o dia vinte e cinco",
         "2026-07-21T07:00:00+01:00", "2026-07-25"),
        ("Atlântico Rent-a-Car, guten Abend.",
         "Ich brauche einen Wagen ab morgen um acht Uhr bis Freitag.",
         "2026-07-21T08:00:00+01:00", "2026-07-24"),
    ],
)  # fmt: skip
def test_the_day_after_till_is_the_return(
    greeting: str, answer: str, pickup: str, back: str
) -> None:
    got = values(
        request_for(
            [("agent", greeting), ("user", answer)],
            start="2026-07-20T22:00:00",
            zone="Europe/Lisbon",
            fields=(PICKUP, RETURN),
        )
    )

    assert (got["pickup_at"], got["return_date"]) == (pickup, back)


def test_away_till_a_day_is_no_span_without_a_field_for_the_end() -> None:
    got = values(
        request_for(
            [
                ("agent", "i'll send a quote and give you a buzz on saturday"),
                ("user", "saturday's no good i'm away till sunday night call me monday"),
            ],
            start="2026-02-26T19:30:00",
            zone="Australia/Perth",
            fields=(FOLLOW_UP,),
        )
    )

    assert got["follow_up_date"] == "2026-03-02"
