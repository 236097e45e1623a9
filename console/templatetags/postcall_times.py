"""Template filters that show a time the way every admin page does: in a named zone."""

from __future__ import annotations

from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

from django import template

from console.analysis import extractor_label
from extraction.timezones import local_text

register = template.Library()


@register.filter
def in_zone(moment: datetime | None, zone: str | tzinfo) -> str:
    """`{{ run.created_at|in_zone:call.timezone }}` → "Tue 2026-03-10 14:05 +03"."""
    if moment is None:
        return ""
    return local_text(moment, ZoneInfo(zone) if isinstance(zone, str) else zone)


@register.filter
def extractor(run: object) -> str:
    """The extractor a run used, each word once ("offline", "openai gpt-4o-mini")."""
    return extractor_label(getattr(run, "backend", ""), getattr(run, "model", ""))
