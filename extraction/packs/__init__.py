"""Language packs: the words of one language that the concept readers read.

A language is one module beside this one that defines `PACK`. The readers in
`extraction/reading.py` (yes and no, numbers, choices, what a field is about),
`extraction/days.py` (the day a phrase names) and `extraction/spoken_times.py` (the time of
day) read every pack, so a call that mixes two languages ("mi budget es like four fifty")
is read with both. Words are written folded
(`extraction.languages.fold`): lower case, no accents. The words for days may be small
regular expressions ("yarin(?:a|ki|dan)?"); in the templates of days, `{n}` stands for a
number said in digits or words, `{nth}` for one said in digits or as an ordinal word
("fifth", not "five"), and `{month}`, `{unit}`, `{year}` for the pack's month names, its
units of time and a year in digits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Pack:
    code: str
    # Whole answers and answer openers that say yes or no to the question just asked.
    yes: tuple[str, ...]
    no: tuple[str, ...]
    # Words that turn a statement round ("we are not pre-approved").
    negations: tuple[str, ...]
    # Answers that settle nothing ("not sure", "i'd have to check").
    unsure: tuple[str, ...]
    # Words for a thousand, a million …, said after a number ("350 thousand", "1.2 mil").
    magnitudes: dict[str, int]
    # "half a million": half of the magnitude that follows.
    half: tuple[str, ...]
    # Words that join the two ends of a range ("between 300 and 350", "300 to 350").
    range_joiners: tuple[str, ...]
    # Words of a description asking for the top of a range, or the bottom.
    most: tuple[str, ...]
    least: tuple[str, ...]
    # Words of this language for the concepts a field is named after, by the English word
    # a field name or description uses ("presupuesto" is a budget).
    concepts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Its words for choices an enum often offers, by the English choice ("weekly" is "cada
    # semana"): they say that choice, and unlike a concept's words tell no field's topic.
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # "a quarter million": a quarter of the magnitude that follows.
    quarter: tuple[str, ...] = ()
    # The language code `text2num` reads numbers in, when it reads this language, and the
    # parts of number words it reads only with their accents, by their folded spelling.
    number_words: str | None = None
    number_spellings: dict[str, str] = field(default_factory=dict)
    # Numbers said in words, read by `extraction/spoken.py` both as a number ("treinta y
    # cinco") and as digits read out ("cero cinco tres dos"): each word with its value;
    # the word that multiplies the hundreds said before it ("beş yüz"), where hundreds are
    # not words of their own ("quinientos"); words for a thousand, a million…; words that
    # are one only at the start of a number ("a hundred"); words between a number's parts,
    # the decimal point, and words that say the next digit twice or thrice ("double five").
    numbers: dict[str, int] = field(default_factory=dict)
    hundred: str = ""
    thousands: dict[str, int] = field(default_factory=dict)
    one: tuple[str, ...] = ()
    joiners: tuple[str, ...] = ()
    points: tuple[str, ...] = ()
    repeats: dict[str, int] = field(default_factory=dict)
    # Words that are a digit only in digits read out: "oh" in "five oh one", Brazilian
    # "meia" (six, from "meia dúzia"), which in a number is a half.
    digits_only: dict[str, int] = field(default_factory=dict)
    # Said before a country code.
    plus: tuple[str, ...] = ()
    # The words said for the symbols of an email address ("arroba", "punkt", "bindestrich").
    email_symbols: dict[str, str] = field(default_factory=dict)
    # Number words that are also ordinary words of another language ("on" and "bin" are
    # English): no sign that a number is said in this language.
    ambiguous: tuple[str, ...] = ()
    # What customers say, by the name of the cue (extraction/cues.py): regular expressions
    # on folded text, each an alternative of that cue.
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # How a customer gives their name, as written, not folded (a name keeps its capitals):
    # cues ("my name is"), greetings before it, words after it ("… speaking"), questions
    # that check it, answers that confirm it, titles, and words that are nobody's name.
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Days. Weekdays Monday first, months January first, and the endings they take
    # ("cumaya", "nisanda").
    weekdays: tuple[str, ...] = ()
    months: tuple[str, ...] = ()
    endings: str = ""
    today: tuple[str, ...] = ()
    tomorrow: tuple[str, ...] = ()
    day_after_tomorrow: tuple[str, ...] = ()
    # Words after which the word for tomorrow is the morning ("por la mañana", "guten Morgen").
    morning_after: tuple[str, ...] = ()
    # Said before a weekday, it is this week's, even today ("this Friday" on a Friday).
    this: tuple[str, ...] = ()
    # Said before a weekday or after it, they set it aside when another weekday is named
    # ("no no monday i've got dialysis tuesday at eight", "till friday how about
    # saturday", "el lunes no el martes"); one short word may stand between ("not on").
    set_aside_before: tuple[str, ...] = ()
    set_aside_after: tuple[str, ...] = ()
    # Phrases for "next week", "the weekend", "end of the month"… by the period they name
    # (the keys of `extraction.days.PERIODS`); "next week" said with a weekday puts the
    # weekday in next week.
    periods: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # "in two weeks": templates with `{n}` and `{unit}`; units by the period they count
    # ("day", "week", "fortnight", "month"); words for a count that are not numbers.
    offsets: tuple[str, ...] = ()
    units: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    # "5 April", "the 5th", "the 17th of next month": templates of a calendar day, a day of
    # the month (the next one on or after the call's day) and a day of next month.
    # Days gone by, for a field that asks when something happened: "yesterday", and
    # templates like `offsets` for "two weeks ago".
    yesterday: tuple[str, ...] = ()
    ago: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    days_of_month: tuple[str, ...] = ()
    days_of_next_month: tuple[str, ...] = ()
    # Times of day (`extraction/spoken_times.py`). Hour words, every form a template reads
    # ("three", "una", "ucte"), and minute words ("quarter", "media", "viertel"), plain.
    hours: dict[str, int] = field(default_factory=dict)
    minutes: dict[str, int] = field(default_factory=dict)
    # Words that attach a time ("at", "a las", "às", "um", "saat") and that follow its hour
    # ("o'clock", "en punto", "Uhr", "h", Turkish "'te").
    at: tuple[str, ...] = ()
    oclock: tuple[str, ...] = ()
    # Templates of a time on the clock, each with the minutes it adds to the hour said
    # ("half past {h}": 30, "halb {h}": -30). `{h}` is the hour in digits or words (or a
    # group `(?P<h>…)` of some of the hour words), `{m}` minutes past it, `{to}` minutes
    # before it, `{at}`, `{oclock}` and `{part}` the pack's words, `{ampm}` am or pm (said
    # after any template that does not name it), `{not_a_count}` what shows a number counts
    # something ("3 days").
    clock: dict[str, int] = field(default_factory=dict)
    # Parts of the day by the hours they imply: morning, afternoon, evening, tonight, night.
    day_parts: dict[str, str] = field(default_factory=dict)
    noon: tuple[str, ...] = ()
    midnight: tuple[str, ...] = ()
    # Greetings that name a part of the day without saying when ("good evening").
    day_greetings: tuple[str, ...] = ()
    # Words after a number that make it a count, not an hour; words between two times that
    # make the second the one meant ("at 3, sorry, at 4").
    counted: tuple[str, ...] = ()
    corrections: tuple[str, ...] = ()


def _load() -> dict[str, Pack]:
    """Every pack of this folder, found by its module: a new language is a new file."""
    import importlib
    import pkgutil

    packs = {}
    for module in pkgutil.iter_modules(__path__):
        pack = importlib.import_module(f"{__name__}.{module.name}").PACK
        packs[pack.code] = pack
    return packs


def words(table: Iterable[str]) -> str:
    """The words of `table` as alternatives of a regular expression, longest first; none
    matches when it is empty."""
    return "|".join(sorted(table, key=len, reverse=True)) or "(?!)"


PACKS: dict[str, Pack] = _load()
