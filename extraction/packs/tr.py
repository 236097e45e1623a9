"""Turkish."""

from extraction.packs import Pack

PACK = Pack(
    code="tr",
    yes=("evet", "tabii", "tabi", "elbette", "tamam", "olur", "aynen", "dogru", "kesinlikle",
         "var", "evet var", "oyle", "hi hi"),
    no=("hayir", "yok", "degil", "henuz degil", "hic", "istemiyorum", "gerek yok", "olmaz"),
    negations=("degil", "yok", "hic", "hayir"),
    unsure=("bilmiyorum", "emin degilim", "belki", "bakmam lazim", "dusunecegim"),
    magnitudes={"yuz": 100, "bin": 1_000, "milyon": 1_000_000},
    half=("yarim",),
    range_joiners=("ile", "veya", "ya da"),
    most=("en fazla", "maksimum", "azami"),
    least=("en az", "minimum", "asgari"),
    concepts={
        "budget": ("butce", "butcem", "butceniz"), "price": ("fiyat", "fiyati"),
        "bedroom": ("oda", "yatak odasi"), "name": ("adim", "ismim", "adiniz", "isminiz"),
        "phone": ("telefon", "numara", "numaram"), "email": ("eposta", "mail"),
        "appointment": ("randevu",), "visit": ("ziyaret", "gormek", "gezmek"),
        "move": ("tasinmak", "tasinma"), "insurance": ("sigorta",), "pain": ("agri", "aci"),
        "new": ("yeni", "ilk defa", "ilk kez"), "date": ("tarih", "gun"),
    },
)  # fmt: skip
