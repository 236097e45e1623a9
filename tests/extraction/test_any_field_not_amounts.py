"""Digits read out for a phone, an hour with its minutes and a year said in two halves are
no amount of money."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

MAX_SPEND = FieldSpec(
    "max_spend", "number", "The most the customer said they're OK spending on this job"
)
PREAPPROVED = FieldSpec(
    "repair_preapproval",
    "number",
    "Amount the customer okays us to spend on extra repairs without calling them first, as "
    "a plain number in their currency. Blank if they want a call before any work.",
)


def test_a_phone_number_with_oh_and_a_second_language_is_no_amount() -> None:
    request = request_for(
        [
            ("agent", "how much are you ok spending and a number for the tech"),
            ("user", "three oh five cinco cinco cinco oh nine one two"),
        ],
        zone="America/New_York",
        fields=(MAX_SPEND,),
    )
    assert values(request)["max_spend"] is None


@pytest.mark.parametrize(
    ("offer", "answer"),
    [("i can do thursday at four thirty", "thursday four thirty okay he needs it back by friday"),
     ("we can get you in tomorrow at seven thirty does that work", "seven thirty yeah that works"),
     ("when suits you", "thursday after work like five thirty")],
)  # fmt: skip
def test_an_hour_and_its_minutes_are_no_amount(offer: str, answer: str) -> None:
    request = request_for(
        [
            ("agent", "camelback service how can i help"),
            ("user", "hi it's just an oil change and don't do any extra repairs without calling"),
            ("agent", offer),
            ("user", answer),
        ],
        zone="America/Phoenix",
        fields=(PREAPPROVED,),
    )
    assert values(request)["repair_preapproval"] is None


def test_an_hour_said_after_its_preposition_is_no_amount() -> None:
    request = request_for(
        [
            ("agent", "bom dia oficina do paulo em que posso ajudar"),
            ("user", "oi queria só a revisão e não façam reparos extras sem me ligar"),
            ("agent", "quanto pode gastar em reparos extras sem ligarmos e quando pode vir"),
            ("user", "pode ser às dez"),
        ],
        zone="America/Sao_Paulo",
        fields=(PREAPPROVED,),
    )
    assert values(request)["repair_preapproval"] is None


@pytest.mark.parametrize(
    "answer",
    ["yeah a pipe burst in twenty twenty three water damage",
     "a subsidence claim back in nineteen ninety eight"],
)  # fmt: skip
def test_a_year_said_in_two_halves_is_no_amount(answer: str) -> None:
    coverage = FieldSpec("dwelling_coverage", "number", "Dwelling coverage wanted, in dollars")
    request = request_for(
        [("agent", "any claims in the past and how much dwelling coverage do you want"),
         ("user", answer)],
        zone="America/New_York",
        fields=(coverage,),
    )  # fmt: skip
    assert values(request)["dwelling_coverage"] is None
