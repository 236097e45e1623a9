from functools import cache
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError


@cache
def known_timezones() -> frozenset[str]:
    return frozenset(available_timezones())


def validate_timezone(value: str) -> None:
    if value not in known_timezones():
        raise ValidationError(f"{value!r} is not an IANA time zone (e.g. Europe/Istanbul).")
