"""When a follow-up call is due: from the extracted date, or a fallback delay, moved into
the agent's calling hours. Pure functions on aware datetimes; correct across DST.

A date field's value is a day; the run keeps beside it the time of day the customer
asked for (`ExtractionRun.times`, "15:00"). A follow-up on a date is booked at that time
in the call's zone, or at the agent's follow-up time when only a day was said, and the
reason says which.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import phonenumbers
from phonenumbers import timezone as phone_timezones

from extraction.timezones import local_datetime, local_text

ASKED_FOR = "the time the customer asked for"


@dataclass(frozen=True)
class Due:
    at: datetime
    reason: str


@dataclass(frozen=True)
class CallingHours:
    days: frozenset[int]  # 0 = Monday; empty = every day
    start: time | None
    end: time | None
    zone: ZoneInfo

    def allows_day(self, day: date) -> bool:
        return not self.days or day.weekday() in self.days

    @property
    def overnight(self) -> bool:
        """A window like 20:00 to 02:00 closes on the day after it opens."""
        return self.start is not None and self.end is not None and self.end <= self.start

    def window(self, day: date) -> tuple[datetime, datetime]:
        """The window that opens on `day` (a calling day), as aware datetimes."""
        opens = local_datetime(day, self.start or time(0, 0), self.zone)
        closing_day = day + timedelta(days=1) if self.overnight or self.end is None else day
        closes = local_datetime(closing_day, self.end or time(0, 0), self.zone)
        return opens, closes


def due_from_value(
    *,
    value: object,
    use_field: str,
    value_format: str,
    call_end: datetime,
    call_zone: ZoneInfo,
    follow_up_time: time,
    fallback_minutes: int,
    now: datetime,
    stated_time: str = "",
    time_source: str = ASKED_FOR,
) -> Due:
    """Due time from the extracted value, else `fallback_minutes` after the call ended.

    `stated_time` is the time of day ("15:00") the call states for a date value;
    `time_source` says where it came from.
    """
    # Minutes are elapsed time: across a DST change the wall clock moves by an hour more
    # or less.
    fallback = Due(
        call_end.astimezone(UTC) + timedelta(minutes=fallback_minutes),
        f"{fallback_minutes} minutes after the call ended",
    )
    if not use_field:
        return fallback
    if value in (None, ""):
        return Due(fallback.at, f"{use_field} is not set: {fallback.reason}")
    parsed = _parse(
        value, value_format, call_zone, follow_up_time, _clock(stated_time), time_source
    )
    if parsed is None:
        return Due(fallback.at, f"{use_field} {value!r} is not a date: {fallback.reason}")
    if parsed.at <= now:
        return Due(fallback.at, f"{use_field} {value} is in the past: {fallback.reason}")
    return Due(parsed.at, f"{use_field} is {value}{parsed.reason}")


def _clock(stated: str) -> time | None:
    try:
        return time.fromisoformat(stated) if stated else None
    except ValueError:
        return None


def _parse(
    value: object,
    value_format: str,
    zone: ZoneInfo,
    follow_up_time: time,
    stated: time | None,
    time_source: str,
) -> Due | None:
    if not isinstance(value, str):
        return None
    try:
        if value_format == "date" or len(value) == 10:
            day = date.fromisoformat(value)
            if stated is not None:
                at = local_datetime(day, stated, zone)
                return Due(at, f" at {stated:%H:%M} in {zone.key}, {time_source}")
            at = local_datetime(day, follow_up_time, zone)
            return Due(
                at,
                f": no time of day was said, so {follow_up_time:%H:%M} in {zone.key} "
                "(the agent's follow-up time)",
            )
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = local_datetime(moment.date(), moment.time(), zone)
    return Due(moment, "")


def callee_zone(number: str, default: ZoneInfo) -> ZoneInfo:
    """The callee's time zone from the number, when the number has only one."""
    try:
        parsed = phonenumbers.parse(number if number.startswith("+") else f"+{number}", None)
    except phonenumbers.NumberParseException:
        return default
    zones = [zone for zone in phone_timezones.time_zones_for_number(parsed) if "/" in zone]
    return ZoneInfo(zones[0]) if len(zones) == 1 else default


def into_calling_hours(due: datetime, hours: CallingHours) -> Due:
    """Move `due` to the next moment inside calling hours; say so when it moved."""
    local = due.astimezone(hours.zone)
    # From the day before: an overnight window opened yesterday may still be open.
    for offset in range(-1, 8):
        day = local.date() + timedelta(days=offset)
        if not hours.allows_day(day):
            continue
        opens, closes = hours.window(day)
        if local < closes:
            moved = max(local, opens)
            if moved == local:
                return Due(due, "")
            return Due(
                moved,
                f"moved from {local_text(local)} to {local_text(moved)}: outside calling hours",
            )
    return Due(due, "no calling hours open in the coming week: kept as booked")


def calling_hours_for(
    *,
    days: Collection[int],
    start: time | None,
    end: time | None,
    zone: ZoneInfo,
) -> CallingHours | None:
    if not days and start is None and end is None:
        return None
    return CallingHours(days=frozenset(days), start=start, end=end, zone=zone)
