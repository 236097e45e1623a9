"""When a follow-up is due: extracted dates, fallbacks, calling hours, across DST."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from actions.followup_timing import (
    CallingHours,
    callee_zone,
    due_from_value,
    into_calling_hours,
)

ISTANBUL = ZoneInfo("Europe/Istanbul")
NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 3, 10, 11, 10, tzinfo=ZoneInfo("UTC"))
CALL_END = datetime(2026, 3, 10, 14, 9, tzinfo=ISTANBUL)


def due(value: object, value_format: str = "date", zone: ZoneInfo = ISTANBUL):
    return due_from_value(
        value=value,
        use_field="follow_up_date",
        value_format=value_format,
        call_end=CALL_END,
        call_zone=zone,
        follow_up_time=time(10, 0),
        fallback_minutes=1440,
        now=NOW,
    )


def test_a_date_alone_is_due_at_the_agents_follow_up_time_in_the_calls_zone() -> None:
    result = due("2026-03-17")

    assert result.at == datetime(2026, 3, 17, 10, 0, tzinfo=ISTANBUL)
    assert result.reason == (
        "follow_up_date is 2026-03-17: no time of day was said, so 10:00 in Europe/Istanbul "
        "(the agent's follow-up time)"
    )


def test_a_date_time_is_due_as_given() -> None:
    result = due("2026-03-17T15:30:00+03:00", "date-time")

    assert result.at == datetime(2026, 3, 17, 15, 30, tzinfo=ISTANBUL)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (None, "follow_up_date is not set: 1440 minutes after the call ended"),
        ("someday", "follow_up_date 'someday' is not a date: 1440 minutes after the call ended"),
        (
            "2026-03-01",
            "follow_up_date 2026-03-01 is in the past: 1440 minutes after the call ended",
        ),
    ],
)
def test_missing_invalid_or_past_dates_fall_back_to_the_delay(value: object, reason: str) -> None:
    result = due(value)

    assert result.at == datetime(2026, 3, 11, 14, 9, tzinfo=ISTANBUL)
    assert result.reason == reason


def test_the_fallback_delay_is_exact_elapsed_time_across_a_dst_change() -> None:
    end = datetime(2026, 3, 7, 12, 0, tzinfo=NEW_YORK)  # Saturday, the day before DST starts

    result = due_from_value(
        value=None, use_field="d", value_format="date", call_end=end, call_zone=NEW_YORK,
        follow_up_time=time(10), fallback_minutes=1440, now=end,
    )  # fmt: skip

    assert result.at.astimezone(NEW_YORK).isoformat() == "2026-03-08T13:00:00-04:00"


@pytest.mark.parametrize(
    ("zone", "day", "expected"),
    [
        (NEW_YORK, "2026-03-08", "2026-03-08T10:00:00-04:00"),  # the day clocks go forward
        (NEW_YORK, "2026-11-01", "2026-11-01T10:00:00-05:00"),  # the day they go back
        (LONDON, "2026-03-29", "2026-03-29T10:00:00+01:00"),
        (LONDON, "2026-10-25", "2026-10-25T10:00:00+00:00"),
    ],
)
def test_follow_up_time_is_local_wall_time_on_dst_days(
    zone: ZoneInfo, day: str, expected: str
) -> None:
    result = due_from_value(
        value=day, use_field="d", value_format="date", call_end=CALL_END, call_zone=zone,
        follow_up_time=time(10), fallback_minutes=0, now=datetime(2026, 1, 1, tzinfo=zone),
    )  # fmt: skip

    assert result.at.isoformat() == expected


WEEKDAYS_9_TO_5_NY = CallingHours(
    days=frozenset(range(5)), start=time(9), end=time(17), zone=NEW_YORK
)


@pytest.mark.parametrize(
    ("due_at", "expected", "reason"),
    [
        # Inside: unchanged.
        (datetime(2026, 3, 10, 11, 0, tzinfo=NEW_YORK), "2026-03-10T11:00:00-04:00", ""),
        # Saturday morning before DST starts → Monday 09:00 after it.
        (datetime(2026, 3, 7, 9, 0, tzinfo=NEW_YORK), "2026-03-09T09:00:00-04:00",
         "moved from Sat 2026-03-07 09:00 EST to Mon 2026-03-09 09:00 EDT: outside calling hours"),
        # Friday evening → Monday morning.
        (datetime(2026, 10, 30, 18, 30, tzinfo=NEW_YORK), "2026-11-02T09:00:00-05:00",
         "moved from Fri 2026-10-30 18:30 EDT to Mon 2026-11-02 09:00 EST: outside calling hours"),
        # Early morning → 09:00 the same day.
        (datetime(2026, 3, 10, 6, 0, tzinfo=NEW_YORK), "2026-03-10T09:00:00-04:00",
         "moved from Tue 2026-03-10 06:00 EDT to Tue 2026-03-10 09:00 EDT: outside calling hours"),
        # Given in UTC: judged in the calling hours' zone.
        (datetime(2026, 3, 10, 22, 0, tzinfo=ZoneInfo("UTC")), "2026-03-11T09:00:00-04:00",
         "moved from Tue 2026-03-10 18:00 EDT to Wed 2026-03-11 09:00 EDT: outside calling hours"),
    ],
)  # fmt: skip
def test_calling_hours_move_a_due_time_to_the_next_opening(
    due_at: datetime, expected: str, reason: str
) -> None:
    result = into_calling_hours(due_at, WEEKDAYS_9_TO_5_NY)

    assert result.at.astimezone(NEW_YORK).isoformat() == expected
    assert result.reason == reason


def test_an_opening_inside_the_skipped_hour_moves_past_it() -> None:
    hours = CallingHours(days=frozenset(), start=time(2, 30), end=time(6), zone=NEW_YORK)

    result = into_calling_hours(datetime(2026, 3, 8, 1, 0, tzinfo=NEW_YORK), hours)

    assert result.at.isoformat() == "2026-03-08T03:30:00-04:00"


def test_the_callees_zone_comes_from_the_number() -> None:
    assert callee_zone("+14155550134", ISTANBUL) == ZoneInfo("America/Los_Angeles")
    assert callee_zone("+442071234567", ISTANBUL) == LONDON
    # The US as a whole spans many zones: the number alone cannot say, keep the default.
    assert callee_zone("+18005550134", ISTANBUL) == ISTANBUL
    assert callee_zone("not a number", ISTANBUL) == ISTANBUL


EVENINGS_NY = CallingHours(
    days=frozenset({0, 1, 2, 3, 4}), start=time(20), end=time(2), zone=NEW_YORK
)


@pytest.mark.parametrize(
    ("due_at", "expected"),
    [
        # Inside the window, before and after midnight: kept.
        (datetime(2026, 3, 10, 21, 0, tzinfo=NEW_YORK), "2026-03-10T21:00:00-04:00"),
        (datetime(2026, 3, 11, 1, 30, tzinfo=NEW_YORK), "2026-03-11T01:30:00-04:00"),
        # After it closed: tonight's opening.
        (datetime(2026, 3, 11, 2, 0, tzinfo=NEW_YORK), "2026-03-11T20:00:00-04:00"),
        # Saturday 01:00 belongs to Friday's window, which is a calling day.
        (datetime(2026, 3, 14, 1, 0, tzinfo=NEW_YORK), "2026-03-14T01:00:00-04:00"),
        # Sunday 01:00 would be Saturday's window: not a calling day, so Monday evening.
        (datetime(2026, 3, 15, 1, 0, tzinfo=NEW_YORK), "2026-03-16T20:00:00-04:00"),
    ],
)
def test_calling_hours_may_run_past_midnight(due_at: datetime, expected: str) -> None:
    assert into_calling_hours(due_at, EVENINGS_NY).at.isoformat() == expected
