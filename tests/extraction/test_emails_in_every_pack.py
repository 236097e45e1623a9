"""An email address spelled out in any pack's words for its symbols ("bindestrich",
"guion", "hífen", "nokta") is read, and a domain ending in "at" (Austria) keeps it."""

from __future__ import annotations

import pytest

from extraction.normalizers import normalize_email
from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

EMAIL = FieldSpec("contact_email", "string", "Email for the booking confirmation", format="email")


@pytest.mark.parametrize(
    ("zone", "question", "answer", "address"),
    [
        ("Europe/Berlin", "Ihre E-Mail-Adresse?",
         "k punkt richter at t bindestrich online punkt de", "k.richter@t-online.de"),
        ("Europe/Vienna", "Und Ihre E-Mail?",
         "anna bindestrich gruber at gmx punkt at", "anna-gruber@gmx.at"),
        ("Europe/Madrid", "su correo electrónico",
         "luis guion bajo mora arroba correo guion web punto es", "luis_mora@correo-web.es"),
        ("Europe/Lisbon", "o seu email",
         "rui hífen tavares arroba sapo ponto pt", "rui-tavares@sapo.pt"),
        ("Europe/Istanbul", "e-posta adresiniz",
         "ayse nokta kaya et gmail nokta com", "ayse.kaya@gmail.com"),
    ],
)  # fmt: skip
def test_an_address_spelled_in_the_calls_language(
    zone: str, question: str, answer: str, address: str
) -> None:
    got = values(request_for([("agent", question), ("user", answer)], zone=zone, fields=(EMAIL,)))

    assert got["contact_email"] == address


def test_a_model_that_writes_the_symbols_as_words() -> None:
    assert normalize_email("julia wagner at gmx punkt at") == "juliawagner@gmx.at"
