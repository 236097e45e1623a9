# ruff: noqa: RUF001, RUF002 - Turkish words are written with a dotless i
"""Which language a call is in, and text folded so that one rule matches every spelling.

The offline extractor reads the languages that have a pack (`extraction/packs/`). Rules
are written against folded text: lower case, accents and cedillas dropped, Turkish dotless
ı as i ("Çarşamba" and "carsamba", "mañana" and "manana", "yarın" and "yarin" are the same
words), so a transcript from speech recognition that drops the accents reads like one that
keeps them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from extraction.packs import PACKS

READ = tuple(sorted(PACKS))
NAMES = {
    "en": "English", "es": "Spanish", "tr": "Turkish", "de": "German", "fr": "French",
    "pt": "Portuguese", "it": "Italian", "hi": "Hindi", "nl": "Dutch",
    "other": "a language the offline extractor has no pack for",
}  # fmt: skip
# Short, frequent words of each language (folded). A word shared by two languages
# ("no", "a", "de") counts for neither.
FUNCTION_WORDS = {
    "en": "the and you yes is it i my me to for that this what we be are at your with can "
          "not please thanks thank have do call would will just sure okay hello of",
    "es": "el la los las que y si usted es por favor gracias mi me llamo soy para con una "
          "pero esta este muy bien hola quiero puede llamar manana bueno vale claro senor "
          "senora tengo lo le nos del al como cuando hoy semana dos semanas numero llamar "
          "llame llameme dentro celular telefono ahora tarde noche hablo habla usted "
          "nombre interesa gracias",
    "tr": "ve bir bu evet hayir ben benim adim siz sizi icin ama cok tesekkur ederim "
          "tamam olur yarin saat mi mu musunuz lutfen bey hanim var yok degil ile gibi "
          "merhaba arayin gun hafta iyi simdi",
    "de": "und ich nicht das ist ja nein sie bitte danke mit mein wir auf ein eine auch "
          "haben guten tag morgen wie",
    "fr": "et je vous oui non est pas le les des une merci bonjour mon nous avec pour "
          "c'est suis demain aussi",
    "pt": "e eu voce sim nao obrigado obrigada meu com para uma um bom dia amanha esta "
          "isso muito tambem",
    "hi": "haan nahi nahin hai hain hoon main mera meri aap aapka aapki kya ji theek thik kal "
          "baje ko se mein bhi toh chahiye karna",
    "it": "e io lei si non grazie buongiorno mio con per una sono domani anche molto "
          "questo",
    "nl": "en ik niet het is ja nee u dank je mijn met een wij ook goedemorgen morgen",
}  # fmt: skip
WORDS = {lang: set(words.split()) for lang, words in FUNCTION_WORDS.items()}
SHARED = {word for lang, words in WORDS.items() for word in words if any(
    word in other for other_lang, other in WORDS.items() if other_lang != lang)}  # fmt: skip
MARKERS = {lang: words - SHARED for lang, words in WORDS.items()}
LETTERS = re.compile(r"[^\W\d_]+")
TURKISH_LETTERS = set("ğışİĞŞı")
SPANISH_LETTERS = set("ñ¿¡")


# Cyrillic and Greek letters that look like Latin ones, as written into an English word to
# slip an instruction past a pattern ("SYSTEM NOTE" written with a Cyrillic capital IE).
LOOK_ALIKES = str.maketrans(
    "аеорсухіјѕһԁӏАВЕКМНОРСТХІЈЅοαειкνρτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijshdlABEKMHOPCTXIJSoaeiknptuxABEZHIKMNOPTYX",
)
MIXED_WORD = re.compile(r"\w+")


def _unmixed(word: re.Match[str]) -> str:
    """A word of Latin letters with look-alikes from another alphabet, read as Latin; a word
    wholly in another alphabet is left as written."""
    text = word.group(0)
    has_latin = any("a" <= char.lower() <= "z" for char in text)
    return text.translate(LOOK_ALIKES) if has_latin else text


# The same words and sentences are folded again for every field; a few thousand of them
# bound what a long-lived worker keeps (a transcript folded whole is one entry).
@lru_cache(maxsize=1 << 12)
def fold(text: str) -> str:
    """Lower case with accents dropped; Turkish İ and ı become i; look-alike letters inside
    a Latin word are read as Latin."""
    text = MIXED_WORD.sub(_unmixed, text)
    text = unicodedata.normalize("NFKC", text).replace("İ", "i")
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("ı", "i")


def language_of(text: str) -> str | None:
    """The language `text` is written in ("en", "es", "tr", "de", …, "other"); None when
    it has too few words to tell."""
    if any(char in TURKISH_LETTERS for char in text):
        return "tr"
    letters = LETTERS.findall(text)
    if (
        letters
        and sum(not word.isascii() and not _latin(word) for word in letters) > len(letters) / 2
    ):
        return "other"
    words = [fold(word) for word in letters]
    counts = Counter(lang for word in words for lang, markers in MARKERS.items() if word in markers)
    if any(char in SPANISH_LETTERS for char in text):
        counts["es"] += 2
    if not counts:
        return None
    read = [(counts[lang], lang) for lang in READ if counts[lang]]
    best_read = max(read)[1] if read else None
    other, other_score = max(
        ((lang, score) for lang, score in counts.items() if lang not in READ),
        key=lambda item: item[1],
        default=(None, 0),
    )
    # A language it does not read must clearly be the one spoken: a few foreign words in
    # a call it reads ("bonjour", a name) do not make it unreadable.
    best_read_score = counts[best_read] if best_read else 0
    if other and other_score >= 2 and other_score >= 2 * best_read_score:
        return other
    if best_read is None:
        return None
    tied = [lang for score, lang in read if score == best_read_score]
    return "en" if "en" in tied else best_read


def _latin(word: str) -> bool:
    return all("LATIN" in unicodedata.name(char, "") for char in word)


def call_language(texts: list[str]) -> str:
    """The language most of the call's turns are in; English when none can be told."""
    counts = Counter(lang for lang in map(language_of, texts) if lang)
    if not counts:
        return "en"
    return counts.most_common(1)[0][0]


def language_name(code: str) -> str:
    return NAMES.get(code, NAMES["other"])


def languages_read() -> str:
    """ "English, German, Hindi, Portuguese, Spanish and Turkish": the languages that have a
    pack."""
    read = sorted(NAMES[code] for code in READ)
    return f"{', '.join(read[:-1])} and {read[-1]}"
