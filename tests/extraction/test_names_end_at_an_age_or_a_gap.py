"""A name said in lower case ends at a number word ("ricardo almeida quarenta e um anos"),
and a name the speech-to-text engine could not hear in full ("connor [inaudible]") is no
name: null, not half of one."""

from __future__ import annotations

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

DRIVER = FieldSpec(
    "driver_name",
    "string",
    "Main driver's full name as on the driving licence. Can be different from whoever is "
    "calling (travel agents, spouses, assistants book for others).",
)


def driver(answer: str, question: str = "nome do condutor principal e idade") -> object:
    got = values(
        request_for(
            [("agent", "atlântico rent-a-car boa tarde assistente virtual em que posso ajudar"),
             ("user", "boa tarde queria alugar um carro para a páscoa"),
             ("agent", "que tipo de carro"),
             ("user", "uma carrinha de sete lugares somos seis adultos e uma criança"),
             ("agent", question), ("user", answer)],
            zone="Europe/Lisbon",
            fields=(DRIVER,),
        )
    )  # fmt: skip
    return got["driver_name"]


def test_an_age_said_after_the_name_is_not_part_of_it() -> None:
    assert driver("ricardo almeida quarenta e um anos") == "Ricardo Almeida"


def test_a_name_partly_inaudible_is_null() -> None:
    assert driver("connor [inaudible]", question="and the driver's name") is None
