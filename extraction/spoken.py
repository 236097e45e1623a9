"""Numbers as people say them: "twenty five", "two point five", "double five", "oh"."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "oh": 0, "o": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
SPECIAL = {"a dozen": 12, "dozen": 12, "half a dozen": 6, "a couple": 2, "couple": 2,
           "a couple of": 2, "a pair": 2}  # fmt: skip
REPEATS = {"double": 2, "triple": 3}
DIGIT_WORDS = {word: value for word, value in UNITS.items() if value < 10}
ZERO_WORDS = ("oh", "o", "zero", "nought")
NEGATIVE_WORDS = ("minus", "negative")
WORD = re.compile(r"[a-z]+|\d+")


def words(text: str) -> list[str]:
    return WORD.findall(text.casefold().replace("-", " "))


def parse_spoken_number(text: str) -> int | float | None:
    """The number a phrase says ("one hundred and twenty" → 120), or None."""
    folded = " ".join(text.casefold().replace("-", " ").replace(",", " ").split())
    for word in NEGATIVE_WORDS:
        if folded.startswith(f"{word} "):
            magnitude = parse_spoken_number(folded.removeprefix(f"{word} "))
            return None if magnitude is None else -magnitude
    if folded in SPECIAL:
        return SPECIAL[folded]
    if folded.endswith(" and a half"):
        whole = parse_spoken_number(folded.removesuffix(" and a half"))
        return None if whole is None else whole + 0.5
    if " point " in f" {folded} ":
        return _decimal(folded)
    return _integer(folded.split())


def _decimal(folded: str) -> float | None:
    whole, _, fraction = folded.partition("point")
    whole_value = parse_spoken_number(whole) if whole.strip() else 0
    digits = [DIGIT_WORDS.get(word) for word in fraction.split()]
    if whole_value is None or not digits or None in digits:
        return None
    return float(f"{whole_value}.{''.join(str(digit) for digit in digits)}")


def _integer(tokens: list[str]) -> int | None:
    total, current, seen = 0, 0, False
    for position, token in enumerate(tokens):
        if token == "and" and seen:
            continue
        if token in ("a", "an") and position == 0:
            current, seen = 1, True
        elif token in UNITS:
            current, seen = current + UNITS[token], True
        elif token in TENS:
            current, seen = current + TENS[token], True
        elif token == "hundred":
            current, seen = max(current, 1) * 100, True
        elif token in SCALES:
            total, current, seen = total + max(current, 1) * SCALES[token], 0, True
        else:
            return None
    return total + current if seen else None


def parse_ordinal(token: str) -> int | None:
    """ "5th", "fifth", "twenty-first" → 5, 5, 21."""
    folded = token.casefold().replace("-", " ").strip()
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", folded)
    if match:
        return int(match.group(1))
    parts = folded.split()
    if len(parts) == 2 and parts[0] in TENS and parts[1] in ORDINALS:
        return TENS[parts[0]] + ORDINALS[parts[1]]
    return ORDINALS.get(folded)


def spoken_digits(text: str) -> str:
    """The digits a phrase reads out, other words skipped.

    "double five oh one" → "5501", "forty two" → "42", "eight hundred" → "800".
    """
    tokens = words(text)
    digits: list[str] = []
    repeat = 1
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if token in REPEATS:
            repeat = REPEATS[token]
            continue
        if token.isdigit():
            digits.append(token[0] * (repeat - 1) + token)
        elif token in DIGIT_WORDS:
            digits.append(str(DIGIT_WORDS[token]) * repeat)
        elif token in TENS:
            # "forty two" is 4-2; "forty" alone (or "forty oh one") is 4-0.
            has_unit = following in DIGIT_WORDS and following not in ZERO_WORDS
            digits.append(str(TENS[token] // 10) + ("" if has_unit else "0"))
        elif token in UNITS:
            digits.append(str(UNITS[token]))
        elif token == "hundred" and digits:
            digits.append("00")
        elif token == "thousand" and digits:
            digits.append("000")
        repeat = 1
    return "".join(digits)
