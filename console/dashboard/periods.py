"""The period a dashboard covers, in the agent's time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

PRESETS = {"24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days"}
DEFAULT_PRESET = "7d"
MAX_CUSTOM_DAYS = 366


@dataclass(frozen=True)
class Period:
    """From `start` (included) to `end` (excluded), both aware; `zone` decides the days."""

    start: datetime
    end: datetime
    zone: ZoneInfo
    label: str

    def days(self) -> list[date]:
        """The local dates the period touches, in order."""
        first = self.start.astimezone(self.zone).date()
        last = (self.end - timedelta(microseconds=1)).astimezone(self.zone).date()
        return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)


def period_between(*, first: date, last: date, zone: ZoneInfo) -> Period:
    """Whole local days from `first` to `last`, both included."""
    return Period(
        start=local_midnight(first, zone),
        end=local_midnight(last + timedelta(days=1), zone),
        zone=zone,
        label=f"{first:%d %b %Y} to {last:%d %b %Y}",
    )


def period_preset(*, preset: str, zone: ZoneInfo, now: datetime) -> Period:
    """A rolling 24 hours, or the last 7 or 30 local days with today included."""
    if preset == "24h":
        return Period(start=now - timedelta(hours=24), end=now, zone=zone, label=PRESETS[preset])
    days = {"7d": 7, "30d": 30}[preset]
    today = now.astimezone(zone).date()
    between = period_between(first=today - timedelta(days=days - 1), last=today, zone=zone)
    return Period(
        start=between.start,
        end=between.end,
        zone=zone,
        label=f"{PRESETS[preset]} ({between.label})",
    )
