# ruff: noqa: RUF002 - Turkish words are written with a dotless i
"""The customer's name, as the offline extractor reads it.

A name is what the customer states after a cue ("my name is", "this is", "me llamo",
"adım"), gives as the answer to the agent's question about their name, or confirms when
the agent asks "Am I speaking with …?". The fullest form said anywhere in the call wins:
"It's Ana. Well, Ana María López, for the records" is Ana María López, "Müller. Jonas
Müller." is Jonas Müller, "Surname Aydın, first name Kemal" is Kemal Aydın. A title
("Mr.", "Sra.", "Bey") is not part of the name. A common word ("Morning",
"Unfortunately") is never a name, nor is the agent's own name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

import names as census_names  # type: ignore[import-untyped]

from extraction.cues import (
    EMAIL_SYMBOLS,
    NAME_QUESTION,
    OTHER_NAME_QUESTION,
    OTHER_NAME_SAID,
    YOUR_NAME,
    taken_back,
)
from extraction.languages import FUNCTION_WORDS, fold
from extraction.packs import PACKS

UPPER = "A-Z" + "".join(chr(code) for code in range(0x00C0, 0x0250) if chr(code).isupper())
LOWER = "a-z" + "".join(chr(code) for code in range(0x00DF, 0x0250) if chr(code).islower())
LETTER = f"{UPPER}{LOWER}"
NAME_WORD = rf"[{UPPER}][{LETTER}'\u2019-]+"
PARTICLES = r"(?:de|da|del|della|di|du|dos|das|van|von|der|den|la|le|bin|ibn|al|el|y|ter|te)"


def said(kind: str) -> str:
    """Every pack's words of one kind for names, as one regular-expression alternation."""
    words = [word for pack in PACKS.values() for word in pack.names.get(kind, ())]
    return "|".join(sorted(words, key=len, reverse=True)) or "(?!)"


TITLES = rf"(?:{said('title')})\.?"
TRAILING_TITLES = {fold(word) for pack in PACKS.values() for word in pack.names.get(
    "trailing_title", ())}  # fmt: skip
NAME = rf"{NAME_WORD}(?:\s+(?:{PARTICLES}\s+)*{NAME_WORD}){{0,3}}"
TITLED_NAME = rf"(?:(?i:{TITLES})\s+)?({NAME})"
STRONG_CUES = said("cue")
WEAK_CUES = said("weak_cue")
GREETING = rf"(?:(?:{said('greeting')})\W+)*"
AFTER_NAME = said("after")
STRONG = re.compile(rf"(?i:\b(?:{STRONG_CUES}))\s+{TITLED_NAME}")
WEAK = re.compile(rf"(?i:\b(?:{WEAK_CUES}))\s+{TITLED_NAME}")
NAME_THEN_CUE = re.compile(rf"(?:^|[,;:-])\W*(?i:{GREETING}){TITLED_NAME}\s+(?i:{AFTER_NAME})\b")
BARE = re.compile(
    rf"\W*(?i:{GREETING})(?:(?i:{WEAK_CUES}|{STRONG_CUES}|con)\s+)?"
    rf"{TITLED_NAME}(?:\s+(?i:{AFTER_NAME}))?[.!]?\s*"
)
PLAIN = re.compile(rf"\W*(?i:{GREETING}){TITLED_NAME}(?:\s+(?i:{AFTER_NAME}))?[.!]?\s*")
INVERTED = re.compile(rf"\W*({NAME_WORD}),\s+({NAME_WORD})[.!]?\s*")
SURNAME = re.compile(
    rf"(?i:\b(?:{said('surname')}))(?i:\s+is|'s|\s+es|\s+ist|\s+e)?\s*:?\s+({NAME})"
)
FIRST_NAME = re.compile(
    rf"(?i:\b(?:{said('first_name')}))(?i:\s+is|'s|\s+es|\s+ist|\s+e)?\s*:?\s+({NAME})"
)
NAME_CHECK = re.compile(
    rf"(?i:{said('check')})\s+{TITLED_NAME}\s*(?:,\s*(?i:right|correct|is that right))?\s*(?:\?|$)"
)
NAME_CHECK_AFTER = re.compile(rf"{TITLED_NAME}\s+(?i:{said('check_after')})\b")
CONFIRM = re.compile(rf"^\W*({said('confirm')})\b", re.IGNORECASE)
LOWER_NAME = re.compile(
    rf"(?i:\b(?:{STRONG_CUES}))\s+([{LOWER}][{LOWER}'\u2019-]+(?:\s+[{LOWER}][{LOWER}'\u2019-]+){{0,3}})"
)
# "haan ji main rahul verma bol raha hoon", "hi this is dana reyes here": a full name in lower
# case right before the words said after one, after a greeting or a weak cue.
LOWER_NAME_BEFORE_CUE = re.compile(
    rf"(?:^\W*(?i:(?:{said('greeting')})\W+)++(?:(?i:{WEAK_CUES})\s+)?|(?i:\b(?:{WEAK_CUES}))\s+)"
    rf"([{LOWER}][{LOWER}'\u2019-]+(?:\s+[{LOWER}][{LOWER}'\u2019-]+){{1,2}})"
    rf"\s+(?i:{AFTER_NAME})\b(?!\s+(?:ist|is)\b)"
)
AGENT_INTRO = re.compile(
    rf"(?i:\b(?:{STRONG_CUES}|{WEAK_CUES}))\s+({NAME_WORD})|({NAME_WORD})\s+(?i:{AFTER_NAME})\b"
)
# Words that start sentences and get capitalised, but are nobody's name.
COMMON_WORDS = {
    fold(word)
    for pack in PACKS.values()
    for words in pack.names.get("common", ())
    for word in words.split()
}
ALWAYS_CAPITALISED = {
    "i", "it", "this", "that", "the", "my", "yes", "no", "hi", "hello", "hey", "well", "so",
    "and", "but", "oh", "good", "thanks", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "mr", "mrs", "ms", "dr", "ok", "okay",
}  # fmt: skip
NOT_NAME_ENDINGS = ("ly",)
NAMES_ENDING_LY = {"emily", "kelly", "shelly", "beverly", "holly", "molly", "sally", "lily",
                   "ashley", "kimberly", "riley", "bradley", "stanley", "wesley", "dudley",
                   "shirley", "polly", "dolly", "billy", "willy", "wally", "beverley",
                   "hadley", "oakley", "finley"}  # fmt: skip


@dataclass(frozen=True)
class SaidName:
    name: str
    evidence: str
    order: int


@dataclass(frozen=True)
class Line:
    turn: int
    role: str
    text: str


@lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    return fold(word.strip("'\u2019-.")).replace("'", "").replace("\u2019", "")


# "ricardo almeida quarenta e um anos": a number word ends a name said with an age.
NUMBER_WORDS = frozenset(
    fold(word) for pack in PACKS.values() for word, value in pack.numbers.items() if value > 1
)
NOT_HEARD = re.compile(r"^\[|\]$")


def _word_is_name(word: str) -> bool:
    folded = _key(word)
    if folded in COMMON_WORDS or folded in NUMBER_WORDS or folded in CAPITALISED_NOT_NAMES:
        return False
    if len(folded) < 2:
        return False
    return not (folded.endswith(NOT_NAME_ENDINGS) and len(folded) > 5 and folded not in
                NAMES_ENDING_LY)  # fmt: skip


@cache
def _one_word_cues(language: str) -> frozenset[str]:
    """The call's language's words for "I" before a name ("ben", "main"); in another
    language they may be a name ("Ben Abernathy")."""
    pack = PACKS.get(language)
    cues = pack.names.get("weak_cue", ()) if pack else ()
    return frozenset(fold(cue) for cue in cues if " " not in cue)


def cleaned(
    text: str, agent_names: set[str], *, mid_sentence: bool = False, language: str = "en"
) -> str:
    """The name in `text`, titles dropped, cut at the first word that is no name.

    Mid-sentence, a capitalised common word followed by a name is a name too: "I'm Can
    Aksoy", "This is Faith Okafor".
    """
    words: list[str] = []
    parts = text.split()
    if parts and fold(parts[0]) in _one_word_cues(language):
        parts = parts[1:]  # Turkish "ben", Hindi "main": I
    for index, raw in enumerate(parts):
        word = raw.strip("'\u2019-.,")
        if NOT_HEARD.search(word):
            return ""  # "connor [inaudible]": part of the name was not heard
        following = parts[index + 1].strip("'\u2019-.,") if index + 1 < len(parts) else ""
        if (
            mid_sentence
            and not words
            and word[:1].isupper()
            and _key(word) not in ALWAYS_CAPITALISED
            and "'" not in word
            and "\u2019" not in word
            and following[:1].isupper()
            and _word_is_name(following)
        ):
            words.append(word)
            continue
        folded = fold(word)
        if not words and re.fullmatch(TITLES, folded, re.IGNORECASE):
            continue
        if folded in TRAILING_TITLES:
            break
        if re.fullmatch(PARTICLES, word) and words:
            words.append(word)
            continue
        if not _word_is_name(word):
            break
        words.append(word)
    while words and re.fullmatch(PARTICLES, words[-1]):
        words.pop()
    if len(words) > 2 and re.fullmatch(PARTICLES, fold(words[0])):
        words = words[1:]  # "¿A nombre de quién?" — "De Lucía Navarro."
    if len(words) > 2 and fold(words[0]) in agent_names:
        words = words[1:]  # "Hi Nick, Kylie Evans here": the agent greeted by name
    keys = [fold(word) for word in words]
    if len(words) > 3 and keys[-1] in keys[:-2]:
        words = words[keys.index(keys[-1]) + 1 :]  # "Tom Becker, Thomas Becker"
    elif len(words) == 3 and (keys[0] == keys[2] or keys[1].startswith(keys[0])):
        words = words[1:]  # "Gruber, Markus Gruber", "Jess, Jessica Tran"
    if not words or all(fold(word) in agent_names for word in words):
        return ""
    return " ".join(words)


# Speech-to-text writes names in lower case. A line with no capital letter is written as
# a person would before the rules above read it: a known given name, the words that follow
# it, the words after "my name is", and the answer to the name question get capitals.
NOT_GIVEN_SAID = """
    will may bill mark sue pat grant hope rose june april august faith joy art chance ray guy
    van dale lane don sunny dawn summer autumn winter page earl major king gay sandy rich
    frank iris ivy penny ruby amber crystal dusty rusty lou
"""
NOT_GIVEN = frozenset(NOT_GIVEN_SAID.split())
NAME_STOPS_SAID = """
    and but from with calling here speaking the a i not so just again too please thanks y
    de ve ben bey hanim by for on at in is it this hai hoon or um uh like se that's thats
    who's whos last surname spelled spelt technically main meri mera beti beta
"""
# An email's symbols said as words end a name said before the address.
NAME_STOPS = frozenset(NAME_STOPS_SAID.split()) | {
    word for word in EMAIL_SYMBOLS if " " not in word
}
# The words every language says most ("ist", "auf", "sim"): in lower case, no name.
SPOKEN_WORDS = frozenset(word for words in FUNCTION_WORDS.values() for word in words.split())
# Written with a capital, they are still nobody's name ("Ich rufe für meine Tochter an"),
# but for a few that are names or titles too.
CAPITALISED_NOT_NAMES = SPOKEN_WORDS - {"will", "bey", "hanim", "senor", "senora"}
FILLERS = frozenset(("um", "uh", "er", "erm", "hmm", "ah", "eh", "ehm", "ahm", "apostrophe"))
WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
# "Her name is Clover", "and the pup's name?", "the name of your insurance": a name that is
# not the caller's.
SOMEONE_ELSES = re.compile(
    r"\b(?:his|her|their|its|\w+'s|sein)\s+(?:name|nombre|nome)\b"
    r"|\b(?:name|nombre|nome) (?:of|de|do|da|der|des) (?:the |your |tu |su |seu |sua |ihre\w* )?"
    r"(?!patient|caller|person|customer|client|lead|owner|paciente|cliente|quien)\w+"
)
SPELLED = re.compile(r"^(?:[a-z]-)+[a-z]$")
LETTERS_APART = re.compile(r"(?<!['\u2019])\b(?:[a-z]\s){2,}[a-z]\b")
LOWER_CUE = re.compile(
    rf"(?:{STRONG_CUES}|{said('surname')}|{said('first_name')})\s*$", re.IGNORECASE
)
ANSWER_OPENING = re.compile(rf"^(?:{GREETING})(?:{WEAK_CUES}|{STRONG_CUES})?\s*$", re.IGNORECASE)


@cache
def given_names() -> frozenset[str]:
    """The US Census list of given names, lower case (public data, shipped by `names`)."""
    files = (census_names.FILES["first:male"], census_names.FILES["first:female"])
    rows = [row for file in files for row in Path(file).read_text().splitlines() if row]
    listed = {row.split()[0].casefold() for row in rows}
    spoken = {word for words in FUNCTION_WORDS.values() for word in words.split()}
    return frozenset(name for name in listed - NOT_GIVEN - spoken if len(name) > 2)


def in_capitals(lines: list[Line]) -> list[Line]:
    """Each line with no capital letter written with capitals on the names in it; the
    agent's lines first, so that the agent's name greeted at the start of a customer's line
    ("hi josh linda ferraro here") is left out, not taken for the customer's."""

    def written(line: Line, agents: frozenset[str]) -> Line:
        if line.text != line.text.casefold():
            return line
        return replace(line, text=_capitalised(line.text, _asked_name(lines, line), agents))

    agents = _introduced(lines)
    return [written(line, agents) for line in lines]


def _introduced(lines: list[Line]) -> frozenset[str]:
    """The names the agent gives itself before the customer first speaks: "and this is
    kevin right?" later asks about the caller."""
    opening = next((index for index, line in enumerate(lines) if line.role != "agent"), 0)
    written = [
        replace(line, text=_capitalised(line.text, False, frozenset()))
        if line.text == line.text.casefold()
        else line
        for line in lines[:opening]
    ]
    return frozenset(agent_names(written))


def _capitalised(text: str, answers_name_question: bool, agents: frozenset[str]) -> str:
    text = LETTERS_APART.sub(lambda m: m.group(0).replace(" ", "-"), text)
    words: list[str] = []
    naming = 0  # words still to take as a name after a cue or a name just said
    heard = [word for word in text.split() if _key(word) not in FILLERS]
    # A word said twice is one ("soy carmen carmen ruiz fernández" is a short answer).
    said = [word for at, word in enumerate(heard) if not at or _key(heard[at - 1]) != _key(word)]
    for index, raw in enumerate(said):
        if _key(raw) in agents and ANSWER_OPENING.match(" ".join(words) + " "):
            naming = 2  # the agent greeted by name, left out; the caller's name may follow
            continue
        bare = raw.strip(".,!?;:")
        if SPELLED.match(bare):
            spelled = bare.replace("-", "")
            keys = [_key(word) for word in words]
            joined = ["".join(keys[-count:]) for count in range(1, min(len(keys), 3) + 1)]
            if any(key.endswith(spelled) for key in keys) or spelled in joined:
                continue
            raw = spelled
            bare = spelled
        # The answer to "who am I speaking with?" is a name when it is a few words long.
        short_answer = answers_name_question and len(said) - index <= 3
        opening = short_answer and ANSWER_OPENING.match(" ".join(words) + " ")
        if LOWER_CUE.search(" ".join(words)) or opening:
            naming = 3
        key = _key(bare)
        is_word = (
            bool(WORD.fullmatch(bare))
            and len(bare) > 1
            and key not in NAME_STOPS
            and key not in SPOKEN_WORDS
        )
        if words and _key(words[-1]) == key:
            continue  # said again after its spelling: "kowalski k-o-w-a-l-s-k-i kowalski"
        given = key in given_names()
        if _third_word(words, said[index + 1 :]) and not given:
            naming = 0  # "fernanda costa queremos uma casa": a third word ends a name only
        if is_word and _word_is_name(bare) and (naming or given):
            words.append(raw[:1].upper() + raw[1:])
            # A given name may be followed by another name; any other word by one more.
            naming = max(naming - 1, 1) if given else naming - 1
            continue
        naming = 0
        words.append(raw)
    return " ".join(words)


def _third_word(words: list[str], following: list[str]) -> bool:
    """Whether the next word would be a name's third while more words follow it."""
    capitalised = 0
    for word in reversed(words):
        if not word[:1].isupper():
            break
        capitalised += 1
    return capitalised == 2 and len(following) > 1


def agent_names(lines: list[Line]) -> set[str]:
    """The names the agent introduces itself with ("this is Ada from Solaris")."""
    names = set()
    for line in lines:
        if line.role != "agent":
            continue
        for match in AGENT_INTRO.finditer(line.text):
            said = match.group(1) or match.group(2)
            if said and _word_is_name(said):
                names.add(fold(said))
    return names


def _asked_name(lines: list[Line], line: Line) -> bool:
    earlier = [other for other in lines if other.turn < line.turn]
    if not earlier or earlier[-1].role != "agent":
        return False
    last_turn = earlier[-1].turn
    return any(
        NAME_QUESTION.search(asked) and not _someone_elses(asked)
        for asked in (fold(other.text) for other in earlier if other.turn == last_turn)
    )


def _someone_elses(asked: str) -> bool:
    return bool(SOMEONE_ELSES.search(asked) or OTHER_NAME_QUESTION.search(asked))


def said_names(lines: list[Line], language: str) -> list[SaidName]:
    """Every name the customer states or confirms, in the order said."""
    agents = agent_names(lines)
    found: list[SaidName] = []

    def add(text: str, evidence: str, order: int, *, mid_sentence: bool = True) -> bool:
        name = cleaned(text, agents, mid_sentence=mid_sentence, language=language)
        if name:
            found.append(SaidName(name, evidence, order))
        return bool(name)

    finders: list[Callable[[Line], list[str]]] = [
        lambda line: [
            m.group(1)
            for m in STRONG.finditer(line.text)
            if not SOMEONE_ELSES.search(fold(line.text[: m.start() + 6]))
        ],
        lambda line: [m.group(1) for m in NAME_THEN_CUE.finditer(line.text)],
        lambda line: [
            " ".join(w.capitalize() for w in _lower_name(m.group(1)))
            for m in LOWER_NAME.finditer(line.text)
        ],
        lambda line: [
            " ".join(word.capitalize() for word in m.group(1).split())
            for m in LOWER_NAME_BEFORE_CUE.finditer(line.text)
            if _lower_name(m.group(1)) == m.group(1).split()
        ],
        _full_name_after_a_correction,
        lambda line: [
            m.group(1)
            for m in WEAK.finditer(line.text)
            if language == "tr" or not m.group(0).casefold().startswith("ben")
        ],
    ]
    opening_lines = [line for line in lines if line.role == "user"][:2]
    for order, line in enumerate(lines):
        if line.role != "user":
            continue
        for finder in finders:
            for text in finder(line):
                add(text, line.text, order)
        surname, first = SURNAME.search(line.text), FIRST_NAME.search(line.text)
        if surname and first and first.start() != surname.start():
            add(f"{first.group(1).split()[0]} {surname.group(1).split()[0]}", line.text, order)
        elif surname and (
            alone := [n.name for n in found if n.order == order and " " not in n.name]
        ):
            # "my name is siobhan … last name kerr"
            add(f"{alone[-1]} {surname.group(1).split()[0]}", line.text, order)
        if _asked_name(lines, line):
            inverted = INVERTED.fullmatch(line.text)
            if inverted and all(_word_is_name(word) for word in inverted.groups()):
                add(f"{inverted.group(2)} {inverted.group(1)}", line.text, order)
            else:
                # "Ben Abernathy": a name that opens with a cue word of another language is
                # read whole first; "Con Pedro Quispe" then without its cue.
                bare = [m for m in (PLAIN.fullmatch(line.text), BARE.fullmatch(line.text)) if m]
                if bare:
                    any(
                        add(m.group(1), line.text, order, mid_sentence=m.start(1) > 0) for m in bare
                    )
                else:
                    # "Hi, Gary Oldman... no relation.": a full name opening the answer.
                    opening = BARE.match(line.text)
                    if opening and len(opening.group(1).split()) >= 2:
                        add(opening.group(1), line.text, order, mid_sentence=True)
        elif (
            line in opening_lines
            and (opening := BARE.match(line.text))
            and _introduces(opening.group(1))
        ):
            # "hi lauren mitchell i'm calling about the townhouse": a caller who opens
            # the call with their full name.
            add(opening.group(1), line.text, order, mid_sentence=True)
        confirmed = _confirmed(lines, line)
        if confirmed is not None:
            add(confirmed.group(1), confirmed.string, order)
    return _after_corrections(found, lines)


def _full_name_after_a_correction(line: Line) -> list[str]:
    """ "it's Jess uh Jessica actually Jessica Moore": the full name that opens what follows
    the words taking back what was just said."""
    cut = taken_back(line.text.casefold())
    opening = BARE.match(line.text[cut:]) if cut else None
    return [opening.group(1)] if opening and " " in opening.group(1) else []


def _after_corrections(found: list[SaidName], lines: list[Line]) -> list[SaidName]:
    """ "I'm Tom, sorry, Thomas Reed": where a customer takes back what they just said, the
    names said after it are the ones meant."""
    kept = []
    for name in found:
        text = lines[name.order].text
        cut = taken_back(text.casefold())
        later = [
            n for n in found if n.order == name.order and n.name.casefold() in text[cut:].casefold()
        ]
        if not (cut and later) or name in later:
            kept.append(name)
    return kept


def _introduces(said: str) -> bool:
    words = said.split()
    return len(words) >= 2 and _key(words[0]) in given_names()


def _lower_name(text: str) -> list[str]:
    stops = {"and", "but", "from", "with", "calling", "here", "speaking", "the", "a", "i",
             "not", "so", "just", "again", "too", "please", "thanks", "y", "de", "ve", "ben",
             "bey", "hanim", "by", "for", "on", "at", "in", "is", "it", "this"}  # fmt: skip
    words = []
    for word in text.split():
        if word in stops or not _word_is_name(word):
            break
        words.append(word)
    return words


def _confirmed(lines: list[Line], line: Line) -> re.Match[str] | None:
    """ "Am I speaking with Maria Gonzalez?" — "Yes, speaking." """
    if not CONFIRM.search(line.text):
        return None
    earlier = [other for other in lines if other.turn < line.turn]
    if not earlier or earlier[-1].role != "agent":
        return None
    last_turn = earlier[-1].turn
    for question in reversed([other for other in earlier if other.turn == last_turn]):
        match = NAME_CHECK.search(question.text) or NAME_CHECK_AFTER.search(question.text)
        if match:
            return match
    return None


def other_names(lines: list[Line], language: str) -> list[SaidName]:
    """Another person's name, as the customer gives it: after "her name is" ("se llama",
    "o nome dele é"), or in answer to the agent's question about someone else's name
    ("what's your son's name?", "qual o nome dela?", or a name question once the
    caller's own was asked)."""
    agents = _introduced(lines)
    found: list[SaidName] = []
    for order, line in enumerate(lines):
        if line.role != "user":
            continue
        said = OTHER_NAME_SAID.search(fold(line.text))
        if said is not None:
            text = _after(line.text, said.end())
        elif _asks_someone_elses_name(lines, line):
            text = line.text
        else:
            continue
        words = [word for word in text.split() if _key(word) not in FILLERS][:4]
        lowered = " ".join(words).casefold() == " ".join(words)
        written = _capitalised(" ".join(words), True, agents) if lowered else " ".join(words)
        name = cleaned(written, set(agents), language=language)
        # "Aarav Mehta, Class 10 mein hai. Board exams aa rahe hain.": the answer's first
        # sentence that gives a name gives it.
        if name and not any(said.order < order and lines[said.order].turn == line.turn
                            for said in found):  # fmt: skip
            found.append(SaidName(name, line.text, order))
    return found


def _after(text: str, folded_end: int) -> str:
    """The words of `text` after its first `folded_end` folded characters."""
    return " ".join(text.split()[len(fold(text)[:folded_end].split()) :])


def _asks_someone_elses_name(lines: list[Line], line: Line) -> bool:
    earlier = [other for other in lines if other.turn < line.turn]
    if not earlier or earlier[-1].role != "agent":
        return False
    asked = fold(" ".join(other.text for other in earlier if other.turn == earlier[-1].turn))
    if not NAME_QUESTION.search(asked):
        return False
    if _someone_elses(asked):
        return True
    before = [other for other in earlier if other.turn < earlier[-1].turn]
    asked_before = any(o.role == "agent" and NAME_QUESTION.search(fold(o.text)) for o in before)
    return asked_before and not YOUR_NAME.search(asked)


def fullest(names: list[SaidName], lines: list[Line], language: str = "en") -> SaidName | None:
    """The fullest form of the name: the most words, and the last said among equals ("hey
    it's Mike" — "sorry, Michael Romano" corrects itself).

    A longer form said anywhere by the customer that contains the name found ("Ana" and,
    later, "Ana María López") is the name.
    """
    if not names:
        return None
    best = max(names, key=lambda said: (len(said.name.split()), said.order))
    known = {fold(word) for word in best.name.split()}
    for order, line in enumerate(lines):
        if line.role != "user":
            continue
        for match in re.finditer(NAME, line.text):
            words = match.group(0).split()
            while words and not _word_is_name(words[0]):
                words.pop(0)
            longer = cleaned(" ".join(words), agent_names(lines), language=language)
            words = longer.split()
            if len(words) > len(best.name.split()) and known & {fold(word) for word in words}:
                best = SaidName(longer, line.text, order)
    return best
