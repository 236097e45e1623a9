# ruff: noqa: RUF002 - Turkish words are written with a dotless i
"""What customers say, as patterns on folded text, gathered from every language pack.

Each cue is the alternatives that every pack in `extraction/packs/` gives for it (a pack
names its cues in `Pack.cues`), matched against `extraction.languages.fold` of a sentence:
lower case, no accents, Turkish ı as i. The offline extractor's rules are in offline.py;
the words are in the packs, so a language adds its words by adding its pack.
"""

from __future__ import annotations

import re

from extraction.packs import PACKS


def alternatives(name: str) -> list[str]:
    return [alternative for pack in PACKS.values() for alternative in pack.cues.get(name, ())]


def cue(name: str) -> re.Pattern[str]:
    """Every pack's alternatives for the cue; a cue no pack gives never matches."""
    said = alternatives(name) or ["(?!)"]
    return re.compile("|".join(f"(?:{alternative})" for alternative in said))


def words(name: str) -> str:
    return "|".join(re.escape(word) for word in alternatives(name))


# Turns that address the extractor instead of the other speaker.
INSTRUCTION = cue("instruction")
# A sentence after an instruction that turns back to the customer's own answer, with or
# without the comma speech-to-text leaves out.
CONTRAST = re.compile(rf"(?:[,;]\s*|\s+)(?=(?:{words('contrast')})\b)", re.IGNORECASE)
OWN_WORDS_AGAIN = cue("own_words_again")

# Agreeing to, and turning down, what the agent just proposed.
ACCEPT = cue("accept")
REFUSE = cue("refuse")

# The customer is not there, or speaks of the past: a day said in such a clause is not
# a day to call.
PAST = cue("past")
UNAVAILABLE = cue("unavailable")
# Where one thought ends and the next begins, a correction included ("friday no wait
# thursday").
CLAUSE = re.compile(rf",|;|\s+(?:{words('clause_break')})\s+")
# Number words from one to nine: "vinte e cinco", "treinta y uno" are one number.
UNITS = "|".join(
    sorted(
        {word for pack in PACKS.values() for word, value in pack.numbers.items() if 0 < value < 10}
    )
)
# The parts of a sentence that may each name their own day ("tomorrow at noon and I need
# it back by Saturday", "we close on the 27th so we move the 28th").
JOINED = re.compile(rf",|;|\s+(?:{words('joined')}|{words('clause_break')})\s+(?!(?:{UNITS})\b)")
# What opens the end of a span: "from tomorrow at noon till friday", "a partir de amanhã
# até o dia dez" name two days, the second the end's.
UNTIL = re.compile(rf"(?:{'|'.join(alternatives('until')) or '(?!)'})\s")

# Follow-ups: the customer asks for one, turns it down, or will call themselves.
FOLLOW_UP_ANNOUNCED = cue("follow_up_announced")
FOLLOW_UP_QUESTION = cue("follow_up_question")
CUSTOMER_WILL_CALL = cue("customer_will_call")
NEGATIVE_FOLLOW_UP = cue("negative_follow_up")
POSITIVE_FOLLOW_UP = cue("positive_follow_up")
TIME_QUESTION = cue("time_question")
# The customer speaks of another person the call is for ("my son", "her name").
SOMEONE_ELSE = cue("someone_else")
# An hour said after its preposition ("at like three", "a las diez"), not a count.
CLOCK_BEFORE = cue("clock_before")
# "Monday works", "that works for me": the word that agrees to a day, not one of a topic.
AGREED = cue("agreed")
# "Forty euros per person": a price per head or per night, not a total.
PER_UNIT = cue("per_unit")
# "She's got a toddler, so yeah": the yes or no that sums an answer up follows this.
SUMS_UP = cue("sums_up")
# A question for an amount or a count ("how much do you need", "cuanto necesita").
HOW_MUCH = cue("how_much")
# What a customer says about an email address while spelling it: "all one word", "no
# dots", "erik with a k".
EMAIL_ASIDE = cue("email_aside")
# A clock time said as one ("at ten", "7:30", "um zehn Uhr"), not a number that could be one.
CLOCK_SAID = cue("clock_said")
NAME_QUESTION = cue("name_question")
# Another person's name: asked for ("what's her name", "nome dele"), said ("her name is"),
# and the caller's own asked for again ("your name").
OTHER_NAME_QUESTION = cue("other_name_question")
OTHER_NAME_SAID = cue("other_name_said")
YOUR_NAME = cue("your_name")
PHONE_CUE = cue("phone_cue")
PHONE_QUESTION = cue("phone_question")
NOT_A_PHONE = cue("not_a_phone")
SAME_NUMBER = cue("same_number")
CORRECTION = cue("correction")
# What a speaker says to take back what they just said and say it again.
SELF_CORRECTION = cue("self_correction")


def taken_back(folded: str) -> int:
    """Where what follows the last words taking back what was said begins, or 0."""
    return max((match.end() for match in SELF_CORRECTION.finditer(folded)), default=0)


# Interest, strongest first within each level. A cue is strong when it says where the
# customer stands in so many words, weak when it only hints.
INTEREST_STRONG = tuple(
    (level, cue(f"interest_{level}")) for level in ("none", "high", "low", "medium")
)
INTEREST_WEAK = tuple((level, cue(f"hint_{level}")) for level in ("medium", "high"))

# The customer's mood (the sentiment preset): "not happy" before "happy".
SENTIMENT_NEGATIVE = cue("sentiment_negative")
SENTIMENT_POSITIVE = cue("sentiment_positive")

# A recorded greeting instead of a person (the voicemail preset); a customer who only
# mentions a voicemail ("I got your voicemail") is not one.
VOICEMAIL = cue("voicemail")

# What each symbol of an email address is called ("arroba", "punkt", "bindestrich").
EMAIL_SYMBOLS = {
    word: symbol for pack in PACKS.values() for word, symbol in pack.email_symbols.items()
}


def email_words(symbols: str) -> str:
    """The words said for any of `symbols`, as alternatives of a regular expression."""
    said = [word for word, symbol in EMAIL_SYMBOLS.items() if symbol in symbols]
    return "|".join(re.escape(word) for word in sorted(said, key=len, reverse=True))
