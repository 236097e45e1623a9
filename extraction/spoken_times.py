"""Times of day as people say them, in every language that has a pack (`extraction/packs/`).

One reader for every pack: the packs hold the words and templates ("half past {h}",
"a las {h} y {m}", "às {h}", "halb {h}": -30, "saat {h}"), this module what they mean.

Rules, in order:
- am/pm ("six am", "7pm", "10 a.m.") decides; so does a part of the day said next to
  the hour, before or after it ("morning 11", "evening 5", "5 in the evening", "night 10",
  "11 in the night", "de la tarde", "da tarde", "nachmittags", "akşam yedide"): morning
  keeps the hour, afternoon and evening add twelve, night adds twelve from 5 to 11 and
  keeps 1 to 4 ("2 at night" is 02:00), "12 at night" is midnight;
- a 24-hour time is taken as said: an hour from 13 to 23, 0, or written with a leading
  zero ("07:15");
- otherwise an hour from 1 to 6 is afternoon ("at three", "um drei" are 15:00 on a
  business call), 7 to 12 as said ("at seven" opens a shop or books a visit);
- the packs' words for noon ("noon", "mediodía", "meio-dia", "mittags", "öğlen") are 12:00,
  for midnight 00:00;
- when a time is corrected ("at 3, sorry, at 4", "not at 3 but at 5") the correction
  wins; otherwise the first time said ("between 2 and 4" is 14:00);
- a part of the day alone is a time only where a time must be found (`spoken_time`):
  morning 09:00, afternoon 14:00, evening 18:00, tonight and night 20:00;
  `spoken_clock_time` finds only a time said on the clock.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import time
from functools import cache

from extraction.languages import fold
from extraction.packs import PACKS, Pack, words

# English hour words, for an hour said alone to "what time?" (extraction/offline.py).
HOURS = PACKS["en"].hours
RANGE_JOIN = re.compile(r"\s*(?:and|to|till|until|or|y|a|e|ou|und|bis)\s*")
PARTS_ALONE = {"morning": time(9), "afternoon": time(14), "evening": time(18),
               "tonight": time(20), "night": time(20)}  # fmt: skip


@dataclass(frozen=True)
class Clock:
    hour: int
    minute: int
    start: int
    end: int
    meridiem: str | None = None  # "am" or "pm"
    part: str | None = None  # morning, afternoon, evening, tonight, night
    as_said: bool = False  # a 24-hour time, or a leading zero


@cache
def _every(name: str) -> str:
    """The words one field holds in every pack, as alternatives."""
    return words(word for pack in PACKS.values() for word in getattr(pack, name))


@cache
def _parts() -> dict[str, str]:
    return {said: part for pack in PACKS.values() for said, part in pack.day_parts.items()}


@cache
def _meridiem_said() -> str:
    """am or pm, unless "am" begins a part of the day ("am Nachmittag")."""
    return rf"(?!(?:{words(_parts())})\b)(?P<ampm>[ap]) ?m\b"


@cache
def _digital_time() -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\d.:/])(?P<h>\d{{1,2}})(?P<sep>[:.h])(?P<m>\d{{2}})(?![\d/]|\.\d)"
        rf"(?: ?{_meridiem_said()})?"
    )


@cache
def _templates(code: str) -> tuple[tuple[re.Pattern[str], int], ...]:
    pack = PACKS[code]
    minutes = rf"\d{{1,2}}|{words(pack.minutes)}"
    parts = {
        "{h}": rf"(?P<h>\d{{1,2}}|{words(pack.hours)})(?=ish\b|\b)",
        "{m}": rf"(?P<m>{minutes})\b",
        "{to}": rf"(?P<to>{minutes})\b",
        "{at}": f"(?:{words(pack.at)})",
        "{oclock}": f"(?:{words(pack.oclock)})",
        "{part}": rf"(?P<part>{words(pack.day_parts)})\b",
        "{ampm}": _meridiem_said(),
        "{not_a_count}": rf"(?!\s?(?:/|\.\d|\d|{_every('counted')})\b)",
    }
    compiled = []
    for template, offset in pack.clock.items():
        text = template
        for part, pattern in parts.items():
            text = text.replace(part, pattern)
        meridiem = "" if "{ampm}" in template else f"(?: ?{_meridiem_said()})?"
        compiled.append((re.compile(rf"(?<!\w)(?:{text}){meridiem}"), offset))
    return tuple(compiled)


def _clean(text: str) -> str:
    folded = fold(text).replace("-", " ").replace("'", " ").replace("\u2019", " ")
    folded = re.sub(r"(\d)\s*(?:a\.\s?m\.?|a\s?m\b)", r"\1 am", folded)
    folded = re.sub(r"(\d)\s*(?:p\.\s?m\.?|p\s?m\b)", r"\1 pm", folded)
    folded = re.sub(r"\b([a-z]+) (a\.\s?m\.?|p\.\s?m\.?)", lambda m: f"{m[1]} {m[2][0]}m", folded)
    folded = re.sub(rf"\b(?:{_every('day_greetings')})\b", " ", folded)
    folded = re.sub(r"[^\w\s:.]", " ", folded)
    return " ".join(folded.split())


def _digital(clean: str) -> Iterator[Clock]:
    """ "15:30", "7:45 pm", "15h30"; with a dot only where a time is meant ("at 10.30",
    "10.30 Uhr"), as "2.5" or "10.30" alone is a number."""
    cue_before = re.compile(rf"\b(?:{_every('at')})\s*$")
    cue_after = re.compile(rf"^\s*(?:[ap]m|{_every('oclock')}|{words(_parts())})\b")
    for match in _digital_time().finditer(clean):
        if match["sep"] == "." and not (
            match["ampm"]
            or cue_before.search(clean[: match.start()])
            or cue_after.search(clean[match.end() :])
        ):
            continue
        hour = int(match["h"])
        yield Clock(hour, int(match["m"]), match.start(), match.end(), _meridiem(match["ampm"]),
                    as_said=match["h"].startswith("0") or hour > 12)  # fmt: skip


def _read(clean: str, pack: Pack) -> Iterator[Clock]:
    for pattern, offset in _templates(pack.code):
        for match in pattern.finditer(clean):
            clock = _clock(match, offset, pack)
            if clock is not None:
                yield clock


def _minutes(said: str | None, pack: Pack) -> int:
    if said is None:
        return 0
    return int(said) if said.isdigit() else pack.minutes[said]


def _clock(match: re.Match[str], offset: int, pack: Pack) -> Clock | None:
    """The time a template read: the hour said, moved by the minutes said past or before it
    and by the template's own ("halb vier" is 3:30)."""
    groups = match.groupdict()
    said = match["h"]
    hour = int(said) if said.isdigit() else pack.hours[said]
    minute = offset + _minutes(groups.get("m"), pack) - _minutes(groups.get("to"), pack)
    if hour > 24 or not -60 < minute < 60:
        return None
    part = groups.get("part")
    # "7 to 15" is a range, "dezesseis da tarde" a day of the month: not an hour.
    if hour > 12 and (minute < 0 or part is not None):
        return None
    if minute < 0:
        hour, minute = (hour - 1 if hour > 1 else 12), minute + 60
    return Clock(hour, minute, match.start(), match.end(), _meridiem(groups.get("ampm")),
                 None if part is None else pack.day_parts[part],
                 as_said=said.startswith("0") or hour > 12)  # fmt: skip


def _meridiem(said: str | None) -> str | None:
    return None if not said else ("am" if said.startswith("a") else "pm")


def _without_overlaps(clocks: Iterator[Clock]) -> list[Clock]:
    """Each stretch of text read once, by the first rule that read it."""
    kept: list[Clock] = []
    for clock in clocks:
        if not any(clock.start < other.end and other.start < clock.end for other in kept):
            kept.append(clock)
    return kept


def _shared_meridiem(clean: str, clocks: list[Clock]) -> list[Clock]:
    """ "Between seven and nine am": the am or pm said after a range holds for both ends."""
    ordered = sorted(clocks, key=lambda clock: clock.start)
    for index, (earlier, later) in enumerate(itertools.pairwise(ordered)):
        between = clean[earlier.end : later.start]
        if earlier.meridiem is None and later.meridiem and RANGE_JOIN.fullmatch(between):
            ordered[index] = replace(earlier, meridiem=later.meridiem)
    return ordered


def _part_near(clean: str, clock: Clock) -> str | None:
    """The part of the day said with the time, or right before or after it, if any."""
    if clock.part is not None:
        return clock.part
    names = words(_parts())
    after = clean[clock.end : clock.end + 28]
    following = re.match(rf"\s*(?:(?:{_every('oclock')})\s*)?({names})\b", after)
    if following:
        return _parts()[following.group(1)]
    before = clean[max(0, clock.start - 28) : clock.start]
    preceding = list(re.finditer(rf"\b({names})(?:\s+(?:{_every('at')}))?\s*$", before))
    return _parts()[preceding[-1].group(1)] if preceding else None


def resolved(clock: Clock, part: str | None) -> time | None:
    hour, minute = clock.hour, clock.minute
    if not 0 <= minute <= 59:
        return None
    if clock.meridiem is not None:
        if 13 <= hour <= 23 and clock.meridiem == "pm":
            return time(hour, minute)
        if not 1 <= hour <= 12:
            return None
        return time(hour % 12 + (12 if clock.meridiem == "pm" else 0), minute)
    if hour == 24:
        return time(0, minute)
    if not 0 <= hour <= 23:
        return None
    if clock.as_said or hour == 0 or hour > 12:
        return time(hour, minute)
    if part == "morning":
        return time(hour % 12, minute)
    if part in ("afternoon", "evening", "tonight"):
        return time(hour % 12 + 12, minute)
    if part == "night":
        if hour == 12:
            return time(0, minute)
        return time(hour + 12 if hour >= 5 else hour, minute)
    return time(hour + 12 if 1 <= hour <= 6 else hour, minute)


def _chosen(clean: str, clocks: list[Clock]) -> Clock:
    """The corrected time when a correction follows one, else the first."""
    correction = re.compile(rf"\b(?:{_every('corrections')})\b")
    negation = re.compile(rf"\b(?:{_every('negations')})\b")
    ordered = sorted(clocks, key=lambda clock: clock.start)
    chosen = ordered[0]
    for earlier, later in itertools.pairwise(ordered):
        between = clean[earlier.end : later.start]
        before_first = clean[max(0, earlier.start - 12) : earlier.start]
        if correction.search(between) or negation.search(before_first):
            chosen = later
    return chosen


def spoken_clock_time(text: str) -> time | None:
    """The clock time a phrase says ("six am", "07:15", "a las tres", "às 15h", "um halb
    vier", "saat üçte")."""
    clean = _clean(text)
    clocks = _shared_meridiem(clean, _without_overlaps(
        itertools.chain(_digital(clean), *(_read(clean, pack) for pack in PACKS.values()))
    ))  # fmt: skip
    if clocks:
        clock = _chosen(clean, clocks)
        return resolved(clock, _part_near(clean, clock))
    if re.search(rf"\b(?:{_every('noon')})\b", clean):
        return time(12)
    if re.search(rf"\b(?:{_every('midnight')})\b", clean):
        return time(0)
    return None


def spoken_time(text: str) -> time | None:
    """The time of day a phrase names; a part of the day alone gives its usual hour."""
    found = spoken_clock_time(text)
    if found is not None:
        return found
    match = re.search(rf"\b({words(_parts())})\b", _clean(text))
    return None if match is None else PARTS_ALONE[_parts()[match.group(1)]]
