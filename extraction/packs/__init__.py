"""Language packs: the words of one language that the concept readers read.

A language is one module beside this one that defines `PACK`. The readers in
`extraction/reading.py` (yes and no, numbers, choices, what a field is about) read every
pack, so a call that mixes two languages ("mi budget es like four fifty") is read with
both. Words are written folded (`extraction.languages.fold`): lower case, no accents.
"""

from __future__ import annotations

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
    # The language code `text2num` reads numbers in, when it reads this language.
    number_words: str | None = None
    # What customers say, by the name of the cue (extraction/cues.py): regular expressions
    # on folded text, each an alternative of that cue.
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # How a customer gives their name, as written, not folded (a name keeps its capitals):
    # cues ("my name is"), greetings before it, words after it ("… speaking"), questions
    # that check it, answers that confirm it, titles, and words that are nobody's name.
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _load() -> dict[str, Pack]:
    """Every pack of this folder, found by its module: a new language is a new file."""
    import importlib
    import pkgutil

    packs = {}
    for module in pkgutil.iter_modules(__path__):
        pack = importlib.import_module(f"{__name__}.{module.name}").PACK
        packs[pack.code] = pack
    return packs


PACKS: dict[str, Pack] = _load()
