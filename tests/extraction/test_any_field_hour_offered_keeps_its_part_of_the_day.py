"""An hour the customer takes from the agent's offer keeps the part of the day the agent
said: "a trial lesson thursday at 7 in the evening?" — "thursday at 7 is fine" is 19:00,
not 07:00."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

TRIAL = FieldSpec("trial_lesson_at", "string", "Trial lesson booked", format="date-time")


@pytest.mark.parametrize(
    ("zone", "offer", "taken", "expected"),
    [
        ("Europe/London", "shall we do the trial lesson thursday at 7 in the evening",
         "yes thursday at 7 is fine", "2026-03-12T19:00:00+00:00"),
        ("Asia/Kolkata", "Pehli class kal shaam 7 baje rakh dein?", "Haan, kal 7 baje theek hai.",
         "2026-03-11T19:00:00+05:30"),
    ],
)  # fmt: skip
def test_the_hour_offered_and_taken(zone: str, offer: str, taken: str, expected: str) -> None:
    said = values(
        request_for(
            [("agent", offer), ("user", taken)],
            start="2026-03-10T11:00:00",  # a Tuesday
            zone=zone,
            fields=(TRIAL,),
        )
    )

    assert said == {"trial_lesson_at": expected}
