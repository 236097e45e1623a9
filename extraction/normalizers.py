"""Turn what came back for a field into the value its type and format ask for.

Each normaliser returns the normalised value or raises NormalizationError saying what
came back and why it does not fit. Dates and times are resolved against `reference`:
the call's start, as an aware datetime in the call's own time zone.

Rules for spoken dates and times; days and times of day are read from the words of every
language pack (`extraction/days.py`, `extraction/spoken_times.py`), so "next Tuesday",
"el próximo martes", "na próxima terça", "nächsten Dienstag" and "önümüzdeki sali" are one
day, "half past three", "a las tres y media", "às três e meia", "halb vier" one time:
- "Tuesday" and "next Tuesday" are the first Tuesday after the call's day (a call on a
  Tuesday means the one a week later); "this Friday" on a Friday is that day; "Tuesday
  next week" is the Tuesday of next week;
- "the 5th" is the next 5th on or after the call's day; "the 17th of next month" is in
  next month; a month and day without a year that has passed this year is next year's;
- "next week" is next Monday; "next month" the 1st of next month; "end of the month" its
  last day; "end of the week" the coming Friday; "the weekend" the coming Saturday;
- numeric dates are month-first (3/17) in zones of the Americas, day-first elsewhere,
  unless one part is over 12; with dots (17.03.2026) they need a year;
- when a phrase names a day and also says "today", the other day wins ("busy today, try
  Friday" is Friday);
- an hour from 1 to 6 without am/pm is afternoon, 7 to 11 morning; a part of the day
  said with it ("in the evening", "tonight") decides instead; a part of the day alone is
  morning 09:00, afternoon 14:00, evening 18:00, tonight 20:00;
- a time with no day is today if still ahead of the call's start, else tomorrow;
  "in 2 hours" is elapsed time from the call's start;
- a local time that does not exist (clocks going forward) moves forward by the gap; one
  that happens twice (clocks going back) is the first (fold=0).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any

from extraction.cues import EMAIL_SYMBOLS, SELF_CORRECTION, email_words
from extraction.days import count, day_said
from extraction.days import day_before as day_gone_by
from extraction.languages import fold
from extraction.packs import PACKS
from extraction.spoken import parse_spoken_number, spoken_digits
from extraction.spoken_times import spoken_clock_time, spoken_time
from extraction.timezones import local_datetime
from extraction.types import FieldSpec

NULL_WORDS = {"", "null", "none", "nil", "n/a", "na", "unknown", "not mentioned",
              "not stated", "not provided", "not given", "not specified", "-"}  # fmt: skip
TRUE_WORDS = {"true", "yes", "y", "yeah", "yep", "yup", "yes please", "sure", "correct",
              "absolutely", "definitely", "certainly", "of course", "please do", "ok",
              "okay", "affirmative", "right", "1",
              "si", "claro", "por supuesto", "vale", "de acuerdo", "desde luego", "cierto",
              "evet", "tabii", "tabi", "olur", "tamam", "elbette", "kesinlikle",
              "dogru"}  # fmt: skip
FALSE_WORDS = {"false", "no", "n", "nope", "nah", "not really", "no thanks", "no thank you",
               "never", "negative", "not at all", "no way", "0",
               "no gracias", "nunca", "para nada", "de ninguna manera",
               "hayir", "yok", "istemiyorum", "gerek yok", "asla", "hic"}  # fmt: skip
TRUE_OPENERS = {"yes", "yeah", "yep", "yup", "sure", "true", "absolutely", "definitely",
                "si", "claro", "evet", "tabii", "tabi", "elbette"}  # fmt: skip
FALSE_OPENERS = {"no", "nope", "nah", "false", "never", "nunca", "hayir", "yok"}
NEGATED = re.compile(r"\bnot\b|\bdegil\b|\bno (?:es|hace falta|necesito|quiero)\b")
PARTIAL_CORRECTION = re.compile(
    r"(?:that's|that is|it's|it is)\s+([\w\s-]+?)\s+not\s+([\w\s-]+?)(?:[.,!]|$)", re.IGNORECASE
)
EMAIL = re.compile(
    r"^[A-Za-z0-9%+_-]+(?:\.[A-Za-z0-9%+_-]+)*@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
    r"(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$"
)
SPOKEN_EMAIL_SYMBOL = re.compile(rf"\s+({email_words('@._-+')})\s+")
WRITTEN_NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
SCALED_NUMBER = re.compile(r"(-?\d+(?:\.\d+)?)\s*(thousand|million|billion|k)")
NUMBER_SCALES = {"thousand": 1_000, "k": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


class NormalizationError(ValueError):
    """A value came back that does not fit its field; the message says what and why."""


def is_null(raw: Any, spec: FieldSpec | None = None) -> bool:
    """Whether `raw` means "not stated"; "none" is a value for an enum that offers it."""
    if raw is None:
        return True
    if not isinstance(raw, str):
        return False
    folded = raw.strip().casefold()
    if spec is not None and spec.type == "enum" and folded in (c.casefold() for c in spec.choices):
        return False
    return folded.strip(" .") in NULL_WORDS


def _text(raw: Any) -> str:
    return raw.strip() if isinstance(raw, str) else str(raw)


# Enum, boolean, number, email


def _choice_key(text: str) -> str:
    """Case, spacing, `_` and `-` between words, and quotes or a full stop around the
    answer do not matter; any other mark does (">=high" is not "high")."""
    text = text.casefold().strip().strip("\"'`").strip().rstrip(".!").strip()
    return " ".join(re.sub(r"(?<=\w)[_-](?=\w)", " ", text).split())


def normalize_enum(raw: Any, choices: tuple[str, ...] | list[str]) -> str:
    """The configured choice `raw` names, ignoring case, spacing and punctuation."""
    if isinstance(raw, str | int | float) and not isinstance(raw, bool):
        wanted = _choice_key(_text(raw))
        for choice in choices:
            if _choice_key(choice) == wanted:
                return choice
    raise NormalizationError(f"{raw!r} is not one of {', '.join(choices)}")


def normalize_boolean(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    folded = " ".join(re.sub(r"[^\w\s']", " ", fold(_text(raw))).split())
    first = folded.split(" ")[0]
    if folded in FALSE_WORDS or first in FALSE_OPENERS or NEGATED.search(folded):
        return False
    if folded in TRUE_WORDS or first in TRUE_OPENERS:
        return True
    raise NormalizationError(f"{raw!r} is not yes or no")


def normalize_number(raw: Any) -> int | float:
    """An int when the number is whole as written ("1,250", "twelve"), else a float."""
    if isinstance(raw, bool):
        raise NormalizationError(f"{raw!r} is a boolean, not a number")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise NormalizationError(f"{raw!r} is not a finite number")
        return raw
    text = _text(raw).casefold()
    text = re.sub(r"^(?:about|around|roughly|approximately|approx\.?)\s+", "", text)
    text = re.sub(r"[$€£%]", "", text).strip()
    written = _written_number(text)
    if written is not None:
        return written
    spoken = parse_spoken_number(text)
    if spoken is None:
        raise NormalizationError(f"{raw!r} is not a number")
    return spoken


def _written_number(text: str) -> int | float | None:
    scaled = SCALED_NUMBER.fullmatch(text)
    if scaled:
        value = Decimal(scaled.group(1)) * NUMBER_SCALES[scaled.group(2)]
        return int(value) if value == value.to_integral_value() else float(value)
    if not WRITTEN_NUMBER.fullmatch(text):
        return None
    digits = text.replace(",", "")
    try:
        return int(digits) if "." not in digits else float(Decimal(digits))
    except InvalidOperation:
        return None


def normalize_email(raw: Any) -> str:
    """An address with its domain lower-cased; spoken "at", "dot", "underscore" read."""
    text = _text(raw).removeprefix("mailto:").strip("<>()[] .,;")
    if "@" not in text:
        text = _symbols_said(text)
    text = text.replace(" ", "").strip(".")
    local, at, domain = text.rpartition("@")
    address = f"{local}{at}{domain.casefold()}"
    if not EMAIL.match(address):
        raise NormalizationError(f"{raw!r} is not an email address")
    return address


def _symbols_said(text: str) -> str:
    """The words for an email's symbols read in any pack's language, found in folded text
    and replaced in the text as written, so "John Dot Smith" keeps its capitals. A word
    right after a symbol is a name, not another symbol: "gmx punkt at" is .at."""
    folded = f" {fold(text)} "
    written = f" {text} " if len(folded) == len(text) + 2 else folded
    read, end = [], 0
    for said in SPOKEN_EMAIL_SYMBOL.finditer(folded):
        read += [written[end : said.start()], EMAIL_SYMBOLS[said.group(1)]]
        end = said.end()
    return "".join([*read, written[end:]])


# Phone numbers


def normalize_phone(raw: Any) -> str:
    """Digits only, a country code kept when given; the last correction wins."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = _text(raw)
    partial = list(PARTIAL_CORRECTION.finditer(text))
    if partial:
        right, wrong = spoken_digits(partial[-1].group(1)), spoken_digits(partial[-1].group(2))
        digits = spoken_digits(text[: partial[-1].start()])
        if wrong and right and wrong in digits:
            at = digits.rindex(wrong)
            digits = digits[:at] + right + digits[at + len(wrong) :]
            return _checked_phone(raw, digits)
    folded = fold(text)
    corrections = list(SELF_CORRECTION.finditer(folded))
    if corrections:
        after = spoken_digits(folded[corrections[-1].end() :])
        before = spoken_digits(folded[: corrections[-1].start()])
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


def _zone(reference: datetime) -> tzinfo:
    if reference.tzinfo is None or reference.utcoffset() is None:
        raise ValueError(f"reference {reference.isoformat()} has no time zone")
    return reference.tzinfo


def _iso_moment(text: str, zone: tzinfo) -> datetime | None:
    try:
        moment = datetime.fromisoformat(re.sub(r"[zZ]$", "+00:00", text))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return local_datetime(moment.date(), moment.time(), zone)
    return moment.astimezone(zone)


def normalize_date(raw: Any, *, reference: datetime) -> str:
    """`YYYY-MM-DD` of the day `raw` names, seen from the call's local start."""
    text, zone = _text(raw), _zone(reference)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError as error:
            raise NormalizationError(f"{raw!r} is not a real date") from error
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[Tt ].+", text):
        moment = _iso_moment(text, zone)
        if moment is None:
            raise NormalizationError(f"{raw!r} is not an ISO 8601 date or date-time")
        return moment.date().isoformat()
    day = spoken_date(text, reference)
    if day is None:
        later = elapsed(text)
        if later is None:
            raise NormalizationError(f"{raw!r} is not a date")
        day = (reference.astimezone(UTC) + later).astimezone(zone).date()
    return day.isoformat()


def normalize_datetime(raw: Any, *, reference: datetime) -> str:
    """ISO 8601 with the offset the call's zone has at that moment."""
    text, zone = _text(raw), _zone(reference)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[Tt ].+", text):
        moment = _iso_moment(text, zone)
        if moment is None:
            raise NormalizationError(f"{raw!r} is not an ISO 8601 date-time")
        return moment.isoformat()
    later = elapsed(text)
    if later is not None:
        # Elapsed time: "in 24 hours" across a clock change is 24 real hours.
        moment = (reference.astimezone(UTC) + later).astimezone(zone)
        return moment.replace(microsecond=0).isoformat()
    day, at = spoken_date(text, reference), spoken_time(text)
    if day is None and at is None:
        raise NormalizationError(f"{raw!r} is not a date and time")
    if at is None:
        raise NormalizationError(f"{raw!r} has a date but no time of day")
    if day is None:
        today = reference.date()
        day = today if local_datetime(today, at, zone) > reference else today + timedelta(days=1)
    return local_datetime(day, at, zone).isoformat()


def normalize_time(raw: Any) -> str:
    """`HH:MM` of the time of day `raw` says on the clock ("15:00", "3pm", "a las tres")."""
    text = _text(raw)
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?", text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            raise NormalizationError(f"{raw!r} is not a time of day")
        return f"{hour:02d}:{minute:02d}"
    at = spoken_clock_time(text)
    if at is None:
        raise NormalizationError(f"{raw!r} is not a time of day on the clock")
    return f"{at:%H:%M}"


def time_in_value(raw: Any, *, reference: datetime) -> str | None:
    """The local clock time a date field's raw value carries ("2026-03-17T15:00",
    "2026-03-17T12:00:00Z" in the call's zone, "Tuesday at 3pm"), or None. Midnight in an
    ISO value is read as no time: models write it for a date alone."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[Tt ].+", text):
        moment = _iso_moment(text, _zone(reference))
        if moment is None or re.match(r"\d{4}-\d{2}-\d{2}[Tt ]00:00(?::00)?(?!\d)", text):
            return None
        return f"{moment:%H:%M}"
    at = spoken_clock_time(text)
    return None if at is None else f"{at:%H:%M}"


# "In an hour and a half", "en dos horas", "iki saat sonra": time from now. Read here once,
# for the offline extractor and for a model's answer alike.
ELAPSED = re.compile(
    r"\b(?:in|within) (?P<en>half an hour|an hour|(?P<en_n>[\w ]+?) (?P<en_u>minutes?|hours?))"
    r"(?P<en_half> and a half)?\b"
    r"|\b(?:en|dentro de) (?P<es>media hora|una hora|(?P<es_n>[\w ]+?) (?P<es_u>minutos?|horas?))"
    r"(?P<es_half> y media)?\b"
    r"|\b(?P<tr>yarim saat|bir saat|(?P<tr_n>[\w ]+?) (?P<tr_u>dakika|saat))(?P<tr_half> bucuk)?"
    r" sonra\b"
)


def elapsed(text: str) -> timedelta | None:
    """The time from now that `text` says ("in an hour and a half" is 90 minutes)."""
    match = ELAPSED.search(_clean(text))
    if match is None:
        return None
    language = next(code for code in ("en", "es", "tr") if match.group(code))
    said, half = match.group(language), bool(match.group(f"{language}_half"))
    if said in ("half an hour", "media hora", "yarim saat"):
        return timedelta(minutes=30)
    if said in ("an hour", "una hora", "bir saat"):
        return timedelta(minutes=90 if half else 60)
    amount = match.group(f"{language}_n")
    number = count(amount if language == "en" else amount.split()[-1], PACKS[language])
    if number is None:
        return None
    minutes = number * (1 if match.group(f"{language}_u").startswith(("minut", "dakika")) else 60)
    return timedelta(minutes=minutes + (30 if half and minutes >= 60 else 0))


def _clean(text: str) -> str:
    text = fold(text).replace("-", " ")
    text = re.sub(r"[^\w\s/:.]", " ", text)
    return " ".join(text.split())


def spoken_date(text: str, reference: datetime) -> date | None:
    """The calendar day a phrase names, seen from the call's local day; None if none."""
    return day_said(_clean(text), reference)


def day_before(text: str, reference: datetime) -> date | None:
    """The day a phrase names, on or before the call's local day (`days.day_before`)."""
    return day_gone_by(_clean(text), reference)


# Dispatch


def normalize_value(spec: FieldSpec, raw: Any, *, reference: datetime) -> Any:
    """The value for `spec`, None when nothing was stated; raises NormalizationError.

    A list's value is refused whole when any item is bad or there are too many: a
    value given as one (a correction) is kept or refused as one."""
    if spec.is_list:
        items = normalize_items(spec, raw, reference=reference)
        if items.bad or items.dropped:
            raise NormalizationError("; ".join([*items.bad, *items.dropped]))
        return items.values or None
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


# Lists


@dataclass
class Items:
    """A list field's items, normalised one by one.

    `values` are the good items in the order said, each once; `positions` the index in
    the list given of each; `bad` says of each item that does not fit why
    ('item 2 "purple" is not one of …'); `dropped` and `short` say when there were more
    items than `max_items` (the first ones are kept) or fewer than `min_items`.
    """

    values: list[Any] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    short: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return [*self.bad, *self.dropped, *self.short]


def normalize_items(spec: FieldSpec, raw: Any, *, reference: datetime) -> Items:
    """The items of a list field's `raw` value; an empty list or null is no items.

    A value given as one item rather than a list is read as a list of that one item."""
    items = Items()
    if is_null(raw) or raw == []:
        return items
    given = raw if isinstance(raw, list) else [raw]
    item = spec.item()
    seen: set[Any] = set()
    for position, said in enumerate(given):
        if is_null(said, item):
            continue
        try:
            value = normalize_value(item, said, reference=reference)
        except NormalizationError as error:
            items.bad.append(item_problem(position, said, str(error)))
            continue
        key = value.casefold() if isinstance(value, str) else value
        if value is None or key in seen:
            continue
        seen.add(key)
        items.values.append(value)
        items.positions.append(position)
    _counted(spec, items)
    return items


def item_problem(position: int, said: Any, message: str) -> str:
    """'item 2 "purple" is not one of …' from a normaliser's "'purple' is not one of …"."""
    shown = json.dumps(said, ensure_ascii=False)
    return f"item {position + 1} {shown} {message.removeprefix(f'{said!r} ')}"


def _counted(spec: FieldSpec, items: Items) -> None:
    most, least = spec.max_items, spec.min_items
    if most is not None and len(items.values) > most:
        extra = items.values[most:]
        items.values, items.positions = items.values[:most], items.positions[:most]
        shown = ", ".join(json.dumps(value, ensure_ascii=False) for value in extra)
        items.dropped.append(
            f"more than {most} item{'s' if most != 1 else ''}: the first {most} are kept, "
            f"{len(extra)} dropped ({shown})"
        )
    if least is not None and items.values and len(items.values) < least:
        items.short.append(
            f"{len(items.values)} item{'s' if len(items.values) != 1 else ''} given, "
            f"fewer than the {least} expected"
        )
