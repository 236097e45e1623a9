# ruff: noqa: RUF001, RUF002 - Turkish words are written with a dotless i
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
from functools import cache
from pathlib import Path

import names as census_names  # type: ignore[import-untyped]

from extraction.cues import NAME_QUESTION
from extraction.languages import FUNCTION_WORDS, fold

UPPER = "A-Z" + "".join(chr(code) for code in range(0x00C0, 0x0250) if chr(code).isupper())
LOWER = "a-z" + "".join(chr(code) for code in range(0x00DF, 0x0250) if chr(code).islower())
LETTER = f"{UPPER}{LOWER}"
NAME_WORD = rf"[{UPPER}][{LETTER}'\u2019-]+"
PARTICLES = r"(?:de|da|del|della|di|du|dos|das|van|von|der|den|la|le|bin|ibn|al|el|y|ter|te)"
TITLES = (
    r"(?:(?:el|la) )?(?:mr|mrs|ms|miss|mister|dr|doctor|prof|professor|sir|madam|sr|sra|srta|"
    r"senor|senora|senorita|señor|señora|señorita|don|dona|doña|bay|bayan|sayın|sayin)\.?"
)
TRAILING_TITLES = {"bey", "hanim", "hanimefendi", "beyefendi"}
NAME = rf"{NAME_WORD}(?:\s+(?:{PARTICLES}\s+)*{NAME_WORD}){{0,3}}"
TITLED_NAME = rf"(?:(?i:{TITLES})\s+)?({NAME})"
STRONG_CUES = (
    r"my name is|my name's|name is|name's|the name is|i am called|i'm called|call me|"
    r"meu nome é|meu nome e|me chamo|ich heiße|ich heisse|mein name ist|mera naam|"
    r"you're (?:talking|speaking) (?:to|with)|you are (?:talking|speaking) (?:to|with)|"
    r"me llamo|mi nombre es|mi nombre|nombre es|soy el señor|soy la señora|"
    r"adım|benim adım|ismim|benim ismim|adim|ismim"
)
WEAK_CUES = r"this is|i am|i'm|it's|it is|soy|habla|le habla|aquí|ben|aqui é|sou|hier ist|ich bin"
GREETING = (
    r"(?:(?:hi|hello|hey|yes|yeah|yep|sure|ok|okay|um|uh|oh|well|so|morning|evening|"
    r"good (?:morning|afternoon|evening)|hola|buenos días|buenas tardes|buenas|sí|si|bueno|"
    r"pues|alo|aló|efendim|merhaba|alo|evet|iyi günler|günaydın|tabii)\W+)*"
)
STRONG = re.compile(rf"(?i:\b(?:{STRONG_CUES}))\s+{TITLED_NAME}")
WEAK = re.compile(rf"(?i:\b(?:{WEAK_CUES}))\s+{TITLED_NAME}")
NAME_THEN_CUE = re.compile(
    rf"(?:^|[,;:-])\W*(?i:{GREETING}){TITLED_NAME}\s+(?i:here|speaking|calling|al habla|"
    r"hablando|ben|konuşuyor)\b"
)
BARE = re.compile(
    rf"\W*(?i:{GREETING})(?i:it's\s+|it is\s+|this is\s+|i'm\s+|i am\s+|soy\s+|ben\s+|"
    r"me llamo\s+|con\s+|habla\s+)?"
    rf"{TITLED_NAME}(?:\s+(?i:here|speaking|ben))?[.!]?\s*"
)
INVERTED = re.compile(rf"\W*({NAME_WORD}),\s+({NAME_WORD})[.!]?\s*")
SURNAME = re.compile(
    rf"(?i:\b(?:last name|surname|family name|apellido|soyadım|soyadim|soyismim))"
    rf"(?i:\s+is|'s|\s+es)?\s*:?\s+({NAME})"
)
FIRST_NAME = re.compile(
    rf"(?i:\b(?:first name|given name|nombre de pila|primer nombre|adım da|adım|ismim))"
    rf"(?i:\s+is|'s|\s+es)?\s*:?\s+({NAME})"
)
NAME_CHECK = re.compile(
    rf"(?i:am i speaking (?:with|to)|is this|is that|are you|speaking with|hablo con|"
    r"es usted|con quién hablo,?|ile mi görüşüyorum|siz misiniz|görüşüyorum)\s+"
    rf"{TITLED_NAME}\s*(?:,\s*(?i:right|correct|is that right))?\s*\?"
)
NAME_CHECK_AFTER = re.compile(rf"{TITLED_NAME}\s+(?i:ile mi görüşüyorum|siz misiniz|mı|mi)\b")
CONFIRM = re.compile(
    r"^\W*(yes|yeah|yep|speaking|that's me|that is me|it is|correct|that's right|si|sí|"
    r"soy yo|el mismo|la misma|evet|benim|ta kendisi|doğru)\b",
    re.IGNORECASE,
)
LOWER_NAME = re.compile(
    rf"(?i:\b(?:my name is|my name's|name is|the name is|me llamo|mi nombre es|adım|"
    rf"meu nome é|me chamo|ich heiße|mein name ist|mera naam|"
    rf"benim adım|ismim))\s+([{LOWER}][{LOWER}'\u2019-]+(?:\s+[{LOWER}][{LOWER}'\u2019-]+){{0,3}})"
)
AGENT_INTRO = re.compile(
    rf"(?i:\b(?:this is|my name is|my name's|i'm|i am|me llamo|soy|le habla|habla|"
    rf"ben|adım|benim adım))\s+({NAME_WORD})|({NAME_WORD})\s+(?i:here|speaking|al habla)\b"
)
# Words that start sentences and get capitalised, but are nobody's name.
COMMON_WORDS_SAID = """
    adim ismim benim soyadim llamo nombre soy con habla aqui hablando
    names theres thats whats dont cant ill ive youre hes shes lets wont didnt isnt
    about actually afraid again ah ahead all also always am an and another any anyway
    apparently around as at available away awesome basically because been before being best
    better big bit both busy but by bye calling can certainly cheers could course currently
    day dear definitely did do does doing done down driving each early either else even
    evening ever every everything exactly excellent excuse fair fantastic fine first for
    free friday from frankly full generally get give glad go going gone good goodbye got
    great guess had half happy hard has have having he hello her here hey hi him his hm hmm
    hold home honestly hope hopefully how however i if im in indeed interested is it its
    just kind kinda later let lets like likely listen literally look looking lovely lucky
    maybe me meanwhile mine mine monday moment more morning most mostly much must my nah
    naturally near nearly never new next nice night no nobody none nope nor not nothing now
    obviously of off oh ok okay on once one only or other our out over perfect perhaps
    personally please possibly pretty probably quick quickly quite rather ready really
    right said saturday see seriously she should since so some someone something sometimes
    soon sorry speaking still stuck such sunday super sure surely thank thanks that the
    their them then there these they thing things this those though thursday thus today
    together tomorrow tonight too totally true truly tuesday uh um unfortunately unless
    until up us usually very wait was we wednesday well were what whatever when where
    whether which while who why will wish with without wonderful work working would wow
    yeah yes yesterday yet yo you your yours afternoon night fortunately luckily sadly
    naturally obviously normally typically anyway anyhow alright agreed absolutely sounds
    sound hear listen calling calls call mister miss madam sir nurse doctor officer manager
    boss customer client agent claro bueno pues vale gracias hola buenas buenos dias tardes
    noches perdon disculpe perfecto mire oiga senor senora senorita usted aqui alli
    entonces mañana manana hoy ayer lunes martes miercoles jueves viernes sabado domingo si
    sí no tal vez quizas evet hayir tamam merhaba efendim alo tabii tabi peki yarin bugun
    pazartesi sali carsamba persembe cuma cumartesi pazar iyi gunaydin tesekkurler tesekkur
    ederim lutfen bey hanim
"""
COMMON_WORDS = set(COMMON_WORDS_SAID.split())
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


def _key(word: str) -> str:
    return fold(word.strip("'\u2019-.")).replace("'", "").replace("\u2019", "")


def _word_is_name(word: str) -> bool:
    folded = _key(word)
    if folded in COMMON_WORDS or len(folded) < 2:
        return False
    return not (folded.endswith(NOT_NAME_ENDINGS) and len(folded) > 5 and folded not in
                NAMES_ENDING_LY)  # fmt: skip


def cleaned(
    text: str, agent_names: set[str], *, mid_sentence: bool = False, language: str = "en"
) -> str:
    """The name in `text`, titles dropped, cut at the first word that is no name.

    Mid-sentence, a capitalised common word followed by a name is a name too: "I'm Can
    Aksoy", "This is Faith Okafor".
    """
    words: list[str] = []
    parts = text.split()
    if language == "tr" and parts and fold(parts[0]) == "ben":
        parts = parts[1:]  # Turkish "ben": I
    for index, raw in enumerate(parts):
        word = raw.strip("'\u2019-.,")
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
    if not words or all(fold(word) in agent_names for word in words):
        return ""
    return " ".join(words)


# Speech-to-text writes names in lower case. A line with no capital letter is written as
# a person would before the rules above read it: a known given name, the words that follow
# it, the words after "my name is", and the answer to the name question get capitals.
NOT_GIVEN_SAID = """
    will may bill mark sue pat grant hope rose june april august faith joy art chance ray guy
    van dale lane don ben sunny dawn summer autumn winter page earl major king gay sandy rich
    frank iris ivy penny ruby amber crystal dusty rusty lou
"""
NOT_GIVEN = frozenset(NOT_GIVEN_SAID.split())
NAME_STOPS_SAID = """
    and but from with calling here speaking the a i not so just again too please thanks y
    de ve ben bey hanim by for on at in is it this hai hoon or um uh like dot underscore dash
    hyphen period punto arroba ponto punkt se
"""
NAME_STOPS = frozenset(NAME_STOPS_SAID.split())
SPELLED = re.compile(r"^(?:[a-z]-){2,}[a-z]$")
LETTERS_APART = re.compile(r"\b(?:[a-z]\s){2,}[a-z]\b")
LOWER_CUE = re.compile(rf"(?:{STRONG_CUES})\s*$", re.IGNORECASE)
ANSWER_OPENING = re.compile(
    rf"^(?:{GREETING})(?:it'?s|it is|this is|i'?m|i am|yeah it'?s|soy|sou|ich bin|"
    r"me llamo|mi nombre es)?\s*$",
    re.IGNORECASE,
)


@cache
def given_names() -> frozenset[str]:
    """The US Census list of given names, lower case (public data, shipped by `names`)."""
    files = (census_names.FILES["first:male"], census_names.FILES["first:female"])
    rows = [row for file in files for row in Path(file).read_text().splitlines() if row]
    listed = {row.split()[0].casefold() for row in rows}
    spoken = {word for words in FUNCTION_WORDS.values() for word in words.split()}
    return frozenset(name for name in listed - NOT_GIVEN - spoken if len(name) > 2)


def in_capitals(lines: list[Line]) -> list[Line]:
    """Each line with no capital letter written with capitals on the names in it."""
    return [
        replace(line, text=_capitalised(line.text, _asked_name(lines, line)))
        if line.text == line.text.casefold()
        else line
        for line in lines
    ]


def _capitalised(text: str, answers_name_question: bool) -> str:
    text = LETTERS_APART.sub(lambda m: m.group(0).replace(" ", "-"), text)
    words: list[str] = []
    naming = 0  # words still to take as a name after a cue or a name just said
    said = text.split()
    for index, raw in enumerate(said):
        bare = raw.strip(".,!?;:")
        if SPELLED.match(bare):
            spelled = bare.replace("-", "")
            if any(_key(word) == spelled for word in words):
                continue
            raw = spelled
            bare = spelled
        # The answer to "who am I speaking with?" is a name when it is a few words long.
        short_answer = answers_name_question and len(said) - index <= 3
        if LOWER_CUE.search(" ".join(words)) or (
            short_answer and ANSWER_OPENING.match(" ".join(words) + " ")
        ):
            naming = 2
        key = _key(bare)
        is_word = bare.isalpha() and len(bare) > 1 and key not in NAME_STOPS
        if words and _key(words[-1]) == key:
            continue  # a word said twice: "carlos carlos mendoza"
        given = key in given_names()
        if is_word and _word_is_name(bare) and (naming or given):
            words.append(raw[:1].upper() + raw[1:])
            # A given name may be followed by another name; any other word by one more.
            naming = max(naming - 1, 1) if given else naming - 1
            continue
        naming = 0
        words.append(raw)
    return " ".join(words)


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
        NAME_QUESTION.search(fold(other.text)) for other in earlier if other.turn == last_turn
    )


def said_names(lines: list[Line], language: str) -> list[SaidName]:
    """Every name the customer states or confirms, in the order said."""
    agents = agent_names(lines)
    found: list[SaidName] = []

    def add(text: str, evidence: str, order: int, *, mid_sentence: bool = True) -> None:
        name = cleaned(text, agents, mid_sentence=mid_sentence, language=language)
        if name:
            found.append(SaidName(name, evidence, order))

    finders: list[Callable[[Line], list[str]]] = [
        lambda line: [m.group(1) for m in STRONG.finditer(line.text)],
        lambda line: [m.group(1) for m in NAME_THEN_CUE.finditer(line.text)],
        lambda line: [
            " ".join(w.capitalize() for w in _lower_name(m.group(1)))
            for m in LOWER_NAME.finditer(line.text)
        ],
        lambda line: [
            m.group(1)
            for m in WEAK.finditer(line.text)
            if language == "tr" or not m.group(0).casefold().startswith("ben")
        ],
    ]
    for order, line in enumerate(lines):
        if line.role != "user":
            continue
        for finder in finders:
            for text in finder(line):
                add(text, line.text, order)
        surname, first = SURNAME.search(line.text), FIRST_NAME.search(line.text)
        if surname and first and first.start() != surname.start():
            add(f"{first.group(1).split()[0]} {surname.group(1).split()[0]}", line.text, order)
        if _asked_name(lines, line):
            inverted = INVERTED.fullmatch(line.text)
            if inverted and all(_word_is_name(word) for word in inverted.groups()):
                add(f"{inverted.group(2)} {inverted.group(1)}", line.text, order)
            else:
                bare = BARE.fullmatch(line.text)
                if bare:
                    add(bare.group(1), line.text, order, mid_sentence=bare.start(1) > 0)
                else:
                    # "Hi, Gary Oldman... no relation.": a full name opening the answer.
                    opening = BARE.match(line.text)
                    if opening and len(opening.group(1).split()) >= 2:
                        add(opening.group(1), line.text, order, mid_sentence=True)
        elif (opening := BARE.match(line.text)) and _introduces(opening.group(1)):
            # "hi lauren mitchell i'm calling about the townhouse": a caller who opens
            # with their full name.
            add(opening.group(1), line.text, order, mid_sentence=True)
        confirmed = _confirmed(lines, line)
        if confirmed is not None:
            add(confirmed.group(1), confirmed.string, order)
    return found


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


def fullest(names: list[SaidName], lines: list[Line], language: str = "en") -> SaidName | None:
    """The fullest form of the name: the most words, and the first said among equals.

    A longer form said anywhere by the customer that contains the name found ("Ana" and,
    later, "Ana María López") is the name.
    """
    if not names:
        return None
    best = max(names, key=lambda said: (len(said.name.split()), -said.order))
    known = {fold(word) for word in best.name.split()}
    for order, line in enumerate(lines):
        if line.role != "user":
            continue
        for match in re.finditer(NAME, line.text):
            words = match.group(0).split()
            while words and not _word_is_name(words[0]):
                words.pop(0)
            longer = cleaned(" ".join(words), set(), language=language)
            words = longer.split()
            if len(words) > len(best.name.split()) and known & {fold(word) for word in words}:
                best = SaidName(longer, line.text, order)
    return best
