"""Numbers as people say them, in every language that has a pack: "twenty five", "treinta
y cinco", "two point five", "double five oh one", "beş yüz otuz iki".

One reader for every pack: the packs hold the words (`numbers`, `hundred`, `thousands`,
`joiners`, `points`, `repeats`, `digits_only`…), this module what they mean. A phrase is
read in the language whose number words it says most, so "o" (Portuguese "the") is no
English zero in "o número é nove nove…".
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from extraction.languages import fold
from extraction.packs import PACKS, Pack

ENGLISH = PACKS["en"]
# English word tables, for the readers of clock times and amounts.
UNITS = {word: value for word, value in {**ENGLISH.numbers, **ENGLISH.digits_only}.items()
         if value < 20}  # fmt: skip
TENS = {word: value for word, value in ENGLISH.numbers.items() if 20 <= value < 100}
SPECIAL = {"a dozen": 12, "dozen": 12, "half a dozen": 6, "a couple": 2, "couple": 2,
           "a couple of": 2, "a pair": 2}  # fmt: skip
NEGATIVE_WORDS = ("minus", "negative")
WORD = re.compile(r"[a-z]+|\d+")
# A pause ends a group of digits: "one eight hundred, five five five" is 1 800 555.
WORD_OR_PAUSE = re.compile(r"[a-z]+|\d+|[,;.]")


def words(text: str, pattern: re.Pattern[str] = WORD) -> list[str]:
    return pattern.findall(fold(text).replace("-", " "))


def parse_spoken_number(text: str) -> int | float | None:
    """The number a phrase says in any pack's language ("one hundred and twenty" → 120,
    "treinta y cinco" → 35, "zweihundertfünf" → 205), or None."""
    tokens = words(text)
    said = " ".join(tokens)
    if tokens and tokens[0] in NEGATIVE_WORDS:
        magnitude = parse_spoken_number(" ".join(tokens[1:]))
        return None if magnitude is None else -magnitude
    if said in SPECIAL:
        return SPECIAL[said]
    if said.endswith(" and a half"):
        whole = parse_spoken_number(said.removesuffix(" and a half"))
        return None if whole is None else whole + 0.5
    language = numbers_language(tokens)
    return None if language is None else said_number(tokens, PACKS[language])


def spoken_digits(text: str) -> str:
    """The digits a phrase reads out, other words skipped: "double five oh one" → 5501,
    "forty two" → 42, "cero cinco tres dos" → 0532, "beş yüz otuz iki" → 532."""
    tokens = words(text, WORD_OR_PAUSE)
    said = numbers_languages(tokens)
    pack = PACKS[said[0] if said else "en"]
    others = [code for code in ["en", *numbers_languages(tokens, least=2)] if code != pack.code]
    if not others:
        return said_digits(tokens, pack)
    # "three two three cinco cinco cinco": a code-switched call reads digits in both.
    other = PACKS[others[0]]
    own, theirs = phone_words(pack), phone_words(other)
    runs = itertools.groupby(tokens, key=lambda token: token not in own and token in theirs)
    return "".join(said_digits(list(run), other if in_other else pack)
                   for in_other, run in runs)  # fmt: skip


def numbers_language(tokens: list[str]) -> str | None:
    """The code of the pack whose number words folded `tokens` say most (the first pack on a
    tie), or None when they say none."""
    return next(iter(numbers_languages(tokens)), None)


def numbers_languages(tokens: list[str], least: int = 1) -> list[str]:
    """The codes of the packs whose number words folded `tokens` say at least `least`
    times, the one saying most first: "three oh five cinco cinco cinco" mixes two."""
    counts = {
        code: sum(part in _evidence(code) for token in tokens for part in _parts(token, code))
        for code in PACKS
    }
    said = [code for code in PACKS if counts[code] >= least]
    return sorted(said, key=lambda code: -counts[code])


def phone_words(pack: Pack) -> set[str]:
    """Every word of `pack` that can be part of a phone number said out."""
    spelled = [*pack.numbers, *pack.thousands, *pack.joiners, *pack.repeats]
    return {*spelled, *pack.digits_only, *pack.plus, *([pack.hundred] if pack.hundred else [])}


def said_number(tokens: list[str], pack: Pack) -> int | float | None:
    """The number folded `tokens` say in the pack's language ("treinta y cinco" → 35)."""
    points = [index for index, token in enumerate(tokens) if token in pack.points]
    if points:
        whole = said_number(tokens[: points[0]], pack) if points[0] else 0
        fraction = said_digits(tokens[points[0] + 1 :], pack)
        return None if whole is None or not fraction else float(f"{whole}.{fraction}")
    total, current, seen = 0, 0, False
    for position, token in enumerate(_words(tokens, pack)):
        if token in pack.joiners and seen:
            continue
        if token in pack.one and position == 0:
            current, seen = 1, True
        elif token in pack.numbers:
            current, seen = current + pack.numbers[token], True
        elif token == pack.hundred:
            current, seen = max(current, 1) * 100, True
        elif token in pack.thousands:
            total, current, seen = total + max(current, 1) * pack.thousands[token], 0, True
        else:
            return None
    return total + current if seen else None


def said_digits(tokens: list[str], pack: Pack) -> str:
    """The digits folded `tokens` read out in the pack's language, in groups as people say
    them: "cero cinco tres dos" → 0532, "beş yüz otuz iki" → 532, "forty two" → 42.

    A word starts a new group unless it fills an empty place of the group before it (a unit
    after a ten, a ten after a hundred) or multiplies it ("five hundred"); zero is always a
    digit of its own, and so is a repeated digit ("double five"); a pause ends a group.
    """
    groups: list[str] = []
    current: int | None = None
    repeat = 1
    for token in _words(tokens, pack):
        if token in pack.joiners:
            continue
        scale = 100 if token == pack.hundred else pack.thousands.get(token)
        if scale and current is not None and current < scale:
            current *= scale
            continue
        value = pack.numbers.get(token, pack.digits_only.get(token, scale))
        if value and current is not None and repeat == 1 and _fills(current, value, pack):
            current += value
            continue
        if current is not None:
            groups.append(str(current))
        current = None
        if token.isdigit():
            groups.append(token[0] * (repeat - 1) + token)
        elif value is not None and (value == 0 or (repeat > 1 and value < 10)):
            groups.append(str(value) * repeat)
        elif value is not None:
            current = value
        repeat = pack.repeats.get(token, 1)
    if current is not None:
        groups.append(str(current))
    return "".join(groups)


def _fills(current: int, value: int, pack: Pack) -> bool:
    # A language that has a word for the sum says that word: "ten five" is 10 5, not 15
    # ("fifteen"); Turkish "on beş" is 15.
    if current + value in _values(pack.code):
        return False
    if value < 10:
        return current >= 10 and current % 10 == 0
    if value < 100:
        return current >= 100 and current % 100 == 0
    return False


def _words(tokens: list[str], pack: Pack) -> list[str]:
    return [part for token in tokens for part in _parts(token, pack.code)]


@lru_cache(maxsize=65_536)
def _parts(token: str, code: str) -> tuple[str, ...]:
    """`token` as the number words of the pack it is written of ("zweihundertfunf" is
    zwei hundert funf, "onbes" on bes), or alone when it is not."""
    return _compound(token, _spelled(code)) or (token,)


def _compound(token: str, spelled: frozenset[str]) -> tuple[str, ...] | None:
    if token in spelled:
        return (token,)
    for end in range(len(token) - 1, 0, -1):
        rest = _compound(token[end:], spelled) if token[:end] in spelled else None
        if rest is not None:
            return (token[:end], *rest)
    return None


@lru_cache
def _spelled(code: str) -> frozenset[str]:
    pack = PACKS[code]
    return frozenset({*pack.numbers, *pack.thousands, *pack.joiners, pack.hundred} - {""})


@lru_cache
def _values(code: str) -> frozenset[int]:
    return frozenset(PACKS[code].numbers.values())


@lru_cache
def _evidence(code: str) -> frozenset[str]:
    pack = PACKS[code]
    said = {*pack.numbers, *pack.thousands, *pack.digits_only, pack.hundred}
    return frozenset(said - {"", *pack.ambiguous})
