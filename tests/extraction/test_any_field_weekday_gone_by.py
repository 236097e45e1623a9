"""A date of death is a day gone by, and a weekday said on that same weekday is the week
before: a death "on Saturday" told on a Saturday was not today, which would be "today"."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

DIED = FieldSpec("date_of_death", "string", "Date the person died, ISO 8601 date", format="date")


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("she died on saturday at the hospital", "2026-04-18"),
        ("saturday, at home", "2026-04-18"),
        ("he died on thursday", "2026-04-23"),
        ("she died yesterday", "2026-04-24"),
    ],
)
def test_the_weekday_of_the_call_is_last_weeks(said: str, expected: str) -> None:
    request = request_for(
        [("agent", "i'm so sorry, and the date of death?"), ("user", said)],
        start="2026-04-25T10:00:00",  # a Saturday
        zone="America/New_York",
        fields=(DIED,),
    )

    assert values(request) == {"date_of_death": expected}
