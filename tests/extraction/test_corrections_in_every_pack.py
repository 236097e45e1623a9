# ruff: noqa: RUF001 - Turkish words are written with a dotless i
"""A customer who takes back what they just said, in any pack's words ("no espera", "quer
dizer", "ich meine", "i mean"), is read by what they said after it, whether the value is a
phone number, a number or a yes or no."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

PHONE = FieldSpec("contact_phone", "string", "Phone number to call back", format="phone")
GUESTS = FieldSpec("guests", "number", "How many guests are coming")
INSURED = FieldSpec("has_insurance", "boolean", "Whether the patient has health insurance")

OPENINGS = {
    "es": ("clínica del parque buenas tardes", "hola buenas quería pedir una cita para el sábado"),
    "pt": ("clínica do parque boa tarde", "olá boa tarde queria marcar uma consulta para sábado"),
    "de": ("Praxis am Markt, guten Tag.", "Guten Tag, ich möchte einen Termin für Samstag."),
    "tr": ("park kliniği iyi günler", "merhaba cumartesi için randevu almak istiyorum"),
}
ZONES = {
    "es": "Europe/Madrid",
    "pt": "Europe/Lisbon",
    "de": "Europe/Berlin",
    "tr": "Europe/Istanbul",
}


def answered(language: str, question: str, answer: str, field: FieldSpec) -> object:
    opening = OPENINGS[language]
    lines = [("agent", opening[0]), ("user", opening[1]), ("agent", question), ("user", answer)]
    return values(request_for(lines, zone=ZONES[language], fields=(field,)))[field.name]


@pytest.mark.parametrize(
    ("zone", "question", "answer", "digits"),
    [
        ("Europe/Madrid", "su teléfono", "seis uno dos tres cuatro cinco 1984 no espera 1948",
         "6123451948"),
        ("Europe/Madrid", "¿Y su teléfono?", "Es el 612 345 198, perdón, 612 345 189.",
         "612345189"),
        ("Europe/Lisbon", "qual é o seu telefone", "912 345 678 quer dizer 912 345 687",
         "912345687"),
        ("Europe/Berlin", "Ihre Telefonnummer?", "0171 234 5678, ich meine 0171 234 5687.",
         "01712345687"),
        ("Europe/London", "and your phone number", "07700 900 123 i mean 07700 900 132",
         "07700900132"),
    ],
)  # fmt: skip
def test_a_phone_number_taken_back(zone: str, question: str, answer: str, digits: str) -> None:
    got = values(request_for([("agent", question), ("user", answer)], zone=zone, fields=(PHONE,)))

    assert got["contact_phone"] == digits


@pytest.mark.parametrize(
    ("language", "question", "answer", "count"),
    [
        ("es", "para cuántas personas", "seremos ocho no espera diez", 10),
        ("pt", "para quantas pessoas", "somos seis quer dizer sete", 7),
        ("de", "Für wie viele Personen?", "Wir sind acht, ich meine neun.", 9),
    ],
)
def test_a_number_taken_back(language: str, question: str, answer: str, count: int) -> None:
    assert answered(language, question, answer, GUESTS) == count


@pytest.mark.parametrize(
    ("language", "question", "answer", "insured"),
    [
        ("es", "¿tiene seguro médico?", "no espera sí lo tengo por el trabajo", True),
        ("pt", "tem seguro de saúde", "não espera sim tenho pela empresa", True),
        ("de", "Haben Sie eine Versicherung?", "Nein, warte, ja, über die Arbeit.", True),
        ("tr", "sigortanız var mı", "hayır pardon evet var", True),
        ("es", "¿tiene seguro médico?", "sí perdón no ya no lo tengo", False),
    ],
)
def test_a_yes_or_no_taken_back(language: str, question: str, answer: str, insured: bool) -> None:
    assert answered(language, question, answer, INSURED) is insured
