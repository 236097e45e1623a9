"""Name fields about the caller read the caller's name, from lower-case speech-to-text too;
another person's name and free text stay null, saying why; a pet's name is never the
caller's."""

from __future__ import annotations

import pytest

from extraction.offline import unreadable
from extraction.types import FieldSpec, Role
from tests.extraction.conftest import SEED_SPECS, request_for
from tests.extraction.test_offline import analysed, values

LEAD_NAME = FieldSpec("lead_name", "string", "Name of the lead")
OWNER_NAME = FieldSpec("owner_name", "string", "Name of the pet's owner, who is calling")
DRIVER_NAME = FieldSpec("driver_name", "string", "Full name of the driver")
PET_NAME = FieldSpec("pet_name", "string", "The pet's name")
EMERGENCY_CONTACT = FieldSpec("emergency_contact_name", "string", "Name of the emergency contact")
MAIN_OBJECTION = FieldSpec("main_objection", "string", "The customer's main objection")

ASK_NAME = ("agent", "thanks for calling oak realty this is ada can i get your name")


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        ([("agent", "thanks for calling oak realty this is ada how can i help"),
          ("user", "hi lauren mitchell i'm calling about the townhouse")], "Lauren Mitchell"),
        ([ASK_NAME, ("user", "jessica tran")], "Jessica Tran"),
        ([ASK_NAME, ("user", "it's pat kowalski k-o-w-a-l-s-k-i")], "Pat Kowalski"),
        ([ASK_NAME, ("user", "rosa um rosa delgado")], "Rosa Delgado"),
        ([ASK_NAME, ("user", "jess jessica tran")], "Jessica Tran"),
        ([ASK_NAME, ("user", "gruber markus gruber")], "Markus Gruber"),
        ([ASK_NAME, ("user", "yeah this is kevin who's calling")], "Kevin"),
        ([ASK_NAME, ("user", "dana okafor that's o k a f o r")], "Dana Okafor"),
        ([("agent", "namaste ji aapka naam confirm kar dijiye"), ("user", "rahul verma")],
         "Rahul Verma"),
        ([("agent", "hola con quién hablo"), ("user", "sí soy yo martín gauna")], "Martín Gauna"),
        ([("agent", "thanks for calling peak roofing this is josh"),
          ("user", "hi josh linda ferraro here i think it's time for a new roof")],
         "Linda Ferraro"),
        ([("agent", "good morning kilkenny motors it's ciara"),
          ("user", "hi ciara niall brennan here i'm ringing about the sorento")], "Niall Brennan"),
        ([("agent", "morning this is desert pool care whos this"),
          ("user", "yeah its rick um rick delgado")], "Rick Delgado"),
        ([("agent", "oi aqui é a júlia da academia movimento falo com quem"),
          ("user", "é o é o rafael rafael souza")], "Rafael Souza"),
        ([("agent", "claro con quién hablo"), ("user", "sí es carmen elena vásquez")],
         "Carmen Elena Vásquez"),
        ([("agent", "hello this is priya from edusmart am i speaking with mr sharma"),
          ("user", "haan haan speaking rohit sharma")], "Rohit Sharma"),
        ([("agent", "good morning this is steph from summit roofing"), ("user", "yeah hi"),
          ("agent", "and this is kevin right"), ("user", "kevin osei yeah")], "Kevin Osei"),
    ],
)  # fmt: skip
def test_a_lower_case_name_from_speech_to_text(
    turns: list[tuple[Role, str]], expected: str
) -> None:
    request = request_for(turns, zone="America/Chicago", fields=(LEAD_NAME,))

    assert values(request)["lead_name"] == expected


@pytest.mark.parametrize("field", [LEAD_NAME, OWNER_NAME, DRIVER_NAME])
def test_a_field_named_for_the_callers_role_reads_the_callers_name(field: FieldSpec) -> None:
    request = request_for(
        [
            ("agent", "hi there who am i speaking with"),
            ("user", "yeah hi this is dana whitfield"),
            ("agent", "thanks dana what can we do for you today"),
            ("user", "i need to book something for saturday"),
        ],
        zone="America/Chicago",
        fields=(field,),
    )

    assert values(request)[field.name] == "Dana Whitfield"


def pet_call(*lines: tuple[Role, str]) -> dict[str, object]:
    request = request_for(
        [("agent", "thanks for calling happy paws grooming who am i speaking with"), *lines],
        zone="America/Denver",
        fields=(OWNER_NAME, PET_NAME, EMERGENCY_CONTACT, MAIN_OBJECTION),
    )
    return values(request)


def test_the_pets_name_never_takes_the_callers_name() -> None:
    said = pet_call(("user", "hi this is dana whitfield i'd like to book a groom"))

    assert said["owner_name"] == "Dana Whitfield"
    assert said["pet_name"] is None


def test_the_pets_name_is_not_the_callers_name() -> None:
    said = pet_call(
        ("user", "hi i'm calling to book a groom for my dog"),
        ("agent", "sure what's your dog's name"),
        ("user", "her name is clover"),
    )

    assert said["owner_name"] is None


def test_the_pets_name_beside_the_callers() -> None:
    said = pet_call(
        ("user", "hi this is dana whitfield"),
        ("agent", "hi dana and what's your pet's name"),
        ("user", "her name is clover"),
    )

    assert said["owner_name"] == "Dana Whitfield"
    assert said["pet_name"] != "Dana Whitfield"


def test_another_persons_name_and_free_text_stay_null_saying_why() -> None:
    request = request_for(
        [
            ("agent", "thanks for calling happy paws who am i speaking with"),
            ("user", "hi this is dana whitfield"),
            ("agent", "and who should we call in an emergency"),
            ("user", "my husband mark whitfield"),
            ("agent", "great is there anything holding you back from booking"),
            ("user", "honestly the price it's a bit steep"),
        ],
        zone="America/Denver",
        fields=(OWNER_NAME, EMERGENCY_CONTACT, MAIN_OBJECTION),
    )

    result = analysed(request)

    assert result.values == {
        "owner_name": "Dana Whitfield",
        "emergency_contact_name": None,
        "main_objection": None,
    }
    assert "no name is given for them" in result.reasons["emergency_contact_name"]
    assert result.reasons["main_objection"].startswith("free text:")


def test_unreadable_names_exactly_the_fields_no_call_can_fill() -> None:
    fields = (*SEED_SPECS, LEAD_NAME, OWNER_NAME, DRIVER_NAME, PET_NAME, EMERGENCY_CONTACT,
              MAIN_OBJECTION)  # fmt: skip

    named = {spec.name: unreadable(spec) for spec in fields if unreadable(spec)}

    assert set(named) == {"main_objection"}
    assert named["main_objection"].startswith("free text:")


def test_the_pets_name_said_in_a_sentence_is_the_name_not_the_sentence() -> None:
    said = pet_call(
        ("user", "hi this is dana whitfield"),
        ("agent", "hi dana and what's your pet's name"),
        ("user", "her name is clover"),
    )

    # Read ("Clover") or left null: never the words around the name.
    assert said["pet_name"] in (None, "Clover", "clover")


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        ([("agent", "g'day it's nick from sunstate solar"),
          ("user", "hi nick kylie evans here")], "Kylie Evans"),
        ([("agent", "and your name"),
          ("user", "aisha khan a i s h a k h a n")], "Aisha Khan"),
        ([("agent", "name of the driver"),
          ("user", "tom becker thomas becker")], "Thomas Becker"),
        ([("agent", "ja hallo wie ist ihr name"),
          ("user", "ja genau hallo mein name ist thomas becker")], "Thomas Becker"),
    ],
)  # fmt: skip
def test_a_name_without_the_words_said_around_it(
    turns: list[tuple[Role, str]], expected: str
) -> None:
    request = request_for(turns, zone="Australia/Brisbane", fields=(DRIVER_NAME,))

    assert values(request) == {"driver_name": expected}


SITE_CONTACT = FieldSpec(
    "site_contact_name",
    "string",
    "Who the tech should ask for at the property. Usually the caller's own name, but if "
    "they say someone else will be there to let us in (a tenant, a partner), that person.",
)


def test_a_name_usually_the_callers_is_the_callers_unless_the_call_is_for_another() -> None:
    own = request_for(
        [("agent", "rapidfix this is dan name for the tech"), ("user", "greg lindqvist")],
        zone="America/New_York",
        fields=(SITE_CONTACT,),
    )
    other = request_for(
        [
            ("agent", "rapidfix this is jo name for the tech"),
            ("user", "ellie shaw but my flatmate will be in on monday"),
        ],
        zone="Europe/London",
        fields=(SITE_CONTACT,),
    )

    assert values(own)["site_contact_name"] == "Greg Lindqvist"
    result = analysed(other)
    assert result.values["site_contact_name"] is None
    assert "someone else" in result.reasons["site_contact_name"]


def test_a_german_caller_at_home_says_no_name() -> None:
    request = request_for(
        [
            ("agent", "guten tag schädlingsdienst wann passt es ihnen"),
            ("user", "na gut dann montag um acht ich bin dann zu hause"),
        ],
        zone="Europe/Berlin",
        fields=(SITE_CONTACT,),
    )
    assert values(request)["site_contact_name"] is None
