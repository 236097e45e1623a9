from django.core.exceptions import ValidationError

from extraction.timezones import known_timezones


def validate_timezone(value: str) -> None:
    if value not in known_timezones():
        raise ValidationError(f"{value!r} is not an IANA time zone (e.g. Europe/Istanbul).")
