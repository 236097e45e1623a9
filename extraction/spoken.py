"""Numbers as people say them: "twenty five", "two point five", "double five", "oh"."""

from __future__ import annotations

import re

from extraction.languages import fold

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
    return WORD.findall(fold(text).replace("-", " "))


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
    language = numbers_language(tokens)
    if language is not None:
        return foreign_digits(tokens, language)
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


# Spanish and Turkish, written folded (see extraction.languages.fold).

SPANISH_NUMBERS = {
    "cero": 0, "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
    "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
    "trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16, "diecisiete": 17,
    "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiun": 21, "veintiuno": 21,
    "veintiuna": 21, "veintidos": 22, "veintitres": 23, "veinticuatro": 24,
    "veinticinco": 25, "veintiseis": 26, "veintisiete": 27, "veintiocho": 28,
    "veintinueve": 29, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60,
    "setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100,
    "doscientos": 200, "trescientos": 300, "cuatrocientos": 400, "quinientos": 500,
    "seiscientos": 600, "setecientos": 700, "ochocientos": 800, "novecientos": 900,
    "doscientas": 200, "trescientas": 300, "cuatrocientas": 400, "quinientas": 500,
    "seiscientas": 600, "setecientas": 700, "ochocientas": 800, "novecientas": 900,
}  # fmt: skip
TURKISH_NUMBERS = {
    "sifir": 0, "bir": 1, "iki": 2, "uc": 3, "dort": 4, "bes": 5, "alti": 6, "yedi": 7,
    "sekiz": 8, "dokuz": 9, "on": 10, "yirmi": 20, "otuz": 30, "kirk": 40, "elli": 50,
    "altmis": 60, "yetmis": 70, "seksen": 80, "doksan": 90,
}  # fmt: skip
THOUSANDS = {"es": {"mil": 1_000, "millon": 1_000_000, "millones": 1_000_000},
             "tr": {"bin": 1_000, "milyon": 1_000_000}}  # fmt: skip
HUNDRED_TIMES = {"tr": "yuz"}
JOINERS = {"es": {"y"}, "tr": set()}
POINTS = {"es": {"coma", "punto"}, "tr": {"virgul", "nokta"}}
FOREIGN_NUMBERS = {"es": SPANISH_NUMBERS, "tr": TURKISH_NUMBERS}
# Words that are also ordinary English words are no evidence of the language.
AMBIGUOUS = {"es": {"once", "un", "una"}, "tr": {"on", "bin"}}


def number_words(language: str) -> set[str]:
    """Every word that can be part of a number said in `language` ("es" or "tr")."""
    table = FOREIGN_NUMBERS[language]
    hundred = {HUNDRED_TIMES[language]} if language in HUNDRED_TIMES else set()
    return {*table, *THOUSANDS[language], *hundred}


def numbers_language(tokens: list[str]) -> str | None:
    """ "es" or "tr" when the folded tokens say a number in that language, else None."""
    for language in FOREIGN_NUMBERS:
        specific = number_words(language) - AMBIGUOUS[language]
        if any(token in specific for token in tokens):
            return language
    return None


def foreign_number(tokens: list[str], language: str) -> int | float | None:
    """The number Spanish or Turkish folded `tokens` say ("treinta y cinco" → 35)."""
    points = [index for index, token in enumerate(tokens) if token in POINTS[language]]
    if points:
        whole = foreign_number(tokens[: points[0]], language)
        fraction = foreign_digits(tokens[points[0] + 1 :], language)
        return None if whole is None or not fraction else float(f"{whole}.{fraction}")
    table, scales = FOREIGN_NUMBERS[language], THOUSANDS[language]
    total, current, seen = 0, 0, False
    for token in tokens:
        if token in JOINERS[language] and seen:
            continue
        if token in table:
            current, seen = current + table[token], True
        elif token == HUNDRED_TIMES.get(language):
            current, seen = max(current, 1) * 100, True
        elif token in scales:
            total, current, seen = total + max(current, 1) * scales[token], 0, True
        else:
            return None
    return total + current if seen else None


def foreign_digits(tokens: list[str], language: str) -> str:
    """The digits folded Spanish or Turkish `tokens` read out, in groups as people say
    them: "cero cinco tres dos" → 0532, "beş yüz otuz iki" → 532, "treinta y cuatro" → 34.

    A word starts a new group unless it fills an empty place of the group before it
    (a unit after a ten, a ten after a hundred); zero is always a digit of its own.
    """
    table = FOREIGN_NUMBERS[language]
    groups: list[str] = []
    current: int | None = None
    for token in tokens:
        if token in JOINERS[language]:
            continue
        if token == HUNDRED_TIMES.get(language) and current is not None and current < 10:
            current *= 100
            continue
        value = 100 if token == HUNDRED_TIMES.get(language) else table.get(token)
        if value is not None and value and current is not None and _fills(current, value):
            current += value
            continue
        if current is not None:
            groups.append(str(current))
        current = None
        if token.isdigit() or value == 0:
            groups.append(token if token.isdigit() else "0")
        elif value is not None:
            current = value
    if current is not None:
        groups.append(str(current))
    return "".join(groups)


def _fills(current: int, value: int) -> bool:
    if value < 10:
        return current >= 10 and current % 10 == 0
    if value < 100:
        return current >= 100 and current % 100 == 0
    return False
