"""The time-zone helper: which IANA zones exist, and wall-clock times in one of them."""

from datetime import UTC, date, datetime, time, tzinfo
from functools import cache
from zoneinfo import available_timezones


@cache
def known_timezones() -> frozenset[str]:
    return frozenset(available_timezones())


def local_datetime(day: date, at: time, zone: tzinfo) -> datetime:
    """The moment a wall clock in `zone` shows `at` on `day`.

    A time that does not exist (the hour skipped when clocks go forward) moves forward
    by the gap; a time that happens twice (clocks going back) is the first.
    """
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=zone, fold=0)
    round_trip = aware.astimezone(UTC).astimezone(zone)
    return round_trip if round_trip.replace(tzinfo=None) != naive else aware


DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def local_text(moment: datetime, zone: tzinfo | None = None) -> str:
    """A moment as a person reads it: the wall clock in `zone` (the moment's own when
    omitted) with the weekday and the zone's name or offset, "Tue 2026-03-10 14:05 +03"."""
    local = moment.astimezone(zone) if zone is not None else moment
    return f"{DAY_NAMES[local.weekday()]} {local:%Y-%m-%d %H:%M} {local.tzname()}"
