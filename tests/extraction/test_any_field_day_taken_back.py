"""A day a customer takes back ("thursday no wait friday") is not the field's, even where
the words of the field are said with it."""

from __future__ import annotations

from tests.extraction.conftest import request_for
from tests.extraction.test_any_field_span_end_after_its_start import DROP_OFF, PICK_UP
from tests.extraction.test_offline import values


def test_the_drop_off_day_said_after_taking_one_back() -> None:
    said = values(
        request_for(
            [
                ("agent", "spoke and chain workshop how can i help"),
                ("user", "the back wheel is out of true"),
                ("agent", "okay when would you bring it by"),
                ("user", "um can i bring it thursday no wait friday"),
                ("agent", "and when do you need it back"),
                ("user", "by sunday i guess"),
            ],
            start="2026-04-28T11:00:00",  # a Tuesday
            zone="America/New_York",
            fields=(DROP_OFF, PICK_UP),
        )
    )

    assert said == {"dropoff_date": "2026-05-01", "pickup_date": "2026-05-03"}
