# ruff: noqa: RUF001, RUF002 - Turkish words are written with a dotless i
""" "Tomorrow" turned down in the same breath gives way to the day chosen ("yarın değil
pazartesi", "tomorrow's no good"), as a weekday does; "have a good weekend" is a farewell,
not a day."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from extraction.languages import fold
from extraction.normalizers import spoken_date

FRIDAY_EVENING = datetime(2026, 6, 26, 21, 10, tzinfo=ZoneInfo("Europe/Istanbul"))


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("yarın değil pazartesi sabah on bir gibi", "2026-06-29"),
        ("tomorrow's no good monday then", "2026-06-29"),
        ("tomorrow works", "2026-06-27"),
        ("perfect someone will call you monday at ten have a good weekend", "2026-06-29"),
        ("we could do the weekend", "2026-06-27"),
    ],
)
def test_the_day_meant(said: str, day: str) -> None:
    assert str(spoken_date(fold(said), FRIDAY_EVENING)) == day
