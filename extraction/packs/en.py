"""English."""

from extraction.packs import Pack

UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
         "seventeen", "eighteen", "nineteen")  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
# "ten oh five", "nine fifteen", "three forty five", "quarter past", "half past".
MINUTES = {
    **{f"oh {unit}": value for value, unit in enumerate(UNITS, start=1)},
    **{teen: value for value, teen in enumerate(TEENS, start=10)},
    **TENS,
    **{f"{ten} {unit}": tens + value for ten, tens in TENS.items()
       for value, unit in enumerate(UNITS, start=1)},
    "five": 5, "quarter": 15, "a quarter": 15, "half": 30,
}  # fmt: skip

CUES = {
    "instruction": (
        r"\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(instructions?|prompts?|"
        r"rules?|system|guidelines?|previous|above)\b",
        r"\b(system prompt|you are now|as an ai|language model|assistant:|system:|"
        r"note to the ai|dear ai|hey ai|ai system|the ai|extraction)\b",
        r"\b(mark|set|record|put|classify|categori[sz]e|label|log|flag|list|score|rate|save|"
        r"store|register|enter)\s+(me|my|this|it|the call|this call|the customer|the lead|"
        r"us)\b(?: down)?.{0,30}\b(as|to|at)\b.{0,20}\b(high|medium|low|none|hot|true|false|"
        r"qualified|priority|vip|urgent|interested|top)\b",
        r"\b(set|change|update|make)\s+(my|the)\s+(interest|status|follow[ -]?up|name|number|"
        r"date|score|priority)\b.{0,20}\bto\b",
        r"\b(interest_level|follow_up_required|follow_up_date|customer_name|callback_number)\b",
        r"\b(interest level|follow[ -]up required|follow[ -]up date|customer name|"
        r"callback number)\s*(?:field\s*)?(?:to|as|=|:|should be|must be)\s",
        r"\b(output|return|respond with)\b.{0,20}\bjson\b",
        r"\bpay no (attention|mind|heed)\b|\b(system|admin|developer|operator) (note|message|"
        r"override|instruction|update)\b|\bnote to (the )?(system|ai|model|assistant|bot)\b",
        r"\b(record|note|write down|put down|jot down|log|register|mark down) (that|"
        r"down that)\b.{0,40}\b(interested|high|hot|ready|buy|buying|sign|signed|qualified)\b",
    ),
    "own_words_again": (
        r"^\W*(but|however|honestly|actually|really|seriously|anyway|joking aside)\b",
    ),
    "accept": (
        r"^\W*(yes|yeah|yep|yup|sure|ok|okay|perfect|great|sounds good|that works|"
        "works for me|fine|that'?s fine|absolutely|definitely|that'?s perfect|"
        "that'?d be great|of course|please do|go ahead|good(?! (?:morning|afternoon|evening|"
        r"night|day))|lovely|brilliant|alright|all right|that suits me)\b",
    ),
    "refuse": (r"^\W*(no|nope|nah|not really|no thanks|no thank you)\b",),
    "past": (r"\b(last|ago|yesterday|was|were|did|had|called you|used to)\b",),
    "unavailable": (
        r"\b(not|n't|cannot|busy|away|off|out of (town|office)|unavailable|travell?ing|"
        "on holiday|on vacation|in meetings?|working all day|at work|won'?t be|no good|"
        r"doesn'?t work|bad day)\b",
    ),
    "follow_up_announced": (
        r"\b(will|'ll|going to|shall|can|could)\s+(call|ring|phone|contact)\s+you\b",
        r"\b(we|i)'?ll (call|ring) you\b",
    ),
    "follow_up_question": (
        r"\b(call you back|follow up|follow-up|call you again|reach you|get back to you|"
        "schedule a call|set up a call|call again|contact you|ring you|give you a call|"
        r"call you)\b",
    ),
    "customer_will_call": (
        r"\bi('?ll| will| can)? (call|ring|contact|phone) (you|them|back)\b(?! (at|on|"
        "back at))",
        r"\bi('?ll| will)? (get back to you|reach out|be in touch|let you know)\b",
    ),
    "negative_follow_up": (
        r"\b(don'?t|do not|please don'?t|no need to|stop|never|won'?t need to|"
        r"doesn'?t need to|there'?s no need to)\s+(call|contact|ring|bother|phone|follow)",
        r"\bno,? (need|more calls?|follow[ -]?ups?|callbacks?|call backs?|calls?)\b",
        r"\bno (need|reason) for (a |any )?(call|follow[ -]?up|callback)",
        r"\bnot interested\b|\bno thanks\b|\bno thank you\b|\bremove me\b|\bwrong number\b",
        r"\btake me off\b|\bno,? (i'?m|we'?re) (good|fine|all set)\b|\bnot necessary\b",
        r"\bdo not call\b|\bunsubscribe\b|\bdon'?t need (a |any )?(call|follow[ -]?up|"
        "callback)",
        r"\b(i'?m|we'?re) all set\b|\bthat won'?t be necessary\b|\bi'?ll pass\b",
    ),
    "positive_follow_up": (
        r"\b(call me (back|again|next|on|in|tomorrow|later|at|this|around|after|before|any)|"
        "call back|give me a call|reach out|get back to me|ring me|contact me|talk (again|"
        r"then|next)|yes,? please|please call|phone me|try me|call me)\b",
        r"\b(follow[ -]?up|callback|call back)\b",
    ),
    "clock_said": (r"\d[:.]\d\d\b|\b(?:am|pm|a m|p m|o'?clock|noon|midnight)\b|\bat \w+",),
    "time_question": (
        r"\b(what time|which time|at what time|what hour|time suits|time works|time is best|"
        r"time would|a good time|best time|when)\b",
    ),
    "name_question": (
        r"\bname\b|\bwho (am i|do i have|is this|'?s this|are you)\b|\bwho'?s (this|"
        r"calling)\b|\bspeaking (with|to)\b|\bam i speaking\b|\bwho am i talking\b|"
        r"\bmay i ask who\b|\bon the line\b|\bwho (is|am i) (speaking|talking)\b|"
        r"\bintroduce yourself\b",
        r"\b(?:aapka|apna|aap ka) (?:naam|shubh naam)\b",  # Hindi-English: "aapka naam"
    ),
    "phone_cue": (
        r"\b(number is|number's|reach me|call me (back )?(at|on)|text me|cell|mobile|phone|"
        r"landline|my number|whatsapp)\b",
    ),
    "phone_question": (r"\b(number|phone|reach you|call you (back )?(at|on))\b",),
    "not_a_phone": (
        r"\b(account|order|policy|reference|ref|card|member(ship)?|case|invoice|tracking|"
        "serial|zip|postcode|postal|customer id|id number|confirmation|ticket|claim|vin|"
        r"meter)\b",
    ),
    "same_number": (
        r"\b(this|the same|my current|the one i'?m calling from|this one|"
        r"same)\b.{0,20}\b(number|one)\b.{0,20}\b(fine|good|works|ok|okay|best|is)\b",
        r"\b(use|call) (this|the same|my) (number|one)\b|\bsame number\b|\bthe number (you|"
        r"you'?re) (called|calling|have)\b|\bthe one you (called|have)\b",
    ),
    # Words that take back what was just said and say it again ("1984, no wait, 1948").
    "self_correction": (
        r"\b(no wait|wait no|wait|i mean|no,? sorry|sorry|actually|scratch that|make that|"
        r"or rather|rather|correction|oops)\b",
    ),
    "correction": (
        r"\b(sorry|not|mean|actually|wait|make that|rather|correction|oops|scratch that)\b",
    ),
    "interest_none": (
        r"\bnot interested\b|\bno interest\b|\bwrong number\b|\bremove me\b|\btake me off\b",
        r"\bnot for (me|us)\b|\bnot looking\b|\bdon'?t (want|need) (it|one|any|this|that|"
        r"solar)\b",
        r"\balready (have|got|bought|replaced|signed|use|installed|switched)\b|\bjust (had|"
        r"got|bought|installed|signed)\b",
        r"\bunsubscribe\b|\bstop calling\b|\bno thanks\b|\bno thank you\b|\bnot at all\b",
    ),
    "interest_high": (
        r"\b(very|really|so|extremely|super|definitely) interested\b|\bsign (me|us) up\b",
        r"\blet'?s (do it|go|go ahead|book|get started|start|begin|get going)\b|"
        r"\bget started\b",
        r"\bi want (it|one|this|that)\b|\b(i|we) (want|need|would like|'d like) to (buy|sign|"
        r"go ahead|proceed|get|order|book|upgrade|switch|install|join|start|sign up)\b",
        r"\bready to\b|\bcan'?t wait\b|\bas soon as possible\b|\basap\b|\burgent(ly)?\b",
        r"\bi'?d love\b|\bcount me in\b|\bwant to (buy|sign|go ahead|proceed|get|order|book)\b",
        r"\bgo ahead\b|\bbook (it|me|us)\b|\breserve (it|one|me)\b|\bi'?ll take (it|one)\b",
        r"\bneed (someone|it|one) (now|today|urgently|asap)\b|\bwhere do i sign\b|"
        r"\bwe'?re ready\b|\bnext steps?\b|\bhow (do|can) (i|we) (start|sign up|get started)\b",
    ),
    "interest_low": (
        r"\bnot really\b|\bprobably not\b|\bnot right now\b|\bnot at the moment\b",
        r"\bnot a priority\b|\b(too|very|bit|pretty|quite|so|really|rather|"
        r"rather) expensive\b|\bexpensive for (me|us)\b|\bcan'?t afford\b|\bi doubt\b|\b(over|"
        r"out of) (my|our) budget\b",
        r"\bnot (that|very|too|particularly|especially) interested\b|\bmaybe next year\b|"
        r"\bnot now\b|\bnot this (year|month|time)\b|\bmoney is tight\b|\bunlikely\b",
        r"\bhappy with (my|our|the) (current|existing)\b|\bstay(ing)? with (my|our)\b",
        r"\bdon'?t think (it'?s|that'?s|this is|so)\b|\bnot sure it'?s for\b|\bnot (up to me|"
        r"my decision)\b|\bnot (convinced|sold)\b|\bmaybe someday\b|\bnot in the market\b",
    ),
    "interest_medium": (
        r"\binterested\b|\bthink (about )?it\b|\bthinking (about|of)\b|\btalk to my\b",
        r"\bsend me (the |some )?(more )?(info|information|details|a quote|an offer)\b",
        r"\bmore information\b|\bnot sure\b|\bdepends\b|\bconsider(ing)?\b|\bbefore i decide\b",
        r"\bwe'?ll see\b|\btell me more\b|\bsounds (interesting|good|nice|great)\b|"
        r"\bcould be (interesting|worth)\b|\bopen to\b|\bhaven'?t decided\b|\bcheck with\b",
    ),
    "hint_medium": (
        r"\bcurious\b|\bmaybe\b|\bpossibly\b|\bperhaps\b|\bcompar(e|ing)\b|\bquotes?\b",
        r"\bprices?\b|\bi don'?t know\b|\bhow much\b|\bcost\b|\bwhat (would|does) it\b",
    ),
    "hint_high": (
        r"\bsounds (perfect|amazing|fantastic|excellent)\b|\bdefinitely\b|\bkeen\b|\beager\b|"
        r"\bvery much\b|\bwe want\b|\babsolutely\b",
    ),
    "sentiment_negative": (
        r"\b(not|never|hardly|nothing) (very |at all |really |so |too )?(happy|pleased|glad|"
        r"satisfied|good|great|helpful|impressed)\b",
        r"\b(annoyed|annoying|angry|furious|frustrated|frustrating|upset|disappointed|"
        "disappointing|terrible|awful|horrible|ridiculous|unacceptable|useless|worst|rude|"
        r"fed up|sick of|tired of|waste of (my )?time|complain\w*|stop calling)\b",
    ),
    "sentiment_positive": (
        r"\b(great|perfect|wonderful|excellent|fantastic|amazing|brilliant|lovely|happy|glad|"
        "pleased|delighted|thrilled|love it|really helpful|very helpful|so helpful|"
        r"thank you so much|thanks so much|thanks a lot|much appreciated)\b",
    ),
    "voicemail": (
        r"\b(leave|record) (a|your) (message|name|voice ?mail)\b",
        r"\bafter the (tone|beep)\b|\bat the (tone|beep)\b",
        r"\b(you'?ve|you have) reached (the )?(voice ?mail|mailbox)\b",
        r"\b(mailbox|voice ?mail( box)?) is full\b|\banswering machine\b",
        r"\b(can'?t|cannot|can not|unable to) (take|answer|come to) (your call|the phone)\b",
        r"\bthe (person|number|subscriber) you (are calling|have (dialled|dialed|called))\b",
    ),
    "contrast": (
        "but",
        "however",
    ),
    "until": (
        "until",
        "till",
        "til",
        "through",
        "thru",
        r"to(?=\s+(?:next\s+|this\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
    ),
    "joined": ("and", "so", "then", "because", "aur"),
    "email_aside": (r"\b(?:all one word|one word|no dots?|no spaces?)\b", r"\bwith an? [a-z]\b"),
    # Words right before an hour ("at like three", "half eight"), right after a price said
    # per head ("forty dollars per person"), and before a yes or no that sums up an answer.
    "clock_before": (r"\b(?:at(?: like| around| about)?|@|half|quarter past|quarter to)\s*$",),
    "per_unit": (
        r"\s*(?:[a-z]+\s+)?(?:per|a|each)\s+(?:person|people|head|night|room|guest|pax)\b",
    ),
    "other_name_said": (r"\b(?:his|her|their) name(?: is|'s|s| was)\s+",),
    "your_name": (r"\byour (?:full |first |last )?name\b",),
    "how_much": (r"\bhow (?:much|many)\b",),
    "agreed": (
        r"(?:(?<=\bthat )|(?<=\bthis )|(?<=\bit )|(?<=\bwhich )|(?<=day )|(?<=noon )|"
        r"(?<=\d )|(?<=\d)|(?<=[ap]m ))works\b",
    ),
    "sums_up": (r"\b(?:so|then)\s+(?=(?:yeah|yes|yep|no|nope)\b)",),
    # The customer speaks of another person the call is for, or who will be there.
    "someone_else": (
        r"\b(?:my|our|his|her)\s+(?:wife|husband|partner|son|daughter|kids?|child|children|mum|"
        r"mom|mother|dad|father|parents?|boss|manager|tenants?|landlord|flatmate|roommate|"
        r"housemate|assistant|brother|sister|friend|neighbou?r|colleague|client|fiance|fiancee|"
        r"grandson|granddaughter|grandkids?|niece|nephew|employee|ceo|super|mate|aunt|uncle|"
        r"in-laws?|mother-in-law|father-in-law)\b",
        r"\b(?:on behalf of|under (?:her|his|their) name|for (?:her|him|them)\b|"
        r"(?:she|he)(?:'ll| will) be (?:there|home|in))",
    ),
    "clause_break": (
        "but",
        "instead",
        "rather",
        "no wait",
        "wait no",
        "i mean",
        "no sorry",
        "no no",
    ),
}

NAMES = {
    "cue": (
        "my name is",
        "my name's",
        "name is",
        "name's",
        "the name is",
        "i am called",
        "i'm called",
        "call me",
        "you're (?:talking|speaking) (?:to|with)",
        "you are (?:talking|speaking) (?:to|with)",
    ),
    "weak_cue": ("this is", "i am", "i'm", "it's", "its", "it is"),
    "greeting": (
        "hi",
        "hello",
        "hey",
        "yes",
        "yeah",
        "yep",
        "sure",
        "ok",
        "okay",
        "um",
        "uh",
        "oh",
        "well",
        "so",
        "morning",
        "evening",
        "good (?:morning|afternoon|evening)",
        "kia ora",
        "g'day",
        "hiya",
        "howdy",
        "speaking",
    ),
    "after": ("here", "speaking", "calling"),
    "surname": ("last name", "surname", "family name"),
    "first_name": ("first name", "given name"),
    "check": ("am i speaking (?:with|to)", "is this", "is that", "are you", "speaking with"),
    "confirm": (
        "yes",
        "yeah",
        "yep",
        "speaking",
        "that's me",
        "that is me",
        "it is",
        "correct",
        "that's right",
    ),
    "title": (
        "mr",
        "mrs",
        "ms",
        "miss",
        "mister",
        "dr",
        "doctor",
        "prof",
        "professor",
        "sir",
        "madam",
    ),
    "common": (
        """
        names theres thats whats dont cant ill ive youre hes shes lets wont didnt isnt
        about actually afraid again ah ahead all also always am an and another any anyway
        apparently around as at available away awesome basically because been before being
        best better big bit both busy but by bye calling can certainly cheers could course
        currently day dear definitely did do does doing done down driving each early either
        else even evening ever every everything exactly excellent excuse fair fantastic fine
        first for free friday from frankly full generally get give glad go going gone good
        goodbye got great guess had half happy hard has have having he hello her here hey hi
        him his hm hmm hold home honestly hope hopefully how however i if im in indeed
        interested is it its just kind kinda later let lets like likely listen literally look
        looking lovely lucky maybe me meanwhile mine monday moment more morning most mostly
        much must my nah naturally near nearly never new next nice night no nobody none nope
        nor not nothing now obviously of off oh ok okay on once one only or other our out
        over perfect perhaps personally please possibly pretty probably quick quickly quite
        rather ready really right said saturday see seriously she should since so some
        someone something sometimes soon sorry speaking still stuck such sunday super sure
        surely thank thanks that the their them then there these they thing things this
        those though thursday thus today together tomorrow tonight too totally true truly
        tuesday uh um unfortunately unless until up us usually very wait was we wednesday
        well were what whatever when where whether which while who why will wish with
        without wonderful work working would wow yeah yes yesterday yet yo you your yours
        afternoon fortunately luckily sadly normally typically anyhow alright agreed
        absolutely sounds sound hear calls call nurse officer manager boss customer client
        agent back after through year years including getting care class
        """,
    ),
}

PACK = Pack(
    code="en",
    yes=("yes", "yeah", "yep", "yup", "ya", "yah", "sure", "of course", "correct", "right",
         "that's right", "thats right", "absolutely", "definitely", "certainly", "indeed",
         "uh huh", "mhm", "mm hmm", "i am", "i do", "i have", "we are", "we do", "we have",
         "it is", "it does", "already", "we already", "i already", "we did", "i did",
         "you bet", "totally", "affirmative", "please do", "sounds good", "ok", "okay",
         "that would be great", "i would", "we would", "i'd love", "we'd love",
         "i'd like that", "love to"),
    no=("no", "nope", "nah", "not really", "not yet", "no thanks", "no thank you", "never",
        "i'm not", "im not", "i am not", "we're not", "were not", "we are not", "i don't",
        "i dont", "we don't", "we dont", "i haven't", "i havent", "we haven't", "we havent",
        "haven't", "havent", "not at all", "negative", "i'd rather not", "not right now",
        "it's not", "its not", "it isn't", "it isnt", "i didn't", "we didn't", "didn't",
        "no we", "no i", "nothing"),
    negations=("not", "no", "never", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt",
               "isn't", "isnt", "aren't", "arent", "haven't", "havent", "hasn't", "hasnt",
               "won't", "wont", "can't", "cant", "without", "neither", "nor"),
    unsure=("not sure", "don't know", "dont know", "no idea", "maybe", "i guess", "depends",
            "have to check", "need to check", "let me check", "not certain", "unsure",
            "i'll think", "ill think", "think about it", "might", "perhaps", "possibly",
            "rather not say", "rather not get into", "prefer not to say", "have to ask"),
    magnitudes={"hundred": 100, "thousand": 1_000, "grand": 1_000, "k": 1_000, "m": 1_000_000,
                "mil": 1_000_000, "mill": 1_000_000, "million": 1_000_000,
                "millions": 1_000_000, "billion": 1_000_000_000,
                # Indian English: "twelve lakh" is 1,200,000.
                "lakh": 100_000, "lakhs": 100_000, "crore": 10_000_000, "crores": 10_000_000},
    quarter=("a quarter", "quarter"),
    half=("half a", "half"),
    range_joiners=("and", "to", "or", "through", "dash"),
    most=("maximum", "max", "most", "highest", "top", "upper", "up to", "at most", "ceiling",
          "limit"),
    least=("minimum", "min", "least", "lowest", "low", "lower", "at least", "bottom", "floor"),
    concepts={
        "deliver": ("delivery", "delivered", "arrive", "arrival"),
        "pet": ("dog", "cat", "pup", "puppy", "kitty", "kitten", "bunny", "doggy"),
        "view": ("see", "tour", "showing", "look at", "come by"),
        "viewing": ("see", "tour", "showing", "look at", "come by"),
        "visit": ("come in", "come by", "see"),
        "appointment": ("book", "booked", "slot", "come in"),
        "dog": ("puppy", "pup", "doggy", "doggie"), "cat": ("kitten", "kitty"),
        "rabbit": ("bunny", "bunnies"), "birthday": ("bday", "quinceanera", "sweet sixteen"),
        "wedding": ("reception", "getting married", "bride", "groom"),
        "funeral": ("memorial", "wake", "celebration of life", "passed away"),
        "corporate": ("company", "office", "staff", "employees", "all hands", "team"),
        "guest": ("people", "person", "persons", "headcount", "attendees", "attending"),
        "drop": ("bring", "drop off"),
        "dropoff": ("bring", "drop off"),
        "pickup": ("pick up", "ready"),
        "budget": ("price range", "spend", "afford", "price", "range"),
        "buy": ("bought", "purchase", "purchased", "sold"),
        "bought": ("buy", "purchase", "purchased", "sold"),
        "move": ("moving", "move in", "be in", "be out"),
        "home": ("house", "place", "property"),
        "own": ("owner", "homeowner", "rent", "renting", "renter"),
        "size": ("square feet", "sq ft", "square foot", "big"),
        "phone": ("number", "cell", "mobile"),
        "email": ("e-mail", "mail", "address"),
        "kilogram": ("kg", "kilo", "kilos"), "tonne": ("ton", "tons"), "pound": ("lb", "lbs"),
        "kilowatt": ("kwh",),
        "megawatt": ("mwh",), "kilometer": ("km", "kilometre"), "mile": ("mi",),
        "foot": ("feet", "ft", "sqft"), "meter": ("metre", "sqm", "m2"),
        "percent": ("per cent",), "bedroom": ("bed", "beds", "br"), "bathroom": ("bath",),
        "day": ("daily",), "week": ("weekly",), "month": ("monthly",), "night": ("nightly",),
        "quarter": ("quarterly",), "year": ("yearly", "annual", "annually"),
    },
    choices={
        "weekly": ("every week", "once a week", "each week"),
        "biweekly": ("every two weeks", "every other week", "fortnightly", "every fortnight"),
        "monthly": ("every month", "once a month", "each month"),
        "one time": ("one off", "one-off", "just once", "only once", "a one time"),
        "standard": ("regular", "normal", "basic"),
        "in person": ("face to face", "in-person"),
    },
    number_words="en",
    numbers={"zero": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
             "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
             "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
             "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
             "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
             "ninety": 90},
    hundred="hundred",
    thousands={"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000},
    one=("a", "an"), joiners=("and",), points=("point",), repeats={"double": 2, "triple": 3},
    digits_only={"oh": 0, "o": 0}, plus=("plus",),
    email_symbols={"at sign": "@", "at": "@", "dot": ".", "period": ".", "point": ".",
                   "underscore": "_", "dash": "-", "hyphen": "-", "minus": "-", "plus": "+"},
    ambiguous=("o",),
    cues=CUES,
    names=NAMES,
    weekdays=("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    months=("jan(?:uary)?", "feb(?:ruary)?", "mar(?:ch)?", "apr(?:il)?", "may", "june?",
            "july?", "aug(?:ust)?", "sep(?:t(?:ember)?)?", "oct(?:ober)?", "nov(?:ember)?",
            "dec(?:ember)?"),
    today=("today", "tonight", "this (?:morning|afternoon|evening)"),
    tomorrow=("tomorrow",), day_after_tomorrow=("day after tomorrow",), this=("this",),
    set_aside_before=("no", "not", "till", "til", "until", "except", "other than"),
    set_aside_after=("no", "is out", "s out", "is no good", "s no good", "doesn t work",
                     "won t work", "is bad", "s bad"),
    periods={"end of next month": ("end of next month",),
             "end of the month": ("end of (?:the |this )?month",), "next month": ("next month",),
             "end of next week": ("end of next week",),
             "end of the week": ("end of (?:the |this )?week",),
             "next weekend": ("next weekend",),
             # "have a good weekend" is a farewell, not a day.
             "the weekend": (r"(?<!good )(?<!nice )(?<!great )weekend",),
             "next week": ("next week",)},
    yesterday=("yesterday",),
    ago=("{n} {unit} ago",),
    offsets=("(?:in|within|after) {n} {unit}", "{n} {unit} from (?:today|now)"),
    units={"days?": "day", "weeks?": "week", "fortnights?": "fortnight", "months?": "month"},
    counts={"a": 1, "an": 1, "a couple": 2, "a couple of": 2, "couple": 2, "couple of": 2,
            "a few": 3, "few": 3},
    dates=(r"{month}\.? (?:the )?{nth}(?:st|nd|rd|th)?(?: {year})?",
           "(?:the )?{nth}(?:st|nd|rd|th)? (?:of )?{month}(?: {year})?"),
    # Ordinal words are days only where a day is meant: "the first thing" is not the 1st.
    days_of_month=(r"(?=\d){n}(?:st|nd|rd|th)",
                   "(?:on|by|until|till|before|after|from|{weekday}) the {nth}(?:st|nd|rd|th)?",
                   "^(?:the )?(?=[a-z]){nth}$"),
    days_of_next_month=("{nth}(?:st|nd|rd|th)? of next month",
                        "next month on the {nth}(?:st|nd|rd|th)?"),
    hours={word: value for value, word in enumerate((*UNITS, *TEENS[:3]), start=1)},
    minutes=MINUTES,
    at=("at", "around", "about", "by", "after", "before", "from", "between", "say", "maybe",
        "till", "until", "til", "how about", "make it", "make that"),
    oclock=("o clock", "oclock"),
    # "half three" is 3:30; "three five" is no time (a phone number's digits), nor is "a
    # 4 night package" (a count of nights).
    clock={"{h} ?{ampm}": 0, "{m}(?: minutes?)? (?:past|after) {h}": 0,
           "{to}(?: minutes?)? (?:to|til|till|before) {h}": 0, "half {h}": 30,
           "{h} {oclock}": 0, r"{h} (?=[a-z])(?!(?:five|half|a quarter|quarter)\b){m}": 0,
           r"(?P<h>\d{1,2})(?P<m>\d{2})(?: hours|(?<=\d{4})h)\b": 0,
           r"{at} {h}(?: ?ish\b)?{not_a_count}": 0,
           r"{h}(?= ?ish\b)": 0,
           r"{h}(?= (?:in the (?:morning|afternoon|evening|night)|at night|tonight|"
           r"this (?:morning|afternoon|evening))\b)": 0,
           r"{part}(?: at| around| about| by)? {h}{not_a_count}": 0},
    day_parts={"morning": "morning", "this morning": "morning", "in the morning": "morning",
               "afternoon": "afternoon", "in the afternoon": "afternoon",
               "this afternoon": "afternoon", "evening": "evening", "this evening": "evening",
               "in the evening": "evening", "tonight": "tonight", "at night": "night",
               "night": "night", "in the night": "night"},
    noon=("(?<!after )(?<!before )noon", "midday", "lunchtime", "lunch time"),
    midnight=("midnight",),
    day_greetings=("good (?:morning|afternoon|evening|night)",),
    counted=("days?", "weeks?", "months?", "years?", "people", "of", "double", "triple",
             "times", "minutes?", "hours?", "percent", "dollars", "euros", "pounds",
             "bedrooms?", "kids", "children", "panels?", "kw", "kilowatts?"),
    corrections=("sorry", "i mean", "actually", "rather", "make (?:it|that)", "no wait",
                 "instead", "better", "pardon", "not", "no"),
)  # fmt: skip
