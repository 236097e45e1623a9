"""Hindi, as speech-to-text writes it in Latin letters ("haan ji kal shaam chhe baje").

Calls in Hindi mix in English words, numbers and months ("next monday ko subah gyarah
baje", "nine eight double two"), which the English pack reads. "das" is no ten here: it is
a surname ("Priya Das"); speech-to-text writes the ten "dus".
"""

from extraction.packs import Pack
from extraction.packs.en import PACK as ENGLISH

NUMBERS = {"ek": 1, "do": 2, "teen": 3, "char": 4, "chaar": 4, "paanch": 5, "panch": 5,
           "chhe": 6, "chhah": 6, "saat": 7, "aath": 8, "nau": 9, "dus": 10, "gyarah": 11,
           "barah": 12, "terah": 13, "chaudah": 14, "pandrah": 15, "solah": 16, "satrah": 17,
           "atharah": 18, "unnis": 19, "bees": 20, "pachees": 25, "tees": 30, "chalis": 40,
           "pachas": 50, "sattar": 70, "assi": 80, "nabbe": 90}  # fmt: skip
# The hours, with the spellings speech-to-text gives them before "baje" ("che", "gyara").
HOURS = {word: value for word, value in NUMBERS.items() if value <= 12} | {
    "che": 6, "gyara": 11, "bara": 12}  # fmt: skip

CUES = {
    "accept": (
        r"^\W*(haan|haan ji|ji haan|hanji|ji|bilkul|theek hai|thik hai|sahi hai|zaroor|"
        r"jarur|chalega|done)\b",
    ),
    "refuse": (r"^\W*(nahi|nahin|ji nahi|mat|rehne do)\b",),
    "past": (r"\b(pichle|pichhle|ho gaya|ho gayi|kiya tha|kar liya|bhara tha|tha|thi)\b",),
    "unavailable": (r"\b(busy hoon|bahar hoon|nahi ho payega|nahi hoga|nahi aa payenge)\b",),
    "follow_up_announced": (
        r"\b(aapko|apko) (call|phone) (karenge|karegi|karega|karunga|karungi|kar denge)\b",
    ),
    "follow_up_question": (
        r"\b(call|phone) (karoon|karu|karun|kare|karein|kar sakte|kar sakta|kar sakti)\b|"
        r"\bkab (call|phone)\b",
    ),
    "customer_will_call": (
        r"\bmain (khud )?(call|phone) (karunga|karungi|kar lunga|kar lungi)\b|"
        r"\bmain (bata|batata|batati) (dunga|dungi|hoon)\b",
    ),
    "negative_follow_up": (
        r"\b(call|phone) mat (karo|karna|kijiye)\b|\bzaroorat nahi\b|\bzarurat nahi\b|"
        r"\binterest nahi\b|\binterested nahi\b|\bnahi chahiye\b",
    ),
    "positive_follow_up": (r"\b(call|phone) (karo|karna|kar dena|kar do|kijiye|kariye|karein)\b",),
    "clock_said": (r"\bbaje\b",),
    "time_question": (r"\b(kitne baje|kis time|kab)\b",),
    "name_question": (r"\bnaam\b",),
    "someone_else": (
        r"\b(?:meri|mere|mera|apni|apne|apna|hamari|hamare)\s+(?:beti|beta|bete|bachche|"
        r"bachchon|maa|mummy|mother|papa|pitaji|father|pati|patni|wife|husband|bhai|behen|"
        r"bahan|dost|boss|dadi|dada|nani|nana|saas|sasur)\b",
        r"\bke liye\b.{0,20}\bunka\b|\b(?:beti|bete|bachche|bachchon)\s+ke\s+liye\b",
    ),
    "other_name_said": (r"\b(?:uska|uski|unka|unki) naam\s+",),
    "other_name_question": (r"\b(?:uska|uski|unka|unki|iska|iski|inka|inki|\w+ ka) naam\b",),
    "your_name": (r"\b(?:aapka|apka|aapki) naam\b",),
    "phone_cue": (r"\b(mera number|number hai|mera mobile|mobile number hai)\b",),
    "same_number": (r"\b(yehi|yahi|isi|iss?i) number\b|\bnumber (yehi|yahi)\b",),
    "self_correction": (r"\b(nahi nahi|matlab|mera matlab)\b",),
    "correction": (r"\b(nahi nahi|matlab)\b",),
    "interest_none": (
        r"\binterest nahi\b|\binterested nahi\b|\bzaroorat nahi\b|\bzarurat nahi\b|"
        r"\bkoi zaroorat nahi\b|\bnahi chahiye\b",
    ),
    "interest_high": (
        r"\b(lena|karna|karwana|kharidna|book karna) chahta\b|\b(lena|karna|karwana|"
        r"kharidna|book karna) chahti\b|\bjaldi\b|\bturant\b|\babhi chahiye\b",
    ),
    "interest_low": (r"\babhi nahi\b|\bbaad mein dekhenge\b|\bmehenga\b|\bmehnga\b",),
    "interest_medium": (
        r"\bsoch(na|ke|kar)\b|\bdiscuss karna\b|\bbaat karni\b|\bdetails? (bhejo|bhej do|"
        r"chahiye)\b|\bdekhte hain\b",
    ),
    "hint_medium": (r"\bshayad\b|\bkitna\b|\bkitne ka\b",),
    "hint_high": (r"\bbahut (achha|accha|achhi|acchi|badhiya)\b",),
    "joined": ("aur", "phir"),
    "contrast": ("lekin", "magar"),
    "clause_break": ("lekin", "magar"),
}

NAMES = {
    "cue": ("mera naam", "mera naam hai", "naam hai mera"),
    "weak_cue": ("main",),
    "greeting": ("ji", "haan", "haan ji", "namaste", "namaskar"),
    "after": (
        "bol raha hoon",
        "bol rahi hoon",
        "bol raha hu",
        "bol rahi hu",
        "baat kar raha",
        "baat kar rahi",
    ),
    "confirm": ("haan", "ji", "haan ji", "ji haan", "main hi"),
    "trailing_title": ("ji", "sahab", "saheb"),
    "common": (
        """
        ji haan nahi nahin hai hain hoon hu main mera meri mere aap aapka aapki apka naam
        bol raha rahi rahe bata dijiye theek thik acha achha accha kal aaj parso subah shaam
        raat baje ko ka ki ke se mein par aur bhi toh wala wali yeh ye woh number
        """,
    ),
}

PACK = Pack(
    code="hi",
    yes=("haan", "haan ji", "ji haan", "hanji", "ji", "bilkul", "theek hai", "thik hai",
         "sahi hai", "zaroor", "hai", "haan hai", "ho gaya", "kar liya"),
    no=("nahi", "nahin", "ji nahi", "nahi nahi", "nahi hai", "koi nahi", "bilkul nahi",
        "abhi nahi", "nahi chahiye"),
    negations=("nahi", "nahin", "mat"),
    unsure=("pata nahi", "shayad", "dekhte hain", "sochna padega", "sochenge"),
    magnitudes={"hazaar": 1_000, "hazar": 1_000, "hajar": 1_000, "lakh": 100_000,
                "crore": 10_000_000, "karod": 10_000_000},
    half=("aadha",),
    range_joiners=("se", "ya"),
    most=("zyada se zyada", "maximum", "max"),
    least=("kam se kam",),
    concepts={
        "name": ("naam",), "home": ("ghar",), "own": ("apna", "apni", "khud ka"),
        "budget": ("kharcha",), "price": ("daam", "kimat", "keemat"),
        "weight": ("wajan", "wazan"), "dog": ("kutta", "kutte", "kutiya"), "cat": ("billi",),
        "pet": ("janwar",), "day": ("din",), "week": ("hafta", "hafte"),
        "month": ("mahina", "mahine"), "year": ("saal",), "people": ("log", "logon"),
        "guest": ("mehmaan", "mehman"), "date": ("tareekh", "tarikh"), "insurance": ("bima",),
        "pain": ("dard",), "move": ("shift",), "before": ("pehle", "pahle"),
        "new": ("naya", "nayi", "naye"), "first": ("pehli", "pehla", "pahli", "pahla"),
        "wedding": ("shaadi", "shadi"), "vehicle": ("gaadi", "gadi"),
    },
    numbers=NUMBERS,
    hundred="sau",
    thousands={"hazaar": 1_000, "hazar": 1_000, "lakh": 100_000, "crore": 10_000_000},
    ambiguous=("do", "teen", "char", "bees", "saat", "nau"),
    cues=CUES,
    names=NAMES,
    weekdays=("som(?:v|w)ar", "mangal(?:v|w)ar", "budh(?:v|w)ar", "(?:guru|veer)(?:v|w)ar",
              "shukra(?:v|w)ar", "shani(?:v|w)ar", "(?:ravi(?:v|w)ar|itvar|itwar)"),
    today=("aaj", "abhi"),
    tomorrow=("kal",),
    day_after_tomorrow=("parso", "parson", "parsoon"),
    set_aside_after=("nahi", "nahin", "busy", "mat"),
    periods={"next week": ("agle hafte", "agle week"), "next month": ("agle mahine",),
             "end of the month": ("mahine ke end", "mahine ke aakhir", "month end")},
    offsets=("{n} {unit} (?:mein|me|baad|ke baad)",),
    units={"din": "day", "dino": "day", "hafte": "week", "hafta": "week", "hafton": "week",
           "mahine": "month", "mahina": "month"},
    yesterday=("kal",),
    ago=("{n} {unit} (?:pehle|pahle)",),
    # "shaam seven baje", "evening mein around seven": hours and parts of the day are often
    # said in English.
    hours={**ENGLISH.hours, **HOURS},
    oclock=("baje",),
    clock={r"(?:saade|sade) {h}(?: {oclock})?\b": 30, r"sawa {h}(?: {oclock})?\b": 15,
           r"paune {h}(?: {oclock})?\b": -15,
           r"{part}(?: ko| mein)?(?: around| about)? {h}(?: {oclock}\b|{not_a_count})": 0,
           r"{h} {oclock}\b": 0},
    day_parts={**ENGLISH.day_parts, "subah": "morning", "subha": "morning",
               "dopahar": "afternoon", "dopehar": "afternoon", "shaam": "evening",
               "sham": "evening", "raat": "night"},
    counted=("din", "hafte", "mahine", "saal", "log", "kilo"),
    corrections=("nahi nahi", "matlab"),
)  # fmt: skip
