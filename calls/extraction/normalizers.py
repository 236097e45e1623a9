"""Turn what came back for a field into the value its type and format ask for.

Each normaliser returns the normalised value or raises NormalizationError saying what
came back and why it does not fit. Dates and times are resolved against `reference`:
the call's start, as an aware datetime in the call's own time zone.

Rules for spoken dates (documented in docs/extraction.md):
- a weekday ("Tuesday", "next Tuesday") is the first such day after the call's day;
  "this Friday" on a Friday is that day; "Tuesday next week" is the Tuesday of next week;
- "the 5th" is the next 5th on or after the call's day; a month and day without a year
  that has passed this year is next year's;
- "next week" is next Monday; "next month" the 1st of next month; "end of the month"
  its last day;
- numeric dates are month-first (3/17) in zones of the Americas, day-first elsewhere,
  unless one part is over 12;
- an hour from 1 to 7 without am/pm is afternoon; morning is 09:00, afternoon 14:00,
  evening 18:00, tonight 20:00;
- a local time that does not exist (clocks going forward) moves forward by the gap; one
  that happens twice (clocks going back) is the first.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from calls.extraction.spoken import DIGIT_WORDS, parse_ordinal, parse_spoken_number, spoken_digits
from calls.extraction.types import FieldSpec

NULL_WORDS = {"", "null", "none", "n/a", "na", "unknown", "not mentioned", "not stated",
              "not provided", "not given", "-"}  # fmt: skip
TRUE_WORDS = {"true", "yes", "y", "yeah", "yep", "yup", "sure", "correct", "absolutely",
              "definitely", "of course", "please do", "ok", "okay", "1"}  # fmt: skip
FALSE_WORDS = {"false", "no", "n", "nope", "nah", "not really", "no thanks", "never",
               "negative", "0"}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {name.casefold(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.casefold(): n for n, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
PARTS_OF_DAY = {"morning": time(9), "afternoon": time(14), "evening": time(18),
                "tonight": time(20), "night": time(20), "noon": time(12), "midday": time(12),
                "lunchtime": time(12), "midnight": time(0)}  # fmt: skip
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))
NUMBER_WORDS = (
    r"(?:\d+|a couple(?: of)?|a few|a|an|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|eleven|twelve|couple(?: of)?|few)"
)
CORRECTION = re.compile(
    r"\b(?:no,? sorry|sorry|i mean|actually|correction|no wait|wait|make that|scratch that|"
    r"rather|oops)\b",
    re.IGNORECASE,
)
PARTIAL_CORRECTION = re.compile(
    r"(?:that's|that is|it's|it is)\s+([\w\s-]+?)\s+not\s+([\w\s-]+?)(?:[.,!]|$)", re.IGNORECASE
)
EMAIL = re.compile(r"^[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$")


class NormalizationError(ValueError):
    pass


def is_null(raw: Any, spec: FieldSpec | None = None) -> bool:
    if raw is None:
        return True
    if not isinstance(raw, str):
        return False
    folded = raw.strip().casefold()
    if spec is not None and spec.type == "enum" and folded in (c.casefold() for c in spec.choices):
        return False
    return folded in NULL_WORDS


def _text(raw: Any) -> str:
    return raw.strip() if isinstance(raw, str) else str(raw)


# Enum, boolean, number, email


def normalize_enum(raw: Any, choices: tuple[str, ...] | list[str]) -> str:
    folded = _text(raw).strip(" .!?\"'").casefold()
    for choice in choices:
        if choice.casefold() == folded:
            return choice
    raise NormalizationError(f"{raw!r} is not one of {', '.join(choices)}")


def normalize_boolean(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    folded = re.sub(r"[^\w\s']", "", _text(raw).casefold()).strip()
    if folded in TRUE_WORDS or folded.split(" ")[0] in {"yes", "yeah", "yep", "sure", "true"}:
        return True
    if folded in FALSE_WORDS or folded.split(" ")[0] in {"no", "nope", "nah", "false"}:
        return False
    raise NormalizationError(f"{raw!r} is not yes or no")


def normalize_number(raw: Any) -> int | float:
    if isinstance(raw, bool):
        raise NormalizationError(f"{raw!r} is a boolean, not a number")
    if isinstance(raw, int | float):
        return raw
    text = _text(raw).replace("$", "").replace("€", "").replace("£", "").rstrip("%").strip()
    if re.fullmatch(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?", text):
        number = float(text.replace(",", ""))
        return int(number) if number.is_integer() and "." not in text else number
    spoken = parse_spoken_number(text)
    if spoken is None:
        raise NormalizationError(f"{raw!r} is not a number")
    return spoken


def normalize_email(raw: Any) -> str:
    text = f" {_text(raw).casefold()} "
    text = re.sub(r"\s+at\s+", "@", text)
    text = re.sub(r"\s+dot\s+", ".", text)
    text = text.replace(" ", "").strip(".")
    if not EMAIL.match(text):
        raise NormalizationError(f"{raw!r} is not an email address")
    return text


# Phone numbers


def normalize_phone(raw: Any) -> str:
    """Digits only, a country code kept when given; the last correction wins."""
    text = _text(raw)
    partial = list(PARTIAL_CORRECTION.finditer(text))
    if partial:
        right, wrong = spoken_digits(partial[-1].group(1)), spoken_digits(partial[-1].group(2))
        digits = spoken_digits(text[: partial[-1].start()])
        if wrong and right and wrong in digits:
            at = digits.rindex(wrong)
            digits = digits[:at] + right + digits[at + len(wrong) :]
            return _checked_phone(raw, digits)
    corrections = list(CORRECTION.finditer(text))
    if corrections:
        after = spoken_digits(text[corrections[-1].end() :])
        before = spoken_digits(text[: corrections[-1].start()])
        if len(after) >= 7:
            return _checked_phone(raw, after)
        if after and len(before) >= len(after):
            # "555 1234, sorry, 1243": the correction replaces the end of the number.
            return _checked_phone(raw, before[: len(before) - len(after)] + after)
    return _checked_phone(raw, spoken_digits(text))


def _checked_phone(raw: Any, digits: str) -> str:
    if not 7 <= len(digits) <= 15:
        raise NormalizationError(f"{raw!r} has {len(digits)} digits; a phone number has 7 to 15")
    return digits


# Dates and times


def local_datetime(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The moment a wall clock in `zone` shows `at` on `day`.

    A time that does not exist (the hour skipped when clocks go forward) moves forward
    by the gap; a time that happens twice (clocks going back) is the first.
    """
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=zone, fold=0)
    round_trip = aware.astimezone(UTC).astimezone(zone)
    return round_trip if round_trip.replace(tzinfo=None) != naive else aware


def _zone(reference: datetime) -> ZoneInfo:
    zone = reference.tzinfo
    return zone if isinstance(zone, ZoneInfo) else ZoneInfo("UTC")


def _iso_moment(text: str, zone: ZoneInfo) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return local_datetime(moment.date(), moment.time(), zone)
    return moment.astimezone(zone)


def normalize_date(raw: Any, *, reference: datetime) -> str:
    text = _text(raw)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError as error:
            raise NormalizationError(f"{raw!r} is not a real date") from error
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ].+", text):
        moment = _iso_moment(text, _zone(reference))
        if moment is not None:
            return moment.date().isoformat()
    day = spoken_date(text, reference)
    if day is None:
        raise NormalizationError(f"{raw!r} is not a date")
    return day.isoformat()


def normalize_datetime(raw: Any, *, reference: datetime) -> str:
    text = _text(raw)
    zone = _zone(reference)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ].+", text):
        moment = _iso_moment(text, zone)
        if moment is None:
            raise NormalizationError(f"{raw!r} is not an ISO 8601 date-time")
        return moment.isoformat()
    day = spoken_date(text, reference)
    at = spoken_time(text)
    if day is None and at is None:
        raise NormalizationError(f"{raw!r} is not a date and time")
    if at is None:
        raise NormalizationError(f"{raw!r} has a date but no time of day")
    if day is None:
        today = reference.date()
        day = today if local_datetime(today, at, zone) > reference else today + timedelta(days=1)
    return local_datetime(day, at, zone).isoformat()


def _clean(text: str) -> str:
    text = text.casefold().replace("-", " ")
    text = re.sub(r"[^\w\s/:.]", " ", text)
    return " ".join(text.split())


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    if word in ("a", "an", "one"):
        return 1
    if "couple" in word:
        return 2
    if "few" in word:
        return 3
    return parse_spoken_number(word)


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def spoken_date(text: str, reference: datetime) -> date | None:
    """The calendar day a phrase names, seen from the call's local day; None if none."""
    clean, today = _clean(text), reference.date()
    for rule in (_offset, _relative_day, _week_or_month, _weekday, _named_date, _numeric_date,
                 _ordinal_day):  # fmt: skip
        day = rule(clean, today, reference)
        if day is not None:
            return day
    return None


def _relative_day(clean: str, today: date, reference: datetime) -> date | None:
    if "day after tomorrow" in clean:
        return today + timedelta(days=2)
    if re.search(r"\btomorrow\b", clean):
        return today + timedelta(days=1)
    if re.search(r"\b(today|tonight|this (morning|afternoon|evening))\b", clean):
        return today
    return None


def _offset(clean: str, today: date, reference: datetime) -> date | None:
    match = re.search(
        rf"\b(?:in|within|after)\s+({NUMBER_WORDS})\s+(day|week|month|fortnight)s?\b", clean
    ) or re.search(rf"\b({NUMBER_WORDS})\s+(day|week|month)s?\s+from\s+(?:today|now)\b", clean)
    if match is None:
        return None
    count, unit = _count(match.group(1)), match.group(2)
    if count is None:
        return None
    if unit == "month":
        return _add_months(today, count)
    days = {"day": 1, "week": 7, "fortnight": 14}[unit]
    return today + timedelta(days=count * days)


def _week_or_month(clean: str, today: date, reference: datetime) -> date | None:
    if re.search(r"\bend of (?:the |this )?month\b", clean):
        return _month_end(today)
    if re.search(r"\bend of next month\b", clean):
        return _month_end(_add_months(today.replace(day=1), 1))
    if re.search(r"\bnext month\b", clean) and not re.search(
        MONTH_PATTERN, clean.replace("month", "")
    ):
        return _add_months(today.replace(day=1), 1)
    weekday_named = any(name in clean for name in WEEKDAYS)
    if re.search(r"\bnext week\b", clean) and not weekday_named:
        return today + timedelta(days=7 - today.weekday())
    if re.search(r"\bend of (?:the |this )?week\b", clean):
        friday = today + timedelta(days=(4 - today.weekday()) % 7)
        return friday
    return None


def _weekday(clean: str, today: date, reference: datetime) -> date | None:
    names = "|".join(WEEKDAYS)
    match = re.search(rf"\b(next|this|coming|on)?\s*(?:week\s+)?({names})\b(\s+next week)?", clean)
    if match is None:
        return None
    target = WEEKDAYS.index(match.group(2))
    ahead = (target - today.weekday()) % 7
    if match.group(3) or re.search(rf"\bnext week\s+(?:on\s+)?{match.group(2)}", clean):
        monday_next_week = today + timedelta(days=7 - today.weekday())
        return monday_next_week + timedelta(days=target)
    if ahead == 0 and match.group(1) != "this":
        ahead = 7
    return today + timedelta(days=ahead)


def _named_date(clean: str, today: date, reference: datetime) -> date | None:
    day_part = r"(\d{1,2})(?:st|nd|rd|th)?|((?:twenty |thirty )?[a-z]+(?:st|nd|rd|th))"
    match = re.search(
        rf"\b({MONTH_PATTERN})\.?\s+(?:the\s+)?(?:{day_part})(?:\s*,?\s*(\d{{4}}))?\b", clean
    )
    if match:
        month, day_text, year = match.group(1), match.group(2) or match.group(3), match.group(4)
    else:
        match = re.search(
            rf"\b(?:the\s+)?(?:{day_part})\s+(?:of\s+)?({MONTH_PATTERN})\b(?:\s*,?\s*(\d{{4}}))?",
            clean,
        )
        if match is None:
            return None
        day_text, month, year = match.group(1) or match.group(2), match.group(3), match.group(4)
    day_number = parse_ordinal(day_text)
    if day_number is None:
        return None
    return _calendar_day(int(year) if year else None, MONTHS[month], day_number, today)


def _calendar_day(year: int | None, month: int, day: int, today: date) -> date | None:
    try:
        candidate = date(year or today.year, month, day)
    except ValueError:
        return None
    if year is None and candidate < today:
        try:
            candidate = date(today.year + 1, month, day)
        except ValueError:
            return None
    return candidate


def _numeric_date(clean: str, today: date, reference: datetime) -> date | None:
    match = re.search(r"\b(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?\b", clean)
    if match is None:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    year = match.group(3)
    year_number = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
    month_first = _zone(reference).key.startswith("America/")
    if first > 12:
        month_first = False
    elif second > 12:
        month_first = True
    month, day = (first, second) if month_first else (second, first)
    return _calendar_day(year_number, month, day, today)


def _ordinal_day(clean: str, today: date, reference: datetime) -> date | None:
    match = re.search(
        r"\b(?:the\s+)((?:twenty |thirty )?[a-z]+(?:st|nd|rd|th)|\d{1,2}(?:st|nd|rd|th)?)\b",
        clean,
    ) or re.search(r"\b(\d{1,2}(?:st|nd|rd|th))\b", clean)
    if match is None:
        return None
    day_number = parse_ordinal(match.group(1))
    if day_number is None or not 1 <= day_number <= 31:
        return None
    month_start = today.replace(day=1)
    for months_ahead in range(3):
        month = _add_months(month_start, months_ahead)
        if day_number <= calendar.monthrange(month.year, month.month)[1]:
            candidate = month.replace(day=day_number)
            if candidate >= today:
                return candidate
    return None


def spoken_time(text: str) -> time | None:
    """The time of day a phrase names ("half past three", "10am", "noon"); None if none."""
    clean = _clean(text)
    for rule in (_clock_time, _spoken_clock, _part_of_day):
        at = rule(clean)
        if at is not None:
            return at
    return None


def _hour_with_meridiem(hour: int, meridiem: str | None) -> int | None:
    if not 0 <= hour <= 23:
        return None
    if meridiem:
        if hour > 12:
            return None
        return hour % 12 + (12 if meridiem.startswith("p") else 0)
    # Business calls: "at three" means 15:00, not 03:00.
    return hour + 12 if 1 <= hour <= 7 else hour


def _clock_time(clean: str) -> time | None:
    match = re.search(
        r"\b(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?=\s|$)", clean
    ) or re.search(r"\b(?:at\s+)?(\d{1,2}):(\d{2})\b()", clean)
    if match is None:
        match = re.search(r"\bat\s+(\d{1,2})()()(?:\s+o\s*clock)?\b(?!\s*(?:st|nd|rd|th|/))", clean)
        if match is None:
            return None
    hour = _hour_with_meridiem(int(match.group(1)), match.group(3) or None)
    minute = int(match.group(2) or 0)
    if hour is None or minute > 59:
        return None
    return time(hour, minute)


def _word_hour(word: str) -> int | None:
    number = DIGIT_WORDS.get(word) or {"ten": 10, "eleven": 11, "twelve": 12}.get(word)
    if number is None and word.isdigit():
        number = int(word)
    return number if number and 1 <= number <= 12 else None


def _spoken_clock(clean: str) -> time | None:
    meridiem_match = re.search(r"\b(in the (morning|afternoon|evening)|a\.?m|p\.?m)\b", clean)
    meridiem = None
    if meridiem_match:
        said = meridiem_match.group(1)
        meridiem = "am" if said.startswith(("a", "in the morning")) else "pm"
    hour_words = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    patterns = (
        (rf"\bhalf past {hour_words}\b", 30, 0),
        (rf"\bquarter past {hour_words}\b", 15, 0),
        (rf"\bquarter (?:to|til|till) {hour_words}\b", 45, -1),
        (rf"\b{hour_words} (thirty|fifteen|forty five|o clock)\b", None, 0),
        (rf"\bat {hour_words}\b(?! (?:st|nd|rd|th|day|week|month))", 0, 0),
    )
    for pattern, minute, shift in patterns:
        match = re.search(pattern, clean)
        if match is None:
            continue
        hour = _word_hour(match.group(1))
        if hour is None:
            continue
        if minute is None:
            minute = {"thirty": 30, "fifteen": 15, "forty five": 45, "o clock": 0}[match.group(2)]
        hour = (hour + shift - 1) % 12 + 1
        resolved = _hour_with_meridiem(hour, meridiem)
        return time(resolved, minute) if resolved is not None else None
    return None


def _part_of_day(clean: str) -> time | None:
    for word, at in PARTS_OF_DAY.items():
        if re.search(rf"\b{word}\b", clean):
            return at
    return None


# Dispatch


def normalize_value(spec: FieldSpec, raw: Any, *, reference: datetime) -> Any:
    """The value for `spec`, None when nothing was stated; raises NormalizationError."""
    if is_null(raw, spec):
        return None
    if spec.type == "enum":
        return normalize_enum(raw, spec.choices)
    if spec.type == "boolean":
        return normalize_boolean(raw)
    if spec.type == "number":
        return normalize_number(raw)
    if not isinstance(raw, str | int | float) or isinstance(raw, bool):
        raise NormalizationError(f"{raw!r} is not text")
    formats = {
        "date": lambda: normalize_date(raw, reference=reference),
        "date-time": lambda: normalize_datetime(raw, reference=reference),
        "phone": lambda: normalize_phone(raw),
        "email": lambda: normalize_email(raw),
    }
    if spec.format in formats:
        return formats[spec.format]()
    return " ".join(_text(raw).split())
