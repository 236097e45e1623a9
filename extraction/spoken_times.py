# ruff: noqa: RUF002 - Turkish words are written with a dotless i
"""Times of day as people say them, in English, Spanish and Turkish.

Rules, in order:
- am/pm ("six am", "7pm", "10 a.m.") decides; so does a part of the day said next to
  the hour, before or after it ("morning 11", "evening 5", "5 in the evening", "night 10",
  "11 in the night", "de la tarde", "akşam yedide"): morning keeps the hour, afternoon
  and evening add twelve, night adds twelve from 5 to 11 and keeps 1 to 4 ("2 at night"
  is 02:00), "12 at night" is midnight;
- a 24-hour time is taken as said: an hour from 13 to 23, 0, or written with a leading
  zero ("07:15");
- otherwise an hour from 1 to 7 is afternoon ("at three" is 15:00 on a business call),
  8 to 12 as said;
- "noon", "midday", "mediodía", "öğlen" are 12:00, "midnight", "medianoche", "gece
  yarısı" 00:00;
- when a time is corrected ("at 3, sorry, at 4", "not at 3 but at 5") the correction
  wins; otherwise the first time said ("between 2 and 4" is 14:00);
- a part of the day alone is a time only where a time must be found (`spoken_time`):
  morning 09:00, afternoon 14:00, evening 18:00, tonight and night 20:00;
  `spoken_clock_time` finds only a time said on the clock.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import time

from extraction.languages import fold
from extraction.spoken import SPANISH_NUMBERS, TURKISH_NUMBERS, UNITS

HOUR_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
              "eleven", "twelve")  # fmt: skip
HOURS = {word: index for index, word in enumerate(HOUR_WORDS, start=1)}
SPANISH_HOURS = {word: value for word, value in SPANISH_NUMBERS.items() if 1 <= value <= 24}
TURKISH_HOURS = {"bir": 1, "iki": 2, "uc": 3, "dort": 4, "bes": 5, "alti": 6, "yedi": 7,
                 "sekiz": 8, "dokuz": 9, "on": 10, "on bir": 11, "on iki": 12}  # fmt: skip
# Turkish "at three" is üçte: the number with a locative ending.
TURKISH_AT = {"birde": 1, "ikide": 2, "ucte": 3, "dortte": 4, "beste": 5, "altida": 6,
              "yedide": 7, "sekizde": 8, "dokuzda": 9, "onda": 10, "on birde": 11,
              "on ikide": 12}  # fmt: skip
TURKISH_TO = {"bire": 1, "ikiye": 2, "uce": 3, "dorde": 4, "bese": 5, "altiya": 6,
              "yediye": 7, "sekize": 8, "dokuza": 9, "ona": 10, "on bire": 11,
              "on ikiye": 12}  # fmt: skip
TURKISH_HOUR_OBJECT = {"biri": 1, "ikiyi": 2, "ucu": 3, "dordu": 4, "besi": 5, "altiyi": 6,
                       "yediyi": 7, "sekizi": 8, "dokuzu": 9, "onu": 10, "on biri": 11,
                       "on ikiyi": 12}  # fmt: skip
MINUTE_WORDS = {
    **{word: value for word, value in UNITS.items() if value >= 1},
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "quarter": 15, "half": 30,
}  # fmt: skip


def _alternatives(words: object) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))  # type: ignore[call-overload]


EN_HOUR = rf"(\d{{1,2}}|{_alternatives(HOURS)})"
ES_HOUR = rf"(\d{{1,2}}|{_alternatives(SPANISH_HOURS)})"
TR_HOUR = rf"(\d{{1,2}}|{_alternatives(TURKISH_HOURS)})"
MERIDIEM = r"(a ?m|p ?m)\b"
TENS_MINUTES = (
    r"(?:twenty|thirty|forty|fifty)(?: (?:one|two|three|four|five|six|seven|eight|nine))?"
)
SPOKEN_MINUTES = (
    r"(?:oh (?:one|two|three|four|five|six|seven|eight|nine)|ten|eleven|twelve|thirteen|"
    rf"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|{TENS_MINUTES})"
)
DAY_PARTS = {
    "morning": "morning", "this morning": "morning", "in the morning": "morning",
    "afternoon": "afternoon", "in the afternoon": "afternoon", "evening": "evening",
    "in the evening": "evening", "tonight": "tonight", "at night": "night", "night": "night",
    "in the night": "night",
    "de la manana": "morning", "por la manana": "morning", "de la tarde": "afternoon",
    "por la tarde": "afternoon", "de la noche": "night", "por la noche": "night",
    "de la madrugada": "morning", "esta tarde": "afternoon", "esta noche": "night",
    "sabah": "morning", "sabahleyin": "morning", "ogleden sonra": "afternoon",
    "oglen sonra": "afternoon", "aksam": "evening", "aksamustu": "evening", "gece": "night",
}  # fmt: skip
PARTS_ALONE = {"morning": time(9), "afternoon": time(14), "evening": time(18),
               "tonight": time(20), "night": time(20)}  # fmt: skip
NOON = re.compile(r"\b(noon|midday|lunchtime|lunch time|mediodia|oglen|ogle|ogle vakti)\b")
MIDNIGHT = re.compile(r"\b(midnight|medianoche|gece yarisi)\b")
CORRECTION = re.compile(
    r"\b(sorry|i mean|actually|rather|make (?:it|that)|no wait|instead|better|"
    r"perdon|mejor|digo|pardon|yok yok|hayir|aslinda|daha iyi)\b|\bnot\b|\bno\b|\bdegil\b"
)


@dataclass(frozen=True)
class Clock:
    hour: int
    minute: int
    start: int
    end: int
    meridiem: str | None = None  # "am" or "pm"
    part: str | None = None  # morning, afternoon, evening, night
    as_said: bool = False  # a 24-hour time, or a leading zero


def _clean(text: str) -> str:
    folded = fold(text).replace("-", " ").replace("'", " ").replace("\u2019", " ")
    folded = re.sub(r"(\d)\s*(?:a\.\s?m\.?|a\s?m\b)", r"\1 am", folded)
    folded = re.sub(r"(\d)\s*(?:p\.\s?m\.?|p\s?m\b)", r"\1 pm", folded)
    folded = re.sub(r"\b([a-z]+) (a\.\s?m\.?|p\.\s?m\.?)", lambda m: f"{m[1]} {m[2][0]}m", folded)
    folded = re.sub(r"\bgood (morning|afternoon|evening|night)\b", " ", folded)
    folded = re.sub(
        r"\b(buenos dias|buenas tardes|buenas noches|iyi aksamlar|gunaydin)\b", " ", folded
    )
    folded = re.sub(r"[^\w\s:.]", " ", folded)
    return " ".join(folded.split())


def _number(word: str, table: dict[str, int]) -> int | None:
    if word.isdigit():
        return int(word)
    return table.get(word)


def _english(clean: str) -> list[Clock]:
    found: list[Clock] = []
    for match in re.finditer(
        rf"(?<![\d.:/])(\d{{1,2}})[:.h](\d{{2}})(?![\d/]|\.\d)(?: ?{MERIDIEM})?", clean
    ):
        if "." in match.group(0)[: len(match.group(1)) + 1] and not (
            match.group(3)
            or re.search(
                r"\b(at|by|around|about|from|after|before|til+|until|saat|las|la)\s*$",
                clean[: match.start()],
            )
            or re.search(
                r"^\s*(?:am|pm|in the|at night|tonight|uhr|te|ta|de|da)\b", clean[match.end() :]
            )
        ):
            continue  # "2.5" or "10.30" without a cue is not a time
        found.append(
            Clock(
                int(match.group(1)),
                int(match.group(2)),
                match.start(),
                match.end(),
                _meridiem(match.group(3)),
                as_said=match.group(1).startswith("0") or int(match.group(1)) > 12,
            )
        )
    for match in re.finditer(rf"\b{EN_HOUR} ?{MERIDIEM}", clean):
        hour = _number(match.group(1), HOURS)
        if hour is not None:
            found.append(Clock(hour, 0, match.start(), match.end(), _meridiem(match.group(2))))
    past = re.compile(
        rf"\b(\d{{1,2}}|five|ten|quarter|a quarter|twenty|twenty five|half)(?: minutes?)? "
        rf"(past|after|to|til|till|before) {EN_HOUR}\b(?: ?{MERIDIEM})?"
    )
    for match in past.finditer(clean):
        said = match.group(1).removeprefix("a ")
        minutes = int(said) if said.isdigit() else {"quarter": 15, "half": 30, "five": 5,
                                                      "ten": 10, "twenty": 20,
                                                      "twenty five": 25}[said]  # fmt: skip
        hour = _number(match.group(3), HOURS)
        if hour is None or not 1 <= minutes <= 59 or hour > 12:
            continue
        if match.group(2) in ("to", "til", "till", "before"):
            hour, minutes = (hour - 2) % 12 + 1, 60 - minutes
        found.append(Clock(hour, minutes, match.start(), match.end(), _meridiem(match.group(4))))
    for match in re.finditer(rf"\bhalf {EN_HOUR}\b(?: ?{MERIDIEM})?", clean):
        hour = _number(match.group(1), HOURS)
        if hour is not None and hour <= 12 and not _inside(found, match.start()):
            found.append(Clock(hour, 30, match.start(), match.end(), _meridiem(match.group(2))))
    for match in re.finditer(
        rf"\b{EN_HOUR} (o clock|oclock|{SPOKEN_MINUTES})\b(?: ?{MERIDIEM})?", clean
    ):
        hour = _number(match.group(1), HOURS)
        if hour is None or hour > 12 or _inside(found, match.start()):
            continue
        said = match.group(2)
        if said in ("o clock", "oclock"):
            minutes = 0
        elif said.startswith("oh "):
            minutes = UNITS[said.removeprefix("oh ")]
        else:
            minutes = sum(MINUTE_WORDS[part] for part in said.split())
        found.append(Clock(hour, minutes, match.start(), match.end(), _meridiem(match.group(3))))
    for match in re.finditer(r"\b(\d{1,2})(\d{2}) hours\b|\b(\d{2})(\d{2})h\b", clean):
        hour_text = match.group(1) or match.group(3)
        minute_text = match.group(2) or match.group(4)
        found.append(
            Clock(int(hour_text), int(minute_text), match.start(), match.end(), as_said=True)
        )
    not_a_time = (
        r"(?!\s?(?:/|\.\d|days?|weeks?|months?|years?|people|of|double|triple|times|minutes?|"
        r"hours?|percent|dollars|euros|pounds|bedrooms?|kids|children|panels?|kw|kilowatts?|"
        r"\d)\b)"
    )
    cue = (
        r"(?:at|around|about|by|after|before|from|between|say|maybe|till|until|til|how about|"
        r"make it|make that)"
    )
    patterns = (
        rf"\b{cue} {EN_HOUR}\b(?: ?ish\b)?{not_a_time}",
        rf"\b{EN_HOUR}(?= ?ish\b)",
        rf"\b{EN_HOUR}(?= (?:in the (?:morning|afternoon|evening|night)|at night|tonight|"
        rf"this (?:morning|afternoon|evening))\b)",
        rf"\b(?:morning|afternoon|evening|night|tonight)(?: at| around| about| by)? {EN_HOUR}\b"
        rf"{not_a_time}",
    )
    for pattern in patterns:
        for match in re.finditer(pattern, clean):
            hour = _number(match.group(1), HOURS)
            start = match.start(1)
            if hour is None or hour > 24 or _inside(found, start):
                continue
            found.append(Clock(hour, 0, start, match.end(1), as_said=hour > 12 or hour == 0))
    return found


def _spanish(clean: str) -> list[Clock]:
    found: list[Clock] = []
    minutes = (
        r"(?: (y media|y cuarto|menos cuarto|y (\d{1,2}|[a-z]+(?: y [a-z]+)?)|"
        r"menos (\d{1,2}|[a-z]+)))?"
    )
    pattern = (
        rf"\b(?:a|sobre|hacia|para|desde|antes de|despues de|tipo|como a|a eso de|"
        rf"eso de) (?:la|las) {ES_HOUR}(?::(\d{{2}}))?{minutes}"
    )
    for match in re.finditer(pattern, clean):
        hour = _number(match.group(1), SPANISH_HOURS)
        if hour is None or hour > 24:
            continue
        minute = int(match.group(2) or 0)
        said = match.group(3) or ""
        if said == "y media":
            minute = 30
        elif said == "y cuarto":
            minute = 15
        elif said == "menos cuarto":
            hour, minute = (hour - 2) % 12 + 1, 45
        elif match.group(4):
            said_minutes = match.group(4).split(" y ")
            minute = sum(_number(part, SPANISH_NUMBERS) or 0 for part in said_minutes)
        elif match.group(5):
            taken = _number(match.group(5), SPANISH_NUMBERS) or 0
            hour, minute = (hour - 2) % 12 + 1, 60 - taken
        found.append(
            Clock(
                hour,
                minute,
                match.start(),
                match.end(),
                as_said=hour > 12
                or (match.group(2) is not None and match.group(1).startswith("0")),
            )
        )
    return found


SPANISH_MONTHS = (
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
    "noviembre|diciembre"
)


def _turkish(clean: str) -> list[Clock]:
    found: list[Clock] = []
    at_words = _alternatives(set(TURKISH_AT) - {"onda"})
    to_words = _alternatives(TURKISH_TO)
    object_words = _alternatives(TURKISH_HOUR_OBJECT)
    patterns: list[tuple[str, int]] = [
        (rf"\b{TR_HOUR} (bucukta|bucuk|bucuga)\b", 30),
        (rf"\b({object_words}) ceyrek gece\b", 15),
        (rf"\b({to_words}) ceyrek var(?:a|ken)?\b", -15),
        (rf"\b({to_words}) (\d{{1,2}}|on|yirmi|bes|on bes) (?:dakika )?var\b", -1),
        (rf"\b({at_words})\b", 0),
        (r"\b(?:saat|sabah|aksam|gece|sonra) (onda)\b", 0),
        (rf"\b({to_words}) (?:dogru|kadar)\b", 0),
        (
            rf"\b(?:sabah|aksam|gece|ogleden sonra|oglen|ogle|saat) (\d{{1,2}})(?: (?:te|ta|de|da|"
            rf"gibi))?\b(?! (?:{SPANISH_MONTHS}))",
            0,
        ),
        (
            rf"\bsaat {TR_HOUR}(?: (?:te|ta|de|da|e|a|ye|ya|gibi))?\b"
            rf"(?! (?:gun|hafta|ay|dakika|saat|sonra|once))",
            0,
        ),
    ]
    for pattern, shift in patterns:
        for match in re.finditer(pattern, clean):
            word = match.group(1)
            hour = (
                int(word) if word.isdigit()
                else TURKISH_AT.get(word) or TURKISH_TO.get(word)
                or TURKISH_HOUR_OBJECT.get(word) or TURKISH_HOURS.get(word)
            )  # fmt: skip
            if hour is None or hour > 24 or _inside(found, match.start()):
                continue
            minute = 0
            if shift == 30:
                minute = 30
            elif shift == 15:
                minute = 15
            elif shift == -15:
                hour, minute = (hour - 2) % 12 + 1, 45
            elif shift == -1:
                taken = _number(match.group(2), {**TURKISH_NUMBERS, "on bes": 15}) or 0
                hour, minute = (hour - 2) % 12 + 1, 60 - taken
            as_said = hour > 12 or word.startswith("0")
            found.append(Clock(hour, minute, match.start(), match.end(), as_said=as_said))
    return found


def _without_overlaps(clocks: list[Clock]) -> list[Clock]:
    """Each stretch of text read once, by the first rule that read it."""
    kept: list[Clock] = []
    for clock in clocks:
        if not any(clock.start < other.end and other.start < clock.end for other in kept):
            kept.append(clock)
    return kept


def _inside(found: list[Clock], position: int) -> bool:
    return any(clock.start <= position < clock.end for clock in found)


def _meridiem(said: str | None) -> str | None:
    return None if not said else ("am" if said.startswith("a") else "pm")


def _part_near(clean: str, clock: Clock) -> str | None:
    """The part of the day said right before or after the time, if any."""
    before = clean[max(0, clock.start - 28) : clock.start]
    after = clean[clock.end : clock.end + 28]
    names = _alternatives(DAY_PARTS)
    following = re.match(rf"\s*(?:o clock\s*)?(?:saat\s*)?({names})\b", after)
    if following:
        return DAY_PARTS[following.group(1)]
    preceding = list(re.finditer(rf"\b({names})(?:\s+(?:at|around|about|by|saat))?\s*$", before))
    if preceding:
        return DAY_PARTS[preceding[-1].group(1)]
    return None


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
    return time(hour + 12 if 1 <= hour <= 7 else hour, minute)


def _chosen(clean: str, clocks: list[Clock]) -> Clock:
    """The corrected time when a correction follows one, else the first."""
    ordered = sorted(clocks, key=lambda clock: clock.start)
    chosen = ordered[0]
    for earlier, later in itertools.pairwise(ordered):
        between = clean[earlier.end : later.start]
        before_first = clean[max(0, earlier.start - 12) : earlier.start]
        if CORRECTION.search(between) or re.search(r"\b(not|no|degil)\b", before_first):
            chosen = later
    return chosen


def spoken_clock_time(text: str) -> time | None:
    """The clock time a phrase says ("six am", "07:15", "a las tres", "saat üçte")."""
    clean = _clean(text)
    clocks = _without_overlaps([*_english(clean), *_spanish(clean), *_turkish(clean)])
    if clocks:
        clock = _chosen(clean, clocks)
        return resolved(clock, _part_near(clean, clock))
    if NOON.search(clean) and not re.search(r"\b(after|before|ogleden|ogle sonra)\b", clean):
        return time(12)
    if MIDNIGHT.search(clean):
        return time(0)
    return None


def spoken_time(text: str) -> time | None:
    """The time of day a phrase names; a part of the day alone gives its usual hour."""
    found = spoken_clock_time(text)
    if found is not None:
        return found
    clean = _clean(text)
    names = _alternatives(DAY_PARTS)
    match = re.search(rf"\b({names})\b", clean)
    return None if match is None else PARTS_ALONE[DAY_PARTS[match.group(1)]]
