"""The end of a span named by its weekday alone ("the friday after") is that weekday on or
after the span's start, not the first one after the call's day; a day said with its date
stays as said."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

DROP_OFF = FieldSpec("dropoff_date", "string", "Day the customer brings the bike in", format="date")
PICK_UP = FieldSpec(
    "pickup_date",
    "string",
    "Day the customer collects the bike, or needs it back by",
    format="date",
)
THURSDAY = "2026-05-21T11:00:00"


@pytest.mark.parametrize(
    ("pick_up", "expected"),
    [("the friday after", "2026-05-29"), ("let's say friday", "2026-05-29"),
     ("friday the 22nd if you can", "2026-05-22")],
)  # fmt: skip
def test_the_pick_up_follows_the_drop_off(pick_up: str, expected: str) -> None:
    said = values(
        request_for(
            [
                ("agent", "spoke and chain workshop how can i help"),
                ("user", "my gears are skipping can i bring the bike in"),
                ("agent", "sure when can you drop it off"),
                ("user", "next tuesday"),
                ("agent", "and when do you need it back"),
                ("user", pick_up),
            ],
            start=THURSDAY,
            zone="America/Chicago",
            fields=(DROP_OFF, PICK_UP),
        )
    )

    assert said == {"dropoff_date": "2026-05-26", "pickup_date": expected}
