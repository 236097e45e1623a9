"""Words every call says do not make a place of a field: "good morning" does not speak of
the goods, and "we'll call you back" does not ask when the goods can be picked up."""

from __future__ import annotations

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

PICKUP = FieldSpec(
    "pickup_date",
    "string",
    "Date the goods are ready to be collected, ISO 8601 date",
    format="date",
)
VALUE = FieldSpec("cargo_value", "number", "Declared value of the goods in dollars")
CALLBACK = FieldSpec(
    "callback_at", "string", "When to call back, ISO 8601 date-time", format="date-time"
)


def test_a_greeting_does_not_speak_of_the_goods() -> None:
    got = values(
        request_for(
            [
                ("agent", "Good afternoon, Harbour Freight quotes, how can I help?"),
                ("user", "Good afternoon. Is this flat 42? I think I have the wrong number."),
                ("agent", "This is Harbour Freight. Sorry about that."),
                ("user", "No problem, good day."),
            ],
            zone="America/New_York",
            fields=(PICKUP, VALUE),
        )
    )

    assert got == {"pickup_date": None, "cargo_value": None}


def test_calling_back_is_not_picking_up() -> None:
    got = values(
        request_for(
            [
                ("agent", "harbour freight quotes what are you shipping"),
                ("user", "a container of tile to charlotte not sure when it's released yet"),
                ("agent", "okay when should we call you back"),
                ("user", "tomorrow at like one thirty"),
            ],
            start="2026-04-29T10:00:00",
            zone="America/New_York",
            fields=(PICKUP, CALLBACK),
        )
    )

    assert got["pickup_date"] is None
    assert got["callback_at"] == "2026-04-30T13:30:00-04:00"
