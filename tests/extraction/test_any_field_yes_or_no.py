"""A yes-or-no field of any name is read from the customer's answer to the agent's question
about it, in any language read, turned round when the question asks the other way."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec, Role
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import analysed, values

PRE_APPROVED = FieldSpec(
    "pre_approved", "boolean", "Whether the lead is pre-approved for a mortgage"
)
NEW_PATIENT = FieldSpec("new_patient", "boolean", "Whether this is the patient's first visit")
BEDROOMS = FieldSpec("bedrooms", "number", "Number of bedrooms wanted")


def mortgage_call(
    question: str, answer: str, *, greeting: tuple[str, str], zone: str
) -> dict[str, object]:
    lines: list[tuple[Role, str]] = [
        ("agent", greeting[0]),
        ("user", greeting[1]),
        ("agent", question),
        ("user", answer),
    ]
    return values(request_for(lines, zone=zone, fields=(PRE_APPROVED,)))


ENGLISH = ("hi this is ada from oak realty thanks for calling back", "yeah hi no problem")
SPANISH = ("Buenas tardes, le habla Ada de Inmobiliaria Sol.", "Hola, buenas tardes.")
PORTUGUESE = ("Boa tarde, aqui é a Ada da Imobiliária Sol.", "Oi, boa tarde, tudo bem?")
GERMAN = ("Guten Tag, hier ist Ada von Sonnen Immobilien.", "Hallo, guten Tag.")


@pytest.mark.parametrize(
    ("greeting", "zone", "question", "answer", "expected"),
    [
        (ENGLISH, "America/Chicago", "and have you been pre approved for a mortgage yet",
         "yeah we got that last month", True),
        (ENGLISH, "America/Chicago", "and have you been pre approved for a mortgage yet",
         "not yet", False),
        (ENGLISH, "America/Chicago", "and have you been pre approved for a mortgage yet",
         "um i'm not sure", None),
        (SPANISH, "Europe/Madrid", "¿Ya tiene la hipoteca preaprobada?",
         "Sí, nos la aprobaron el mes pasado.", True),
        (SPANISH, "Europe/Madrid", "¿Ya tiene la hipoteca preaprobada?",
         "no todavía no", False),
        (PORTUGUESE, "America/Sao_Paulo", "O senhor já tem o financiamento pré-aprovado?",
         "sim já temos", True),
        (PORTUGUESE, "America/Sao_Paulo", "O senhor já tem o financiamento pré-aprovado?",
         "não ainda não", False),
        (GERMAN, "Europe/Berlin", "Haben Sie schon eine Finanzierungszusage für die Hypothek?",
         "Ja, die haben wir schon.", True),
        (GERMAN, "Europe/Berlin", "Haben Sie schon eine Finanzierungszusage für die Hypothek?",
         "nein noch nicht", False),
    ],
)  # fmt: skip
def test_the_answer_to_the_question_about_the_field(
    greeting: tuple[str, str], zone: str, question: str, answer: str, expected: bool | None
) -> None:
    said = mortgage_call(question, answer, greeting=greeting, zone=zone)

    assert said["pre_approved"] is expected


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("no first time", True),
        ("nah this is my first time", True),
        ("yes a few times", False),
        ("yeah i came in last year for a cleaning", False),
    ],
)
def test_a_question_asked_the_other_way_round(answer: str, expected: bool) -> None:
    request = request_for(
        [
            ("agent", "thanks for calling bright smile dental how can i help"),
            ("user", "hi i'd like to book an appointment"),
            ("agent", "sure have you been here before"),
            ("user", answer),
        ],
        zone="America/New_York",
        fields=(NEW_PATIENT,),
    )

    assert values(request)["new_patient"] is expected


def test_a_statement_in_the_fields_own_words() -> None:
    request = request_for(
        [
            ("agent", "so what are you looking for"),
            ("user", "a three bedroom near the school um we're not pre approved yet though"),
        ],
        zone="America/Chicago",
        fields=(PRE_APPROVED, BEDROOMS),
    )

    said = values(request)

    assert said["pre_approved"] is False
    assert said["bedrooms"] == 3


def test_a_field_nobody_asks_about_stays_null_with_its_reason() -> None:
    request = request_for(
        [
            ("agent", "hi this is ada from oak realty how many bedrooms are you after"),
            ("user", "yeah three bedrooms ideally"),
            ("agent", "great and are you free to see the place on saturday"),
            ("user", "yes saturday works"),
        ],
        zone="America/Chicago",
        fields=(PRE_APPROVED, BEDROOMS),
    )

    result = analysed(request)

    assert result.values["pre_approved"] is None
    assert result.reasons["pre_approved"] == "the customer does not answer a question about it"


PETS_OR_KIDS = FieldSpec(
    "pets_or_kids", "boolean", "Are there pets or small children living at the property?"
)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("she's got a toddler so yeah keep it safe please", True),
        ("it's only me and my husband so no", False),
    ],
)
def test_an_answer_that_sums_itself_up(answer: str, expected: bool) -> None:
    request = request_for(
        [("agent", "okay and any pets or little ones in the unit"), ("user", answer)],
        zone="America/New_York",
        fields=(PETS_OR_KIDS,),
    )
    assert values(request)["pets_or_kids"] is expected


@pytest.mark.parametrize(
    "answer",
    ["i'd rather not get into that on the phone", "i don't think so i'd have to ask her"],
)
def test_an_answer_held_back_is_no_no(answer: str) -> None:
    said = mortgage_call(
        "and have you been pre approved for a mortgage yet",
        answer,
        greeting=ENGLISH,
        zone="America/Chicago",
    )

    assert said["pre_approved"] is None
