"""A day agreed to with "that works" or "monday works" is the booking's, not the day of a
field about the work ("the date the client needs the work finished by")."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

FINISH_BY = FieldSpec(
    "finish_by",
    "string",
    "Date the client needs the work finished by (a party, a sale, family visiting)",
    format="date",
)


@pytest.mark.parametrize("agreed", ["That works.", "Tuesday works for me.", "10 am works."])
def test_the_deadline_not_the_estimate_agreed(agreed: str) -> None:
    said = values(
        request_for(
            [
                ("agent", "What are you hoping to get done?"),
                ("user", "A new kitchen. My parents are visiting on May 2nd, so it has to be "
                 "done by then."),
                ("agent", "I can book an estimate for Tuesday, March 17 at 10:00 AM."),
                ("user", agreed),
            ],
            start="2026-03-13T14:45:00",
            zone="America/New_York",
            fields=(FINISH_BY,),
        )
    )  # fmt: skip

    assert said == {"finish_by": "2026-05-02"}
