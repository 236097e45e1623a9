"""Reading any field by what the call says about it.

Voice agents work from a script: they ask, the customer answers, the agent reads back.
A field's topic is the words of its name and description (stems, and each language
pack's words for the same concept). The places where the call speaks of a field are the
customer's answers to the agent's questions that use those words, the customer's own
sentences that use them, and the agent's read-backs the customer accepts. A value is
read from those places only, by the field's type; a place that speaks more of another
field of the same kind belongs to that field. What is read nowhere is null, with the
reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from text_to_num import alpha2digit  # type: ignore[import-untyped]

from extraction.cues import AGREED, HOW_MUCH, SELF_CORRECTION, SUMS_UP
from extraction.languages import fold
from extraction.packs import PACKS
from extraction.types import FieldSpec

Source = Literal["answer", "statement", "read-back"]

# Words of a field's name or description that say nothing about what it is about.
GENERIC_WORDS = """
    the a an of to in for is are was be whether and or if on at by with from as that this
    it its their his her our your they them what which who whom how many much when where
    any some each every all value values field fields digits only format iso 8601 null
    empty true false yes no number customer customers caller callers client clients lead
    leads patient patients contact person people user prospect buyer seller owner
    tenant member members he she we you i call calls calling said says say asked ask
    needs need wants want would will can could should may might get got has have had does
    did do done just also than then there here use used using given gives give one two
    per etc e g eg ie like such about into out up down over under other else not
    type kind sort level details detail info information note notes text description good
"""
FIRST_PERSON = re.compile(r"\b(i|i'?m|im|i'?ve|ive|i'?d|we|we'?re|we'?ve|our|my|me|us)\b")
QUESTION_OPENER = re.compile(
    r"^\W*(?:(?:um|uh|so|and|but|well|oh)\s+)*(do|does|did|is|are|was|were|can|could|"
    r"should|would|will|what|how|when|where|which|who|why)\b"
)
FILLER = re.compile(r"\b(?:um+|uh+|er+|erm|hmm+|mm+|ah+|like|you know|i mean|well|so)\b")
TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Sentence:
    turn: int
    role: str
    text: str
    folded: str


@dataclass(frozen=True)
class Passage:
    """A place where the call speaks of a field: `text` is what its value is read from,
    `basis` the words that make it about the field (the question, for an answer)."""

    source: Source
    sentence: Sentence
    text: str
    basis: str


# Topics


# A call reads the same few hundred words for every field: each is stemmed once.
@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    word = fold(word).removesuffix("'s").removesuffix("\u2019s")
    for suffix, replacement, shortest in (
        ("ies", "y", 5), ("ing", "", 6), ("ed", "", 5), ("es", "", 5), ("s", "", 4),
    ):  # fmt: skip
        if word.endswith(suffix) and len(word) >= shortest and not word.endswith("ss"):
            word = word[: -len(suffix)] + replacement
            break
    if word.endswith("al") and len(word) > 6:
        word = word[:-2]
    if word.endswith("y") and len(word) > 4:
        word = word[:-1] + "i"
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def stems(words: str) -> frozenset[str]:
    return frozenset(stem(word) for word in words.split())


GENERIC_STEMS = stems(GENERIC_WORDS)


def same_stem(one: str, other: str) -> bool:
    """Stems of one word: equal, or one a prefix of the other when both are long enough
    ("insur" of insured and "insuranc" of insurance)."""
    if one == other:
        return True
    short, long = (one, other) if len(one) <= len(other) else (other, one)
    return len(short) >= SHORTEST_SHARED_START and long.startswith(short)


# A part of a description that sets something apart ("Not the estimate visit", "Prices
# we quote them are not their budget"); one that says when to leave the value blank does
# not.
SETS_APART = re.compile(
    r"\b(?:not|never|nor|isn't|aren't|excluding|except|other than|rather than|instead of)\b"
)
CONTRASTED = re.compile(r",\s*(?=(?:not|never|nor|rather than|instead of|other than)\b)")
BLANK_WHEN = re.compile(r"^\W*(?:blank|empty|leave|null|none|false|true|fill|only|omit)\b")
UNLESS = re.compile(r"\b(?:unless|except when|except if)\b")


def _description_parts(spec: FieldSpec) -> tuple[list[str], list[str]]:
    """The name and the parts of the description that say what the field is about, and
    the parts that say what it is not about."""
    about = [spec.name.replace("_", " ").replace("-", " ")]
    apart = []
    parts = [part for part in re.split(r"[.;:()]", fold(spec.description)) if part.strip()]
    for index, part in enumerate(parts):
        said, *contrasted = CONTRASTED.split(part, maxsplit=1)
        if contrasted and said.strip() and not SETS_APART.search(said):
            # "This is a deadline, not the inspection appointment": the deadline stays.
            about.append(said)
            apart.extend(contrasted)
        elif index and SETS_APART.search(part) and not BLANK_WHEN.match(part):
            excluded, *still_about = UNLESS.split(part, maxsplit=1)
            apart.append(excluded)
            about.extend(still_about)
        else:
            about.append(part)
    return about, apart


@cache
def described(spec: FieldSpec) -> str:
    """The field's name and the parts of its description that say what it is about, folded:
    "Not the day we call them back" does not make a date a call-back's."""
    return " ".join(_description_parts(spec)[0])


def _topic_stems(parts: Iterable[str]) -> set[str]:
    stems = {stem(word) for part in parts for word in TOKEN.findall(part)} - GENERIC_STEMS
    return {word for word in stems if len(word) > 2 and not word.isdigit()}


@cache
def own_words(spec: FieldSpec) -> frozenset[str]:
    """Stems of the words of the field's name and description that say what it is about."""
    return frozenset(_topic_stems(_description_parts(spec)[0]))


@cache
def set_apart(spec: FieldSpec) -> frozenset[str]:
    """Stems of the words the description names only to say the field is not about them
    ("the estimate visit" for a move date)."""
    return frozenset(_topic_stems(_description_parts(spec)[1]) - own_words(spec))


@cache
def topic(spec: FieldSpec) -> frozenset[str]:
    """`own_words`, and every pack's words for the concepts they name."""
    stems = set(own_words(spec))
    if stems & NEW:
        stems |= NOT_NEW
    for pack in PACKS.values():
        for concept, words in pack.concepts.items():
            if stem(concept) in stems:
                stems.update(_telling(words))
    return frozenset(stems)


def _telling(phrases: Iterable[str]) -> set[str]:
    """The stems of the words of `phrases` that tell a topic apart ("need it back" is
    "back")."""
    said = {stem(word) for phrase in phrases for word in phrase.split()}
    return {word for word in said if word not in GENERIC_STEMS and len(word) > 2}


@cache
def concept(word: str) -> frozenset[str]:
    """A word's stem and every pack's words for it ("name": "nombre", "nome", "namen")."""
    said = {stem(word)}
    for pack in PACKS.values():
        said.update(_telling(pack.concepts.get(word, ())))
    return frozenset(said)


def mentions(text: str, stems: Iterable[str]) -> set[str]:
    """The stems of `stems` that folded `text` says (by `same_stem`)."""
    said = _said(text)
    return {wanted for wanted in stems if said.has(wanted)}


@dataclass(frozen=True)
class _Said:
    """The stems a text says, and every start of five letters or more of each, so that
    asking for a stem costs a few set lookups however long the text."""

    stems: frozenset[str]
    starts: frozenset[str]

    def has(self, wanted: str) -> bool:
        if wanted in self.stems:
            return True
        if len(wanted) < SHORTEST_SHARED_START:
            return False
        return wanted in self.starts or any(
            wanted[:end] in self.stems for end in range(SHORTEST_SHARED_START, len(wanted))
        )


SHORTEST_SHARED_START = 5


# Each sentence is asked about every field's topic in turn.
@lru_cache(maxsize=1 << 12)
def _said(text: str) -> _Said:
    text = AGREED.sub(" ", text)
    said = frozenset(stem(word) for word in TOKEN.findall(text))
    starts = frozenset(
        word[:end] for word in said for end in range(SHORTEST_SHARED_START, len(word) + 1)
    )
    return _Said(said, starts)


def weights(specs: Iterable[FieldSpec]) -> dict[str, float]:
    """A stem shared by several fields' topics tells them apart less than one of its own."""
    counts: dict[str, int] = {}
    for spec in specs:
        for word in topic(spec):
            counts[word] = counts.get(word, 0) + 1
    return {word: 1 / count for word, count in counts.items()}


def score(text: str, spec: FieldSpec, weight: dict[str, float]) -> float:
    return sum(weight.get(word, 1.0) for word in mentions(text, topic(spec)))


def about(text: str, spec: FieldSpec, weight: dict[str, float]) -> bool:
    """Whether `text` speaks of the field more than of what its description sets apart."""
    own = score(text, spec, weight)
    return bool(own) and own >= len(mentions(text, set_apart(spec)))


# Where the call speaks of a field


def _question_before(said: list[Sentence], sentence: Sentence) -> list[Sentence]:
    """The agent's turn right before `sentence`, when `sentence` is among the first two of
    the customer's turn: the answer to a question comes first."""
    earlier = [s for s in said if s.turn < sentence.turn]
    own_turn = [s for s in said if s.turn == sentence.turn]
    if not earlier or earlier[-1].role != "agent" or own_turn.index(sentence) > 1:
        return []
    return [s for s in earlier if s.turn == earlier[-1].turn]


def _reply_after(said: list[Sentence], sentence: Sentence) -> Sentence | None:
    later = [s for s in said if s.turn > sentence.turn]
    if not later or later[0].role != "user":
        return None
    return later[0]


# Where an agent's opening line stops naming the business and starts asking.
ASKING = re.compile(
    r"\b(?:how|what|which|when|are|is(?<!this is)(?<!it is)|was|were|do|does|did|have|has|can|"
    r"could|would|will|may|shall|any)\b"
)


def line_name(said: list[Sentence]) -> str:
    """The agent's opening words up to its first question: the line's own name ("ferreira
    and walsh funeral home how can i help"), said on every call."""
    if not said or said[0].role != "agent" or said[0].turn != 0:
        return ""
    return ASKING.split(said[0].folded, maxsplit=1)[0]


def passages(
    said: list[Sentence], spec: FieldSpec, weight: dict[str, float], *, how_much: bool = False
) -> list[Passage]:
    """Every place the call speaks of the field, in the order said; with `how_much`, also
    where the agent asks "how much?" of nothing else, as the field's description does."""
    found: list[Passage] = []
    for sentence in said:
        if sentence.role == "user":
            question = _question_before(said, sentence)[-2:]
            asked = [s.folded for s in question if about(s.folded, spec, weight)
                     or (how_much and _asks_how_much(s.folded, spec))]  # fmt: skip
            if asked:
                found.append(Passage("answer", sentence, sentence.folded, asked[-1]))
            # An answer to another field's question may still state this one ("tomorrow at
            # noon, and I need it back by Saturday").
            if about(sentence.folded, spec, weight):
                found.append(Passage("statement", sentence, sentence.folded, sentence.folded))
            continue
        reply = _reply_after(said, sentence)
        if (
            reply is not None
            and about(sentence.folded, spec, weight)
            and yes_or_no(reply.folded) is True
        ):
            found.append(Passage("read-back", sentence, sentence.folded, sentence.folded))
    return found


def opens_with_how_much(spec: FieldSpec) -> bool:
    """ "How much money they want to borrow": a description that is the agent's question."""
    return bool(HOW_MUCH.match(fold(spec.description)))


def _asks_how_much(text: str, spec: FieldSpec) -> bool:
    """ "How much are you thinking?", "cuanto necesita": the question names no other thing
    than the field (not "how many kids")."""
    asked = HOW_MUCH.search(text)
    if asked is None:
        return False
    following = TOKEN.findall(text[asked.end() :])[:1]
    return not following or any(
        stem(word) in GENERIC_STEMS | _common_stems() | topic(spec) or len(word) <= 3
        for word in following
    )


def owned(
    passage: Passage, spec: FieldSpec, rivals: Iterable[FieldSpec], weight: dict[str, float]
) -> bool:
    """Whether no other field of the same kind is spoken of more where `passage` was
    found."""
    own = score(passage.basis, spec, weight)
    return all(score(passage.basis, rival, weight) <= own for rival in rivals if rival != spec)


# Yes and no


def _opening(text: str) -> str:
    """The answer with fillers dropped and one space between words."""
    return " ".join(FILLER.sub(" ", re.sub(r"[^\w\s']", " ", text)).split())


def _starts_with(text: str, phrases: Iterable[str]) -> bool:
    return any(text == phrase or text.startswith(f"{phrase} ") for phrase in phrases)


def unsure(text: str) -> bool:
    """Whether the customer says they do not know or have not decided."""
    return any(
        re.search(rf"\b{re.escape(phrase)}\b", text)
        for pack in PACKS.values()
        for phrase in pack.unsure
    )


def yes_or_no(text: str) -> bool | None:
    """Whether an answer says yes or no, in any pack's words; None when it settles
    nothing or says both. After a correction, what follows it is the answer ("no, I mean
    yes"); an answer that opens with neither may sum itself up ("she's got a toddler, so
    yeah")."""
    answer = SELF_CORRECTION.split(text)[-1]
    said = _opening_says(answer)
    summed = SUMS_UP.search(answer)
    return _opening_says(answer[summed.end() :]) if said is None and summed else said


def _opening_says(answer: str) -> bool | None:
    opening = _opening(answer)
    if not opening or unsure(opening):
        return None
    said_no = any(_starts_with(opening, pack.no) for pack in PACKS.values())
    said_yes = any(_starts_with(opening, pack.yes) for pack in PACKS.values())
    if said_yes and YEAH_NO.match(opening):
        return False  # "yeah no, it's used": the no is the answer
    if said_no == said_yes:
        return None
    return said_yes


YEAH_NO = re.compile(r"^(?:yeah|yes|yep|ya|si|sim|ja)\s+(?:no|nah|nope|nao|nein)\b")


# "Have you been here before?" asks whether this is a first visit, the other way round.
NEW = stems("new first")
NOT_NEW = stems("before previous previously existing returning already prior") | {
    stem(word)
    for pack in PACKS.values()
    for phrase in pack.concepts.get("before", ())
    for word in phrase.split()
}


SPAN_END = stems("return back end until till finish due checkout")


def ends_a_span(spec: FieldSpec) -> bool:
    """ "Day the car comes back to us", `return_date`: the end of a stay or a rental."""
    return bool(own_words(spec) & SPAN_END)


def asked_the_other_way(text: str, spec: FieldSpec) -> bool:
    return bool(
        own_words(spec) & NEW
        and mentions(text, NOT_NEW - own_words(spec))
        and not mentions(text, NEW)
    )


def negated(text: str) -> bool:
    words = set(TOKEN.findall(text))
    return any(
        (negation in words) if " " not in negation else (negation in text)
        for pack in PACKS.values()
        for negation in pack.negations
    ) or bool(re.search(r"n't\b", text))


def statement(text: str) -> bool:
    """A sentence in which the customer says something of themselves, not a question."""
    return bool(FIRST_PERSON.search(text)) and not QUESTION_OPENER.search(text)


# Numbers


@dataclass(frozen=True)
class Amount:
    value: float
    start: int
    end: int
    scaled: bool  # said with a magnitude ("350 thousand", "1.2 mil", "600k")


ARTICLE = re.compile(r"^\s*(?:the|a|an|any|some|anything else|anything)\s+")
AND_A_HALF = re.compile(r"(?:\s+[a-z]+)?\s+(?:and a half|y medio|y media|e meio|e meia|einhalb)\b")
DIGITS = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)*)(?![\w])")


@cache
def _magnitudes(language: str) -> dict[str, int]:
    """Every pack's words for a thousand, a million…, the call's language deciding where
    two differ ("1.2 mil" is 1.2 million in English, 1,200 in Spanish)."""
    said = {word: size for pack in PACKS.values() for word, size in pack.magnitudes.items()}
    own = PACKS[language].magnitudes if language in PACKS else {}
    return {**said, **own}


def with_digits(text: str, language: str) -> str:
    """Folded `text` with number words written as digits, in the call's language (and
    English, which code-switched calls mix in); "600k" is "600 k", "$1.75m" and "3.4m" are
    millions; "2'500", as the Swiss write it, is 2500."""
    text = re.sub(r"(\d)['\u2019](\d{3})\b", r"\1\2", text)
    # "unos trescientos", "umas sessenta": "some", not "one".
    text = re.sub(r"(\d)\s*k\b", r"\1 k", re.sub(r"\b(?:unos|unas|uns|umas)\b", " ", text))
    text = re.sub(r"([$€£]\s*\d+(?:\.\d+)?)mm?\b|(\d+\.\d+)m\b", r"\1\2 million", text)
    languages = [language] if language == "en" else [language, "en"]
    for code in languages:
        pack = PACKS.get(code)
        if pack is not None and pack.number_words:
            for folded, spelled in pack.number_spellings.items():
                text = text.replace(folded, spelled)
            # Below 2, only English words are numbers: "um banho", "un perro", "ein Hund"
            # say "a".
            text = fold(_alpha2digit(text, pack.number_words, foreign=code != language))
    return text


# English reads "os" ("oh"s) as zero: in another language's call it is "the" ("os amigos").
ENGLISH_ONLY_ZERO = re.compile(r"\bos\b")


def _alpha2digit(text: str, language: str, *, foreign: bool) -> str:
    threshold = 0 if language == "en" else 2
    if not foreign:
        return alpha2digit(text, language, threshold=threshold)
    pieces = ENGLISH_ONLY_ZERO.split(text)
    return "os".join(alpha2digit(piece, language, threshold=threshold) for piece in pieces)


# Points that group thousands, as German, Spanish, Portuguese and Turkish write them.
THOUSANDS_POINTS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def amounts(digits: str, language: str = "en") -> list[Amount]:
    """Numbers in `digits` (`with_digits` of what was said), with the magnitudes said
    after them applied: "4 50" (four fifty) is 450, "350 1000" and "350 k" are 350,000."""
    found: list[Amount] = []
    magnitudes = _magnitudes(language)
    for match in DIGITS.finditer(digits):
        raw = match.group(1).replace(",", "") if "," in match.group(1) and not re.fullmatch(
            r"\d+,\d{1,2}", match.group(1)) else match.group(1).replace(",", ".")  # fmt: skip
        if THOUSANDS_POINTS.fullmatch(raw) and (language != "en" or raw.count(".") > 1):
            raw = raw.replace(".", "")  # "Rund 410.000 Euro", "1.250.000"
        try:
            value = float(raw)
        except ValueError:
            continue
        found.append(Amount(value, match.start(), match.end(), False))
    merged: list[Amount] = []
    for amount in found:
        between = digits[merged[-1].end : amount.start] if merged else ""
        previous = merged[-1] if merged else None
        if previous and not between.strip() and _joins(previous.value, amount.value):
            merged[-1] = Amount(_joined(previous.value, amount.value), previous.start,
                                amount.end, previous.scaled or amount.scaled)  # fmt: skip
            continue
        merged.append(amount)
    scaled: list[Amount] = []
    for amount in merged:
        after = digits[amount.end :]
        word = re.match(r"\s*([a-z]+)\b", after)
        size = magnitudes.get(word.group(1), 0) if word else 0
        if word and size >= 1000 and amount.value < 1000:
            scaled.append(Amount(amount.value * size, amount.start, amount.end + word.end(), True))
            continue
        scaled.append(amount)
    halves = _halves(digits, magnitudes)
    kept = [a for a in scaled if not any(h.start <= a.start < h.end for h in halves)]
    read = sorted([*_and_a_half(kept, digits, magnitudes), *halves], key=lambda a: a.start)
    return [a for a in read if not any(o.start < a.start < o.end for o in read)]


def _and_a_half(said: list[Amount], text: str, magnitudes: dict[str, int]) -> list[Amount]:
    """ "twelve and a half" is 12.5, "two and a half grand" 2,500."""
    read = []
    for amount in said:
        half = AND_A_HALF.match(text, amount.end)
        if half and not amount.scaled:
            size = re.match(r"\s+(1000000|1000|[a-z]+)\b", text[half.end() :])
            magnitude = size.group(1) if size else ""
            times = int(magnitude) if magnitude.isdigit() else magnitudes.get(magnitude, 0)
            unit = next((u for u in (1_000_000, 1000) if amount.value % u == 0), 0)
            if size and times >= 1000:
                amount = Amount((amount.value + 0.5) * times, amount.start,
                                half.end() + size.end(), True)  # fmt: skip
            elif unit:  # "un millón y medio": the magnitude written out already
                amount = Amount(amount.value + unit / 2, amount.start, half.end(), True)
            else:
                amount = Amount(amount.value + 0.5, amount.start, half.end(), False)
        read.append(amount)
    return read


def _number_before(text: str, at: int) -> int:
    """Where the number right before `at` ends ("2" in "2 and a half"), or `at`."""
    before = re.search(r"\d\s+(?:and|y|e|und)(?:\s+an?)?\s*$", text[:at])
    return before.start() + 1 if before else at


def _joins(previous: float, following: float) -> bool:
    """ "4 50" (four fifty) is 450, "14 50" (fourteen fifty) 1,450, "1000000" after "1.2"
    is 1.2 million, "350 1000" is 350 thousand; "9 1 7" is three digits of a phone number,
    not one number, and "60 65" (sixty, sixty five) two tries at one."""
    if following >= 1000 and following in (1_000, 1_000_000, 1_000_000_000):
        return previous < 1000
    hundreds = 1 <= previous <= 9 or 11 <= previous <= 19
    return previous.is_integer() and hundreds and 10 <= following <= 99


def _joined(previous: float, following: float) -> float:
    if following in (1_000, 1_000_000, 1_000_000_000):
        return previous * following
    return previous * 100 + following


def _halves(text: str, magnitudes: dict[str, int]) -> list[Amount]:
    """ "Half a million", "a quarter million": a part of the magnitude that follows."""
    found = []
    for parts, words in ((2, {w for pack in PACKS.values() for w in pack.half}),
                         (4, {w for pack in PACKS.values() for w in pack.quarter})):  # fmt: skip
        said = "|".join(sorted(words, key=len, reverse=True))
        of_a = r"\s+(?:of\s+)?(?:a\s+|an\s+)?"
        for match in re.finditer(rf"\b(?:{said}){of_a}(1000000|1000|[a-z]+)\b", text):
            if AND_A_HALF.match(text, _number_before(text, match.start())):
                continue  # "2 and a half grand" is 2,500, not 2 and 500
            word = match.group(1)
            size = int(word) if word.isdigit() else magnitudes.get(word)
            if size and size >= 1000:
                found.append(Amount(size / parts, match.start(), match.end(), True))
    return found


# Choices


def choice_words(spec: FieldSpec) -> dict[str, tuple[str, ...]]:
    """Each choice by the words that say it: itself, its plural, its words apart
    ("single_family" is "single family"), what the description says it means
    ("toothache (pain in a tooth)"), and the packs' words for it ("puppy", "perro")."""
    description = fold(spec.description)
    said: dict[str, tuple[str, ...]] = {}
    for choice in spec.choices:
        plain = fold(choice).replace("_", " ").replace("-", " ").strip()
        words = [plain, plain.replace(" ", ""), plain.replace(" ", "-")]
        # "(van = our 7 and 9 seaters): economy, …": the meaning ends with its bracket.
        meaning = re.search(rf"\b{re.escape(plain)}\b\s*(?:\(([^)]*)\)|[:=-]\s*([^,;.():]*))",
                            description)  # fmt: skip
        if meaning:
            described = re.split(
                r",|/|\bor\b|\band\b|:", meaning.group(1) or meaning.group(2) or ""
            )
            words += [ARTICLE.sub("", w).strip() for w in described]
        words += [w for pack in PACKS.values() for w in pack.concepts.get(plain, ())]
        words += [w for pack in PACKS.values() for w in pack.choices.get(plain, ())]
        # A choice's own name of several words stays its word however plain ("in person").
        own = {plain, plain.replace(" ", "-")} if " " in plain else set()
        said[choice] = tuple(
            dict.fromkeys(w for w in words if len(w) > 2 and (w in own or not _generic(w)))
        )
    # Another choice's own name is never this one's word.
    names = {choice: fold(choice).replace("_", " ").replace("-", " ").strip() for choice in said}
    return {
        choice: tuple(w for w in words if w == names[choice] or w not in names.values())
        for choice, words in said.items()
    }


@cache
def choice_hints(spec: FieldSpec) -> dict[str, frozenset[str]]:
    """Each choice's own words in the part of the description that says what it means,
    shared with no other choice: "leak = water coming out where it shouldn't (pipe,
    ceiling, tap, cylinder)" gives leak pipe, ceiling, tap and cylinder."""
    described = fold(spec.description).replace("_", " ")
    # "bookkeeping = monthly books or payroll, no return asked for": not its words.
    parts = [re.split(r"\b(?:no|not|never|nor|except|other than)\b", part)[0]
             for part in re.split(r"[;.]|\)\s*,", described)]  # fmt: skip
    meanings: dict[str, set[str]] = {}
    for choice in spec.choices:
        words = fold(choice).replace("_", " ").replace("-", " ").strip()
        plain = re.escape(words)
        meant = [p for p in parts if re.match(rf"\W*{plain}\s*(?:[(:=-]|means\b|is\b)", p)]
        named = {stem(word) for word in TOKEN.findall(words)}
        said = {stem(w) for p in meant for w in TOKEN.findall(p)} - GENERIC_STEMS
        meanings[choice] = {word for word in said if word in named or word not in _common_stems()}
    return {
        choice: frozenset(
            w
            for w in words - set().union(*(o for c, o in meanings.items() if c != choice))
            if len(w) > 3 and not w.isdigit()
        )
        for choice, words in meanings.items()
    }


@cache
def _common_stems() -> frozenset[str]:
    """Words every call says ("before", "work"), which tell no choice from another."""
    said = (w for pack in PACKS.values() for words in pack.names.get("common", ()) for w in
            words.split())  # fmt: skip
    return frozenset(stem(word) for word in said)


def _generic(phrase: str) -> bool:
    """ "and the like", "anything else": words that name no choice."""
    return all(stem(word) in GENERIC_STEMS for word in TOKEN.findall(phrase))


def choices_said(text: str, spec: FieldSpec) -> list[str]:
    """The choices `text` names and does not deny, in the order said; a choice's words
    inside another's longer ones are that one's ("einmal" in "einmal pro Woche", "haftada
    bir" in "iki haftada bir")."""
    tokens = [stem(word) for word in TOKEN.findall(text)]
    found: list[tuple[int, int, str]] = []
    for choice, words in choice_words(spec).items():
        for phrase in words:
            wanted = [stem(word) for word in TOKEN.findall(phrase)]
            if not wanted:
                continue
            for at in range(len(tokens) - len(wanted) + 1):
                if tokens[at : at + len(wanted)] == wanted and not _denied(tokens, at):
                    found.append((at, at + len(wanted), choice))
    named = [
        (at, choice)
        for at, end, choice in found
        if not any(o <= at and end <= e and e - o > end - at for o, e, _ in found)
    ]
    return [choice for _, choice in sorted(dict.fromkeys(named))]


def _denied(tokens: list[str], at: int) -> bool:
    before = tokens[max(0, at - 3) : at]
    negations = {stem(n) for pack in PACKS.values() for n in pack.negations if " " not in n}
    return any(word in negations or word.endswith("n't") for word in before)
