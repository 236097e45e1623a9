"""German."""

from extraction.packs import Pack

HOURS = {"eins": 1, "ein": 1, "zwei": 2, "drei": 3, "vier": 4, "funf": 5, "sechs": 6,
         "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwolf": 12,
         "dreizehn": 13, "vierzehn": 14, "funfzehn": 15, "sechzehn": 16, "siebzehn": 17,
         "achtzehn": 18, "neunzehn": 19, "zwanzig": 20, "einundzwanzig": 21,
         "zweiundzwanzig": 22, "dreiundzwanzig": 23}  # fmt: skip

CUES = {
    "instruction": (
        r"\b(ignorier\w*|vergiss|vergessen sie)\b.{0,30}\b(anweisung\w*|regeln|vorherige\w*)\b",
        r"\b(markier\w*|trag\w*|setz\w*|notier\w*)\b.{0,30}\b(als|mit)\b.{0,30}\b(interess\w*|hoch)\b",
    ),
    "accept": (
        r"^\W*(ja|jawohl|genau|klar|sicher|gerne|gern|passt|in ordnung|okay|ok|perfekt|prima|"
        r"super|einverstanden|machen wir|das geht)\b",
    ),
    "refuse": (r"^\W*(nein|ne|nee|lieber nicht|eher nicht)\b",),
    "past": (r"\b(gestern|letzte woche|letzten monat|war|waren|hatte|habe angerufen)\b",),
    "unavailable": (
        r"\b(kann nicht|geht nicht|bin nicht da|unterwegs|verreist|im urlaub|beschaftigt|"
        r"beschaeftigt|arbeite den ganzen tag|passt nicht)\b",
    ),
    "until": ("bis",),
    "joined": ("und", "dann", "denn"),
    "email_aside": (r"\b(?:alles zusammen|ohne punkt)\b", r"\bmit einem [a-z]\b"),
    "clock_before": (r"\bum\s*$",),
    "per_unit": (r"\s*(?:[a-z]+\s+)?(?:pro|je)\s+(?:person|kopf|nacht|zimmer|gast)\b",),
    "other_name_said": (r"\b(?:er|sie) (?:heisst|hiess)\s+",),
    "other_name_question": (r"\bwie (?:heisst|hiess) (?:er|sie|ihr|ihre|dein|deine)\b",),
    "your_name": (r"\bihr name\b|\bwie heissen sie\b",),
    "how_much": (r"\bwie ?viele?\b",),
    "sums_up": (r"\balso\s+(?=(?:ja|nein)\b)",),
    "someone_else": (
        r"\b(?:mein|meine|meinen|meiner|meinem)\s+(?:frau|mann|sohn|tochter|kinder?|chef|chefin|"
        r"mutter|vater|eltern|bruder|schwester|freund|freundin|mieter|mieterin|kunde|kundin|"
        r"nachbar|nachbarin|kollege|kollegin)\b",
        r"\b(?:im namen (?:von|meines|meiner))\b",
    ),
    "clause_break": ("aber", "sondern", "lieber", "stattdessen", "ich meine", "nein warte"),
    "contrast": ("aber", "jedoch"),
    "follow_up_announced": (
        r"\b(wir|ich) (rufen|rufe) (sie|dich) (wieder |nochmal |zuruck |zurueck )?an\b|"
        r"\b(wir|ich) melde\w* (uns|mich)\b",
    ),
    "follow_up_question": (
        r"\b(zuruckrufen|zurueckrufen|ruckruf|rueckruf|nochmal anrufen|wieder anrufen|"
        r"(sie|dich) anrufen|melden wir uns)\b",
    ),
    "customer_will_call": (
        r"\bich (rufe|melde mich|rufe sie|rufe euch)\b.{0,20}\b(an|zuruck|zurueck)?\b",
    ),
    "negative_follow_up": (
        r"\b(rufen sie|ruf) (mich )?nicht (mehr )?an\b|\bkein interesse\b|\bfalsche nummer\b|"
        r"\bnein,? danke\b|\bkein (ruckruf|rueckruf|anruf)\b|\bnicht (mehr )?anrufen\b",
    ),
    "positive_follow_up": (
        r"\b(rufen sie|ruf) (mich|uns)\b.{0,30}\b(an|zuruck|zurueck)\b|"
        r"\b(ruckruf|rueckruf) (bitte|gerne)\b|\bmelden sie sich\b",
    ),
    "clock_said": (r"\buhr\b|\bmittag\b|\bum (?:halb )?\w+",),
    "time_question": (r"\b(um wie viel uhr|wann|welche uhrzeit|uhrzeit)\b",),
    "name_question": (
        r"\b(name|namen|mit wem spreche ich|wer spricht|wie heissen sie|wie heisst du)\b",
    ),
    "phone_cue": (
        r"\b(meine nummer|nummer ist|meine handynummer|handy|telefonnummer ist|"
        r"erreichen sie mich)\b",
    ),
    "phone_question": (r"\b(nummer|telefon|handy|erreichen)\b",),
    "not_a_phone": (
        r"\b(konto|bestellung|police|referenz|karte|rechnung|vertrag|kundennummer|postleitzahl)\b",
    ),
    "same_number": (r"\b(diese|dieselbe|gleiche) nummer\b|\bdie nummer,? (von der|mit der) ich\b",),
    "self_correction": (
        r"\b(nein warte|warte|ich meine|entschuldigung|korrektur|besser gesagt)\b",
    ),
    "correction": (r"\b(entschuldigung|sorry|ich meine|warte|korrektur|nein)\b",),
    "interest_none": (
        r"\bkein interesse\b|\bfalsche nummer\b|\bbrauch\w* (ich|wir) nicht\b|\bnein,? danke\b|"
        r"\bnicht (mehr )?anrufen\b|\b(rufen sie|ruf) (mich|uns) nicht\b|"
        r"\b(habe|haben) (schon|bereits)\b|\bnicht fur (mich|uns)\b|\bnicht fuer (mich|uns)\b",
    ),
    "interest_high": (
        r"\bsehr interessiert\b|\b(ich|wir) (will|wollen|mochte|moechte|mochten|moechten) "
        r"(kaufen|bestellen|abschliessen|anfangen|buchen)\b|\bso schnell wie moglich\b|"
        r"\bso bald wie moglich\b|\blegen wir los\b|\bdringend\b|\bmoglichst bald\b",
    ),
    "interest_low": (
        r"\beher nicht\b|\bim moment nicht\b|\bjetzt nicht\b|\bzu teuer\b|\bwahrscheinlich nicht\b|"
        r"\bkeine prioritat\b|\bvielleicht nachstes jahr\b",
    ),
    "interest_medium": (
        r"\binteressiert\b|\binteressant\b|\bdaruber nachdenken\b|\buberlegen\b|\bueberlegen\b|"
        r"\bmehr informationen\b|\bschicken sie mir\b|\bmit meiner frau\b|\bmit meinem mann\b|"
        r"\bnicht sicher\b|\bkommt darauf an\b",
    ),
    "hint_medium": (r"\bvielleicht\b|\bpreis\b|\bwas kostet\b|\bangebot\b|\bweiss nicht\b",),
    "hint_high": (r"\bperfekt\b|\bsuper\b|\bauf jeden fall\b",),
}

NAMES = {
    "cue": ("ich heiße", "ich heisse", "mein name ist", "mein name"),
    "weak_cue": ("hier ist", "ich bin", "hier spricht"),
    "greeting": (
        "hallo",
        "guten tag",
        "guten morgen",
        "guten abend",
        "ja",
        "servus",
        "moin",
        "grüezi",
        "grüß gott",
        "grüss gott",
        "tach",
        "ähm",
        "äh",
    ),
    "after": ("am apparat", "hier"),
    "surname": ("nachname", "familienname"),
    "first_name": ("vorname",),
    "check": ("spreche ich mit", "sind sie"),
    "confirm": ("ja", "genau", "am apparat", "richtig", "das bin ich"),
    "title": ("herr", "frau", "dr"),
    "common": (
        """
        heisse name hier bin danke bitte hallo guten tag morgen abend heute gestern montag
        dienstag mittwoch donnerstag freitag samstag sonntag ja nein vielleicht suche
        brauche habe mochte moechte dann zu hause da noch mal auch schon jetzt gerade nur
        eigentlich gleich sofort
        """,
    ),
}

# Units before tens, as one word: "einundzwanzig" is 21.
UNITS = {"ein": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "funf": 5, "sechs": 6,
         "sieben": 7, "acht": 8, "neun": 9}  # fmt: skip
TENS = {"zwanzig": 20, "dreissig": 30, "vierzig": 40, "funfzig": 50, "sechzig": 60,
        "siebzig": 70, "achtzig": 80, "neunzig": 90}  # fmt: skip

PACK = Pack(
    code="de",
    yes=("ja", "jawohl", "genau", "klar", "na klar", "sicher", "richtig", "stimmt",
         "korrekt", "natuerlich", "naturlich", "selbstverstandlich", "gerne", "gern",
         "auf jeden fall", "schon", "haben wir", "habe ich", "bin ich", "sind wir", "okay",
         "ok", "passt", "in ordnung", "jep", "jo"),
    no=("nein", "ne", "nee", "noch nicht", "nie", "niemals", "nicht", "auf keinen fall",
        "leider nicht", "eher nicht", "nein danke", "kein", "keine"),
    negations=("nicht", "kein", "keine", "keinen", "keiner", "nie", "niemals", "ohne",
               "weder", "noch nicht"),
    unsure=("weiss nicht", "weiß nicht", "keine ahnung", "vielleicht", "kommt darauf an",
            "mal sehen", "muss ich schauen", "bin nicht sicher", "eventuell"),
    magnitudes={"hundert": 100, "tausend": 1_000, "million": 1_000_000,
                "millionen": 1_000_000, "mio": 1_000_000, "k": 1_000},
    quarter=("eine viertel", "viertel"),
    half=("halbe", "eine halbe", "halb"),
    range_joiners=("und", "bis", "oder"),
    most=("maximal", "hochstens", "hoechstens", "bis zu", "obergrenze", "maximum"),
    least=("mindestens", "minimal", "minimum", "wenigstens"),
    concepts={
        "pickup": ("abholbereit", "abholen", "abholung", "abgeholt"),
        "deliver": ("liefern", "lieferung", "geliefert", "zustellung"),
        "latest": ("spatestens",),
        "gram": ("gramm",), "kilogram": ("kilo", "kilogramm"), "tonne": ("tonnen",),
        "weight": ("gewicht", "gesamtgewicht", "wiegt"),
        "pound": ("pfund",),
        "hour": ("stunde", "stunden"), "day": ("tag", "tage", "taglich"),
        "night": ("nacht", "nachte", "ubernachtung", "ubernachtungen"),
        "week": ("woche", "wochen", "wochentlich"), "month": ("monat", "monate", "monatlich"),
        "percent": ("prozent",),
        "before": ("schon", "bereits", "vorher", "einmal"),
        "dog": ("hund", "hundin", "welpe"), "cat": ("katze", "kater"),
        "rabbit": ("kaninchen", "hase"), "wedding": ("hochzeit",), "birthday": ("geburtstag",),
        "funeral": ("beerdigung", "trauerfeier"),
        "corporate": ("firma", "firmenfeier", "betrieb"),
        "budget": ("budget", "ausgeben", "zahlen", "preisrahmen"),
        "spend": ("ausgeben", "betrag"),
        "loaner": ("leihrad", "leihfahrrad", "leihwagen", "ersatzrad", "ersatzwagen"),
        "price": ("preis", "kostet", "kosten"),
        "bedroom": ("schlafzimmer", "zimmer"), "name": ("name", "heisse", "heiße", "namen"),
        "email": ("email", "e-mail", "mail"), "phone": ("telefon", "nummer", "handy"),
        "appointment": ("termin", "buchung"), "visit": ("besichtigung", "besichtigen",
                                                         "anschauen", "besuch"),
        "move": ("umziehen", "umzug", "einziehen"), "insurance": ("versicherung", "kasse",
                                                                  "krankenkasse"),
        "pain": ("schmerz", "schmerzen", "tut weh"), "new": ("neu", "neuer", "neue",
                                                          "erstes mal"),
        "first": ("erste", "erstes", "ersten"), "approved": ("genehmigt", "zusage",
                                                          "finanzierungszusage"),
        "mortgage": ("finanzierung", "kredit", "hypothek"), "date": ("datum", "tag"),
        "year": ("jahr", "jahre", "jahrlich"), "people": ("personen", "leute"), "house": ("haus",),
        "guest": ("personen", "gaste", "gaeste", "leute"),
        "vehicle": ("auto", "wagen", "fahrzeug"),
    },
    choices={
        "weekly": ("jede woche", "wochentlich", "einmal die woche", "einmal pro woche"),
        "biweekly": ("alle zwei wochen", "alle vierzehn tage", "vierzehntagig"),
        "monthly": ("jeden monat", "monatlich", "einmal im monat"),
        "one time": ("einmalig", "nur einmal", "einmal"),
        "standard": ("normal", "normale", "standard"),
        "in person": ("vor ort", "personlich", "in prasenz"),
        "hybrid": ("gemischt",),
    },
    number_words="de",
    number_spellings={"funf": "fünf", "zwolf": "zwölf"},
    numbers={**UNITS, "null": 0, "eins": 1, "eine": 1, "zehn": 10, "elf": 11, "zwolf": 12,
             "dreizehn": 13, "vierzehn": 14, "funfzehn": 15, "sechzehn": 16, "siebzehn": 17,
             "achtzehn": 18, "neunzehn": 19, **TENS,
             **{f"{unit}und{ten}": value + tens for unit, value in UNITS.items()
                for ten, tens in TENS.items()}},
    hundred="hundert",
    thousands={"tausend": 1_000, "million": 1_000_000, "millionen": 1_000_000},
    joiners=("und",), points=("komma", "punkt"), plus=("plus",),
    email_symbols={"punkt": ".", "unterstrich": "_", "bindestrich": "-"},
    ambiguous=("null", "elf"),
    cues=CUES,
    names=NAMES,
    weekdays=("montag", "dienstag", "mittwoch", "donnerstag", "freitag",
              "samstag|sonnabend", "sonntag"),
    months=("januar|janner", "februar", "marz|maerz", "april", "mai", "juni", "juli",
            "august", "september", "oktober", "november", "dezember"),
    today=("heute",), tomorrow=("morgen",), day_after_tomorrow=("ubermorgen", "uebermorgen"),
    # "morgen früh" is tomorrow morning, "heute Morgen" this morning.
    morning_after=("guten", "heute", "am", "jeden", "diesen", "gestern", "den"),
    this=("diesen", "diesem", "dieser", "diese"),
    set_aside_before=("nicht", "kein", "nein", "bis", "ausser"),
    set_aside_after=("nein", "geht nicht", "passt nicht", "ist schlecht"),
    periods={"end of next month": ("ende (?:des )?nachsten monats",),
             "end of the month": ("ende (?:des|dieses) monats", "monatsende", "ende monat"),
             "next month": ("nachsten monat", "nachster monat", "kommenden monat"),
             "end of the week": ("ende der woche", "ende dieser woche"),
             "next weekend": ("nachstes wochenende", "nachsten wochenende"),
             "the weekend": ("wochenende",),
             "next week": ("nachste woche", "nachster woche", "kommende woche",
                           "kommender woche")},
    yesterday=("gestern",),
    ago=("vor {n} {unit}",),
    offsets=("in {n} {unit}",), units={"tag(?:en?)?": "day", "wochen?": "week",
                                         "monat(?:en?)?": "month"},
    counts={"einer": 1, "einem": 1, "ein paar": 2},
    # "am 5." needs its dot (or an ordinal word): "I am 5 minutes away" names no day.
    dates=(r"{n}\.? {month}(?: {year})?",),
    days_of_month=(r"(?:am|den|dem|zum) {nth}(?:\.|(?<=[a-z]))",),
    hours=HOURS,
    minutes={"funf": 5, "zehn": 10, "viertel": 15, "zwanzig": 20, "funfundzwanzig": 25,
             "dreissig": 30, "funfundvierzig": 45},
    # Not "bis": "von null bis zehn" is a scale.
    # "um" is also an English filler ("um, three bedrooms"): a German hour is read by its
    # "Uhr", its "halb" or its part of the day instead.
    at=("gegen", "so gegen", "ab"),
    oclock=("uhr",),
    # "halb vier" is half way to four, 3:30; "viertel vier" 3:15, "dreiviertel vier" 3:45.
    clock={"{to} vor halb {h}": -30, "{m} nach halb {h}": -30,
           "(?:{at} )?halb {h}": -30, "(?:{at} )?dreiviertel {h}": -15,
           "(?:{at} )?viertel {h}": -45, "{m} nach {h}": 0, "{to} vor {h}": 0,
           "(?:{at} )?{h} {oclock}(?: {m})?": 0, "{at} {h}{not_a_count}": 0,
           "{h}(?= {part})": 0},
    day_parts={"morgens": "morning", "fruh": "morning", "am morgen": "morning",
               "vormittags": "morning", "am vormittag": "morning", "mittags": "afternoon",
               "nachmittags": "afternoon", "am nachmittag": "afternoon",
               "nachmittag": "afternoon", "abends": "evening", "am abend": "evening",
               "abend": "evening", "heute abend": "tonight", "nachts": "night",
               "in der nacht": "night", "nacht": "night"},
    noon=("mittags", "mittag", "zu mittag"),
    midnight=("mitternacht",),
    day_greetings=("guten (?:morgen|tag|abend)", "gute nacht"),
    counted=("tage?n?", "wochen?", "monate?n?", "jahre?n?", "personen", "leute", "mal",
             "minuten", "stunden", "prozent", "euro", "zimmer", "kinder"),
    corrections=("entschuldigung", "ich meine", "lieber", "besser", "nein warte"),
)  # fmt: skip
