"""The calendar day a phrase names, in every language that has a pack (`extraction/packs/`).

One reader for every pack: the packs hold the words ("tomorrow", "pasado mañana",
"übermorgen", "na próxima sexta", "ayin 20'si"), this module what they mean. Text comes
folded and cleaned (see `extraction.normalizers.spoken_date`); the rules are listed there.
A rule is tried in every pack before the next rule: a phrase that counts days ("in two
weeks") wins over a weekday said with it, a named day over "today".
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from functools import cache, lru_cache

from text_to_num import alpha2digit  # type: ignore[import-untyped]

from extraction.packs import PACKS, Pack
from extraction.spoken import said_number

Rule = Callable[[str, date, Pack], date | None]


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _next_monday(today: date) -> date:
    return today + timedelta(days=7 - today.weekday())


PERIODS: dict[str, Callable[[date], date]] = {
    "end of next month": lambda today: _month_end(_add_months(today.replace(day=1), 1)),
    "end of the month": _month_end,
    "next month": lambda today: _add_months(today.replace(day=1), 1),
    "end of next week": lambda today: _next_monday(today) + timedelta(days=4),
    "end of the week": lambda today: today + timedelta(days=(4 - today.weekday()) % 7),
    "next weekend": lambda today: _next_monday(today) + timedelta(days=5),
    "the weekend": lambda today: today + timedelta(days=(5 - today.weekday()) % 7),
    "next week": _next_monday,
}
DAYS_OF = {"day": 1, "week": 7, "fortnight": 14}


def _any(words: tuple[str, ...]) -> str:
    return "|".join(words) or "(?!)"


# "Monday or Tuesday" offers a choice; "Monday and Wednesday" or "lunes a jueves" is a
# week's schedule.
CHOICE_JOINERS = frozenset(("or", "oder", "o", "ou", "veya", "ya da"))


@cache
def _phrase(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_any(words)})\b")


def _said(words: tuple[str, ...], clean: str) -> bool:
    return _phrase(words).search(clean) is not None


def _named(prefix: str, words: tuple[str, ...]) -> str:
    """One group per word, named by its place, so that a match says which word it was."""
    groups = "|".join(f"(?P<{prefix}{index}>{word})" for index, word in enumerate(words))
    return f"(?:{groups or '(?!)'})"


def _which(match: re.Match[str], prefix: str) -> int:
    return next(int(name[1:]) for name, said in match.groupdict().items()
                if said is not None and name[0] == prefix and name[1:].isdigit())  # fmt: skip


@cache
def _patterns(template: str, code: str) -> tuple[re.Pattern[str], ...]:
    """The template read at every word, its number taken as four words down to one; first,
    one that finds whether any of them can match, as most text says no day."""
    pack = PACKS[code]
    parts = {"{month}": _named("m", pack.months) + f"(?:{pack.endings})?",
             "{unit}": _named("u", tuple(pack.units)), "{year}": r"(?P<year>\d{4})",
             "{weekday}": f"(?:{_any(pack.weekdays)})"}  # fmt: skip
    numbers = [r"\d{1,2}|[a-z]+(?: [a-z]+){0,3}"]
    numbers += [rf"[a-z]+(?: [a-z]+){{{more}}}" for more in (3, 2, 1)] + [r"\d{1,2}|[a-z]+"]
    patterns = []
    for number in numbers:
        text = template.replace("{nth}", "{n}").replace("{n}", f"(?P<n>{number})")
        for part, pattern in parts.items():
            text = text.replace(part, pattern)
        patterns.append(re.compile(rf"(?<!\w)(?=(?:{text})(?!\w))"))
    return tuple(patterns)


def _readings(
    templates: tuple[str, ...], clean: str, pack: Pack, *, counting: bool = False
) -> Iterator[tuple[re.Match[str], int]]:
    """Each template's matches in the order they are said, with the number said in them
    (when `counting`, also a count that is no number: "a couple of")."""
    for template in templates:
        probe, *patterns = _patterns(template, pack.code)
        if probe.search(clean) is None:
            continue
        found = [match for pattern in patterns for match in pattern.finditer(clean)]
        for match in sorted(found, key=lambda match: match.start()):
            said = match.group("n")
            number = (pack.counts.get(said) if counting else None) or _number(
                said, pack, nth="{nth}" in template
            )
            if number is not None:
                yield match, number


def _number(said: str, pack: Pack, *, nth: bool = False) -> int | None:
    """The number `said` in the pack's language; with `nth`, words must say an ordinal."""
    if said.isdigit():
        return int(said)
    written = alpha2digit(said, pack.number_words, threshold=0) if pack.number_words else ""
    read = re.fullmatch(r"(\d+)([^\d\s]*)", written)
    if read is not None and (read.group(2) or not nth):
        return int(read.group(1))
    if nth:
        return None
    number = said_number(said.split(), pack)
    return number if isinstance(number, int) else None


def count(said: str, pack: Pack) -> int | None:
    """How many `said` counts ("two", "a couple of", "einer", "on beş")."""
    return pack.counts.get(said) or _number(said, pack)


def _calendar_day(year: int | None, month: int, day: int, today: date) -> date | None:
    """The day, next year's when no year is said and it has passed this year."""
    try:
        candidate = date(year or today.year, month, day)
        return candidate if year or candidate >= today else candidate.replace(year=today.year + 1)
    except ValueError:
        return None


def _offset(clean: str, today: date, pack: Pack) -> date | None:
    return _counted(pack.offsets, clean, today, pack, ahead=True)


def _counted(
    templates: tuple[str, ...], clean: str, today: date, pack: Pack, *, ahead: bool
) -> date | None:
    """ "in two weeks" (`ahead`), "two weeks ago": days, weeks or months from the call's."""
    reading = next(_readings(templates, clean, pack, counting=True), None)
    if reading is None:
        return None
    match, number = reading
    number = number if ahead else -number
    unit = list(pack.units.values())[_which(match, "u")]
    if unit == "month":
        return _add_months(today, number)
    return today + timedelta(days=number * DAYS_OF[unit])


def _tomorrow(clean: str, today: date, pack: Pack) -> date | None:
    # "yarin degil pazartesi", "tomorrow's no good": set aside, like a weekday.
    aside = rf"(?! (?:{_aside_after()})\b)"
    if _said(tuple(word + aside for word in pack.day_after_tomorrow), clean):
        return today + timedelta(days=2)
    morning = "".join(rf"(?<!\b{word} )" for word in pack.morning_after)
    if _said(tuple(morning + word + aside for word in pack.tomorrow), clean):
        return today + timedelta(days=1)
    return None


def _date(clean: str, today: date, pack: Pack) -> date | None:
    for match, number in _readings(pack.dates, clean, pack):
        year = int(match.group("year")) if match.group("year") else _year_after(match, clean)
        day = _calendar_day(year, _which(match, "m") + 1, number, today)
        if day is not None:
            return day
    return None


def _year_after(match: re.Match[str], clean: str) -> int | None:
    """A year said in words after a date: "july twenty second twenty twenty four", "march
    eleventh nineteen ninety eight", "veinte de junio del dos mil veintidos"."""
    end = max(match.end(name) for name, said in match.groupdict().items() if said is not None)
    after = re.sub(r"^(?:st|nd|rd|th)?(?: [a-z]{1,3}(?= [a-z]))?", "", clean[end:]).split()
    for size in range(min(len(after), 6), 0, -1):
        said = after[:size]
        halves = said_number(said[1:], PACKS["en"]) if said[0] in ("nineteen", "twenty") else None
        if isinstance(halves, int) and 10 <= halves <= 99:
            return (1900 if said[0] == "nineteen" else 2000) + halves
        for pack in PACKS.values():
            year = said_number(said, pack)
            if isinstance(year, int) and 1900 <= year <= 2100:
                return year
    return None


def _day_of_next_month(clean: str, today: date, pack: Pack) -> date | None:
    month = _add_months(today.replace(day=1), 1)
    for _, number in _readings(pack.days_of_next_month, clean, pack):
        if 1 <= number <= calendar.monthrange(month.year, month.month)[1]:
            return month.replace(day=number)
    return None


def _period(clean: str, today: date, pack: Pack) -> date | None:
    for period, resolve in PERIODS.items():
        if not _said(pack.periods.get(period, ()), clean):
            continue
        # "el jueves de la semana que viene": the weekday rule puts the day in next week.
        if period == "next week" and any(_weekday_match(clean, other) for other in PACKS.values()):
            return None
        return resolve(today)
    return None


def _day_of_month(clean: str, today: date, pack: Pack) -> date | None:
    for _, number in _readings(pack.days_of_month, clean, pack):
        for ahead in range(3):
            month = _add_months(today.replace(day=1), ahead)
            last = calendar.monthrange(month.year, month.month)[1]
            if 1 <= number <= last and month.replace(day=number) >= today:
                return month.replace(day=number)
    return None


def _weekday_match(clean: str, pack: Pack) -> re.Match[str] | None:
    """The weekday meant: the first said, unless it is set aside and another is not; none
    in a week's schedule ("lunes miercoles y viernes", "monday through friday")."""
    weekday = rf"(?:(?P<this>{_any(pack.this)}) )?{_named('d', pack.weekdays)}"
    said = list(_phrase((f"{weekday}(?:{pack.endings})?",)).finditer(clean))
    if _schedule(said, clean):
        return None
    ends = {match.end() for match in said}
    kept = [match for match in said if not _set_aside(match, clean, ends)]
    return next(iter(kept or said), None)


def _schedule(said: list[re.Match[str]], clean: str) -> bool:
    """Weekdays joined by "and", "to", "a", "bis"…, or three said one after another."""
    joiners = {word for pack in PACKS.values() for word in pack.range_joiners} - CHOICE_JOINERS
    joined = rf" (?:(?:de |el |la )?(?:{_any(tuple(joiners))}) (?:el |la )?)?"
    run = 1
    for first, second in itertools.pairwise(said):
        between = clean[first.end() : second.start()]
        if _which(first, "d") == _which(second, "d") or not re.fullmatch(joined, between):
            run = 1
            continue
        run += 1
        if between.strip() or run >= 3:
            return True
    return False


def _set_aside(match: re.Match[str], clean: str, weekday_ends: set[int]) -> bool:
    """Whether words before or after a weekday set it aside; in "el lunes no el martes" the
    "no" is Monday's, so Tuesday stands."""
    if re.match(rf" (?:{_aside_after()})\b", clean[match.end() :]):
        return True
    before = "|".join(word for pack in PACKS.values() for word in pack.set_aside_before)
    words = re.search(rf"\b(?:{before or '(?!)'})(?: [a-z]{{1,3}})? $", clean[: match.start()])
    return words is not None and words.start() - 1 not in weekday_ends


@cache
def _aside_after() -> str:
    return _any(tuple(word for pack in PACKS.values() for word in pack.set_aside_after))


def _weekday(clean: str, today: date, pack: Pack) -> date | None:
    match = _weekday_match(clean, pack)
    if match is None:
        return None
    target = _which(match, "d")
    if _said(pack.periods.get("next week", ()), clean):
        return _next_monday(today) + timedelta(days=target)
    ahead = (target - today.weekday()) % 7
    return today + timedelta(days=ahead or (0 if match.group("this") else 7))


def _today(clean: str, today: date, pack: Pack) -> date | None:
    return today if _said(pack.today, clean) else None


def _month_first(reference: datetime) -> bool:
    """Whether the call's zone writes the month first: the Americas'."""
    return getattr(reference.tzinfo, "key", "").startswith("America/")


def _numeric(clean: str, today: date, month_first: bool) -> date | None:
    """17/03/2026, 3/17, 2026/03/17: month first in zones of the Americas, else day first,
    unless one part is over 12."""
    year_first = re.search(r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b", clean)
    if year_first:
        year, month, day = (int(part) for part in year_first.groups())
        return _calendar_day(year, month, day, today)
    # Dots need a year, so that "2.5" or "10.30" is not read as a date.
    match = re.search(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b", clean) or re.search(
        r"\b(\d{1,2})\.(\d{1,2})\.(\d{2,4})\b", clean
    )
    if match is None or match.group(0) == "24/7":
        return None
    first, second, year_text = int(match.group(1)), int(match.group(2)), match.group(3)
    year_number = (
        None if year_text is None else int(year_text) + (2000 if len(year_text) == 2 else 0)
    )
    if first > 12:
        month_first = False
    elif second > 12:
        month_first = True
    month, day = (first, second) if month_first else (second, first)
    return _calendar_day(year_number, month, day, today)


def _in_packs(rules: tuple[Rule, ...], clean: str, today: date) -> date | None:
    for rule in rules:
        for pack in PACKS.values():
            day = rule(clean, today, pack)
            if day is not None:
                return day
    return None


def day_said(clean: str, reference: datetime) -> date | None:
    """The day folded, cleaned `clean` names, seen from the call's local day; None if none."""
    return _day_said(clean, reference.date(), _month_first(reference))


# Every date field asks each sentence of the call for its day. The key is the local day
# and the zone's habit, not the moment: one moment is two days in two zones.
@lru_cache(maxsize=1 << 12)
def _day_said(clean: str, today: date, month_first: bool) -> date | None:
    return (
        _in_packs((_offset, _tomorrow, _date), clean, today)
        or _numeric(clean, today, month_first)
        or _in_packs((_day_of_next_month, _period, _day_of_month, _weekday, _today), clean, today)
    )


def day_before(clean: str, reference: datetime) -> date | None:
    """The day folded, cleaned `clean` names, taken on or before the call's day, for a
    field that asks when something happened: "yesterday", "two weeks ago", "Tuesday" (the
    last one before the call's day), "December 20th" said in January (last year's); None
    for a day to come."""
    today = reference.date()
    gone = _in_packs((_ago, _yesterday), clean, today)
    if gone is not None:
        return gone
    day = day_said(clean, reference)
    if day is None or day <= today:
        return day
    if day - today <= timedelta(days=7) and _in_packs((_weekday,), clean, today):
        # "She passed on Saturday" said on a Saturday is a week ago: today would be "today".
        before = day - timedelta(days=7)
        return before - timedelta(days=7) if before == today else before
    dated = _in_packs((_date,), clean, today) or _numeric(clean, today, _month_first(reference))
    if dated is None:
        return None
    return _calendar_day(day.year - 1, day.month, day.day, today)


def _ago(clean: str, today: date, pack: Pack) -> date | None:
    return _counted(pack.ago, clean, today, pack, ahead=False)


def _yesterday(clean: str, today: date, pack: Pack) -> date | None:
    return today - timedelta(days=1) if _said(pack.yesterday, clean) else None
