# ruff: noqa: RUF001 - Turkish words are written with a dotless i
"""Turkish."""

from extraction.packs import Pack, words

HOURS = {"bir": 1, "iki": 2, "uc": 3, "dort": 4, "bes": 5, "alti": 6, "yedi": 7, "sekiz": 8,
         "dokuz": 9, "on": 10, "on bir": 11, "on iki": 12}  # fmt: skip
# The hour takes the ending of its role: "üçte" at three, "üçe" to three, "üçü" three
# (as in "üçü çeyrek geçe", a quarter past three).
AT = {"birde": 1, "ikide": 2, "ucte": 3, "dortte": 4, "beste": 5, "altida": 6, "yedide": 7,
      "sekizde": 8, "dokuzda": 9, "onda": 10, "on birde": 11, "on ikide": 12}  # fmt: skip
TO = {"bire": 1, "ikiye": 2, "uce": 3, "dorde": 4, "bese": 5, "altiya": 6, "yediye": 7,
      "sekize": 8, "dokuza": 9, "ona": 10, "on bire": 11, "on ikiye": 12}  # fmt: skip
OF = {"biri": 1, "ikiyi": 2, "ucu": 3, "dordu": 4, "besi": 5, "altiyi": 6, "yediyi": 7,
      "sekizi": 8, "dokuzu": 9, "onu": 10, "on biri": 11, "on ikiyi": 12}  # fmt: skip

CUES = {
    "how_much": (r"\bne kadar\b", r"\bkac\b"),
    "instruction": (
        r"\b(talimat\w*|kural\w*)\b.{0,30}\b(yok say|unut|gormezden gel)\w*",
        r"\bolarak (isaretle|kaydet|yaz|gir)\w*|\b(isaretleyin|isaretle|kaydedin)\b",
    ),
    "accept": (
        r"^\W*(evet|tamam|olur|tabii|tabi|elbette|uygun|harika|super|peki|kesinlikle|"
        r"memnuniyetle)\b",
    ),
    "refuse": (r"^\W*(hayir|yok|istemiyorum|gerek yok)\b",),
    "past": (r"\b(dun|gecen|gectigimiz|aradim|aramistiniz|oldu)\b",),
    "unavailable": (
        r"\b(musait degil\w*|olmuyor|olmaz|yokum|isim var|mesgul\w*|seyahat\w*|toplanti\w*|"
        r"sehir disi\w*|uygun degil\w*|calisiyorum)\b",
    ),
    "follow_up_announced": (
        r"\b(sizi|seni) (arayacagiz|ararim|arariz|arayacagim|arayalim|arayabilir\w*|"
        r"tekrar arayacagiz)\b",
    ),
    "follow_up_question": (
        r"\b(arayalim|arayabilir\w*|tekrar ara\w*|geri ara\w*|donus yap\w*|sizi ara\w*|"
        r"ulasalim|ulasabilir\w*)\b",
    ),
    "customer_will_call": (
        r"\bben (sizi |size )?(ararim|arayacagim|donerim|donus yaparim|haber veririm|"
        r"ulasirim)\b|\bben ararim\b",
    ),
    "negative_follow_up": (
        r"\b(beni )?(tekrar )?aramayin\w*|\baramaniza gerek yok\b|\bgerek yok\b|"
        r"\bilgilenmiyorum\b|\bilgilenmiyoruz\b|\bistemiyorum\b|\byanlis numara\b|"
        r"\blisteden (cikar|sil)\w*|\baramanizi istemiyorum\b",
    ),
    "positive_follow_up": (
        r"\b(arayin|arayiniz|arar misiniz|arayabilir misiniz|arayabilirsiniz|beni ara\w*|"
        r"tekrar ara\w*|geri ara\w*|donus yap\w*|ara beni|arasin\w*|arayin lutfen)\b",
    ),
    "clock_said": (r"\bsaat\b|\w+(?:te|ta|de|da)\b",),
    "time_question": (r"\b(saat kac\w*|hangi saat\w*|ne zaman|kacta)\b",),
    "name_question": (
        r"\b(adiniz|isminiz|adin|ismin|kiminle gorus\w*|kimsiniz|kim ariyor|adinizi|isminizi|"
        r"ad soyad\w*|soyadiniz)\b",
    ),
    "phone_cue": (r"\b(numaram\w*|numara\w*|telefonum\w*|cep\w*|gsm)\b",),
    "phone_question": (r"\b(numara\w*|telefon\w*|cep\w*)\b",),
    "not_a_phone": (
        r"\b(hesap|siparis|police|referans|kart|fatura|musteri numara\w*|abone\w*|sozlesme\w*|"
        r"tc kimlik|posta kodu)\b",
    ),
    "same_number": (r"\b(bu|ayni) numara\w*|\baradiginiz numara\w*|\bsu anki numara\w*",),
    "self_correction": (r"\b(pardon|dur|bir dakika|duzeltiyorum|yanlis soyledim)\b",),
    "correction": (r"\b(pardon|yani|hayir|degil|dur|bir dakika|duzeltiyorum)\b",),
    "interest_none": (
        r"\bilgilenmiyor\w*|\bistemiyor\w*|\byanlis numara\b|\bihtiyac\w* yok\b|\bzaten (var|"
        r"aldik|aldim|kullaniyor\w*)\b|\bbize gore degil\b|\bhic ilgi\w*",
    ),
    "interest_high": (
        r"\bcok ilgileniyor\w*|\bhemen\b|\ben kisa (surede|zamanda)\b|\b(almak|baslamak|"
        r"yaptirmak|kurdurmak|imzalamak) istiyor\w*|\bkesinlikle (istiyor\w*|ilgileniyor\w*)|"
        r"\bhazirim\b|\bhaziriz\b|\bbaslayalim\b|\bhemen baslayalim\b|\bacil\b|\bbir an once\b",
    ),
    "interest_low": (
        r"\bpek (sanmiyor\w*|ilgilen\w*|dusunmuyor\w*)|\bsu an (degil|icin degil|"
        r"dusunmuyor\w*)|\bsimdilik (degil|dusunmuyor\w*|yok)\b|\bcok pahali\b|\bpahali\b|"
        r"\bbelki ileride\b|\bsanmiyorum\b|\boncelik\w* degil\b|\bseneye\b|"
        r"\bemin degilim ama pek\b",
    ),
    "interest_medium": (
        r"\bilgileniyor\w*|\bdusunecegim\b|\bdusunmem (lazim|gerek)\w*|\bdusuneyim\b|"
        r"\bbilgi (gonder|at|yolla)\w*|\b(esimle|esime|ortagimla) (konus|danis)\w*|"
        r"\bemin degilim\b|\bbakariz\b|\bdusunuruz\b|\bdusunelim\b|\bilginc\b",
    ),
    "hint_medium": (r"\bbelki\b|\bfiyat\w*|\bne kadar\b|\bkac para\b|\bteklif\w*|\bbilmiyorum\b",),
    "hint_high": (r"\bharika\b|\bsuper\b|\bmukemmel\b|\bkesinlikle\b",),
    "contrast": (
        "ama",
        "fakat",
    ),
    "clause_break": (
        "ama",
        "fakat",
        "ancak",
        "yerine",
    ),
}

NAMES = {
    "cue": ("adım", "benim adım", "ismim", "benim ismim", "adim"),
    "weak_cue": ("ben",),
    "greeting": ("alo", "efendim", "merhaba", "evet", "iyi günler", "günaydın", "tabii"),
    "after": ("ben", "konuşuyor"),
    "surname": ("soyadım", "soyadim", "soyismim"),
    "first_name": ("adım da", "adım", "ismim"),
    "check": ("ile mi görüşüyorum", "siz misiniz", "görüşüyorum"),
    "check_after": ("ile mi görüşüyorum", "siz misiniz", "mı", "mi"),
    "confirm": ("evet", "benim", "ta kendisi", "doğru"),
    "title": ("bay", "bayan", "sayın", "sayin"),
    "trailing_title": ("bey", "hanim", "hanimefendi", "beyefendi"),
    "common": (
        """
        adim ismim benim soyadim evet hayir tamam merhaba efendim alo tabii tabi peki yarin
        bugun pazartesi sali carsamba persembe cuma cumartesi pazar iyi gunaydin tesekkurler
        tesekkur ederim lutfen bey hanim
        """,
    ),
}

PACK = Pack(
    code="tr",
    yes=("evet", "tabii", "tabi", "elbette", "tamam", "olur", "aynen", "dogru", "kesinlikle",
         "var", "evet var", "oyle", "hi hi"),
    no=("hayir", "yok", "degil", "henuz degil", "hic", "istemiyorum", "gerek yok", "olmaz"),
    negations=("degil", "yok", "hic", "hayir"),
    unsure=("bilmiyorum", "emin degilim", "belki", "bakmam lazim", "dusunecegim"),
    magnitudes={"yuz": 100, "bin": 1_000, "milyon": 1_000_000},
    quarter=("ceyrek",),
    half=("yarim",),
    range_joiners=("ile", "veya", "ya da"),
    most=("en fazla", "maksimum", "azami"),
    least=("en az", "minimum", "asgari"),
    concepts={
        "pickup": ("yukleme",),
        "deliver": ("teslimat", "ulasmasi", "ulasmali"),
        "latest": ("en gec",),
        "budget": ("butce", "butcem", "butceniz"), "price": ("fiyat", "fiyati"),
        "bedroom": ("oda", "yatak odasi"), "name": ("adim", "ismim", "adiniz", "isminiz"),
        "phone": ("telefon", "numara", "numaram"), "email": ("eposta", "mail"),
        "appointment": ("randevu",), "visit": ("ziyaret", "gormek", "gezmek"),
        "move": ("tasinmak", "tasinma"), "insurance": ("sigorta",), "pain": ("agri", "aci"),
        "new": ("yeni", "ilk defa", "ilk kez"), "date": ("tarih", "gun"),
    },
    choices={
        "weekly": ("her hafta", "haftalik", "haftada bir"),
        "biweekly": ("iki haftada bir", "iki haftada bir kez", "on bes gunde bir"),
        "monthly": ("her ay", "aylik", "ayda bir"),
        "one time": ("bir kere", "bir defalik", "tek seferlik", "bir kerelik"),
        "standard": ("normal", "standart"),
        "in person": ("yuz yuze", "yuzyuze"),
        "hybrid": ("karma", "karisik"),
    },
    numbers={"sifir": 0, "bir": 1, "iki": 2, "uc": 3, "dort": 4, "bes": 5, "alti": 6,
             "yedi": 7, "sekiz": 8, "dokuz": 9, "on": 10, "yirmi": 20, "otuz": 30, "kirk": 40,
             "elli": 50, "altmis": 60, "yetmis": 70, "seksen": 80, "doksan": 90},
    hundred="yuz", thousands={"bin": 1_000, "milyon": 1_000_000}, points=("virgul", "nokta"),
    plus=("arti",),
    email_symbols={"et": "@", "nokta": ".", "alt cizgi": "_", "tire": "-"},
    ambiguous=("on", "bin"),
    cues=CUES,
    names=NAMES,
    weekdays=("pazartesi", "sali", "carsamba", "persembe", "cuma", "cumartesi", "pazar"),
    months=("ocak", "subat", "mart", "nisan", "mayis", "haziran", "temmuz", "agustos",
            "eylul", "ekim", "kasim", "aralik"),
    endings="ya|ye|a|e|da|de|ta|te|dan|den|gunu|gunune|i|si|sina|sine|ki|in|un|nin|nun",
    today=(r"bugun\w*", r"bu aksam\w*", "bu gece", "bu sabah", "bu ogleden sonra"),
    tomorrow=("yarin(?:a|ki|dan)?", r"ertesi gun\w*"),
    day_after_tomorrow=(r"obur gun\w*", "yarindan sonra"), this=("bu",),
    set_aside_after=("degil", "olmaz", "kadar", "musait degilim"),
    periods={"end of the month": (r"ay sonu\w*", r"ayin sonu\w*"),
             "next month": (r"gelecek ay\w*", r"onumuzdeki ay\w*"),
             "the weekend": (r"hafta sonu\w*",),
             "next week": ("gelecek hafta", "onumuzdeki hafta", "haftaya", "gelecek haftaya",
                           "bir sonraki hafta")},
    yesterday=(r"dun\w*",),
    ago=("{n} {unit} once",),
    offsets=("{n} {unit} (?:sonra|icinde|icerisinde|sonraya)",),
    units={"gun": "day", "hafta": "week", "ay": "month"},
    dates=("{n} {month}(?: {year})?",),
    days_of_month=("ayin {n}",),
    hours={**HOURS, **AT, **TO, **OF},
    minutes={"bes": 5, "on": 10, "on bes": 15, "yirmi": 20, "yirmi bes": 25, "ceyrek": 15},
    at=("saat",),
    oclock=("te", "ta", "de", "da"),
    # "onda" alone is also "in him"; "ona doğru" and "üçe kadar" are towards and until.
    clock={r"{h} (?:bucukta|bucuk|bucuga)\b": 30,
           rf"(?P<h>{words(OF)}) {{m}} (?:dakika )?gece\b": 0,
           rf"(?P<h>{words(TO)}) {{to}} (?:dakika )?(?:var(?:a|ken)?|kala)\b": 0,
           rf"(?!onda\b)(?P<h>{words(AT)})\b": 0, r"(?:{part}|{at}) (?P<h>onda)\b": 0,
           rf"(?P<h>{words(TO)}) (?:dogru|kadar)\b": 0,
           r"(?:{part}|{at}|oglen|ogle) (?P<h>\d{1,2})(?: (?:te|ta|de|da|gibi))?\b": 0,
           r"{at} {h}(?: (?:te|ta|de|da|e|a|ye|ya|gibi))?\b{not_a_count}": 0},
    day_parts={"sabah": "morning", "sabahleyin": "morning", "ogleden sonra": "afternoon",
               "oglen sonra": "afternoon", "aksam": "evening", "aksamustu": "evening",
               "gece": "night"},
    noon=("oglen", "ogle(?! sonra)", "ogle vakti"),
    midnight=("gece yarisi",),
    day_greetings=("iyi aksamlar", "gunaydin"),
    counted=("gun", "hafta", "ay", "dakika", "saat", "sonra", "once"),
    corrections=("pardon", "yok yok", "hayir", "aslinda", "daha iyi", "degil"),
)  # fmt: skip
