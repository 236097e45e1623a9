"""A caller's name as speech-to-text gives it: the full name said after the words that take
back a first try ("it's kate uh katherine actually katherine doyle"), a first name and a
"last name" said apart in one answer, and a name whose first word is said twice ("soy
lucía lucía gómez herrera") read whole."""

from __future__ import annotations

import pytest

from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values


@pytest.mark.parametrize(
    ("zone", "question", "answer", "expected"),
    [
        ("America/Chicago", "thanks for calling can i get your name",
         "yeah it's kate uh katherine actually katherine doyle", "Katherine Doyle"),
        ("Europe/Dublin", "who am i speaking with",
         "um my name is aoife uh a o i f e last name brennan b r e n n a n", "Aoife Brennan"),
        ("Europe/Madrid", "me dice su nombre por favor",
         "eh sí soy lucía lucía gómez herrera", "Lucía Gómez Herrera"),
    ],
)  # fmt: skip
def test_the_name_meant(zone: str, question: str, answer: str, expected: str) -> None:
    said = values(request_for([("agent", question), ("user", answer)], zone=zone))

    assert said["customer_name"] == expected


def test_the_name_asked_for_whose_booking_it_is() -> None:
    said = values(
        request_for(
            [("agent", "Taller Pedalea, buenas tardes. ¿A nombre de quién hago la reserva?"),
             ("user", "De Marta Iglesias.")],
            zone="Europe/Madrid",
        )
    )  # fmt: skip

    assert said["customer_name"] == "Marta Iglesias"
