"""A magnitude said once holds for both ends of a range, an amount said with its hundreds
is what it says, and the description's own example sets the magnitude of a bare amount."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec, Role
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

TOP_SPEND = FieldSpec(
    "max_spend",
    "number",
    "The most they're OK spending on the repair. If they give a range, use the top end.",
)
LOW_BUDGET = FieldSpec(
    "budget", "number", "Their total budget. If they give a range, use the low end."
)
COVERAGE = FieldSpec(
    "dwelling_coverage",
    "number",
    "Coverage they want on the building. Callers usually say it in thousands ('three "
    "twenty five' means 325,000).",
)
REPAIR = FieldSpec(
    "max_spend",
    "number",
    "The most they'll spend. 'four fifty' on a repair is 450, 'a grand' is 1000.",
)

OPENINGS: dict[str, list[tuple[Role, str]]] = {
    "en": [],
    "pt": [("agent", "boa tarde, em que posso ajudar?"),
           ("user", "oi, queria fazer um passeio de barco com a minha família no sábado")],
    "es": [("agent", "buenas tardes, ¿en qué le puedo ayudar?"),
           ("user", "hola, quería reservar un paseo en barco para mi familia el sábado")],
}  # fmt: skip


@pytest.mark.parametrize(
    ("field", "language", "question", "answer", "expected"),
    [
        (TOP_SPEND, "en", "how much are you ok spending", "like four to six hundred", 600),
        (LOW_BUDGET, "en", "what's the budget", "nine to twelve hundred", 900),
        (LOW_BUDGET, "en", "what's the budget", "a hundred and twenty grand up to one fifty",
         120_000),
        (LOW_BUDGET, "pt", "e qual é o orçamento total da viagem",
         "uns cinco mil reais de cinco a seis mil", 5_000),
        (LOW_BUDGET, "es", "y cuál es el presupuesto total del viaje",
         "ciento cincuenta a doscientos mil", 150_000),
        (TOP_SPEND, "en", "and how much are you ok spending", "ten se twelve lakh ke beech",
         1_200_000),
    ],
)  # fmt: skip
def test_a_range_said_with_one_magnitude(
    field: FieldSpec, language: str, question: str, answer: str, expected: int
) -> None:
    request = request_for(
        [*OPENINGS[language], ("agent", question), ("user", answer)],
        zone="America/New_York",
        fields=(field,),
    )
    assert values(request)[field.name] == expected


def test_an_amount_said_with_its_hundreds_in_a_house_call_is_what_it_says() -> None:
    request = request_for(
        [
            ("agent", "rapidfix what's going on"),
            ("user", "the drain in my house is blocked"),
            ("agent", "how much are you happy to spend"),
            ("user", "a hundred and twenty quid for the jetting"),
        ],
        zone="Europe/London",
        fields=(TOP_SPEND,),
    )
    assert values(request)["max_spend"] == 120


@pytest.mark.parametrize(
    ("field", "answer", "expected"),
    [(COVERAGE, "two seventy five", 275_000), (REPAIR, "four fifty tops", 450)],
)
def test_the_description_example_sets_the_magnitude(
    field: FieldSpec, answer: str, expected: int
) -> None:
    request = request_for(
        [
            ("agent", "this is about your house right"),
            ("user", "yes our home"),
            ("agent", "and how much"),
            ("user", answer),
        ],
        zone="America/Chicago",
        fields=(field,),
    )
    assert values(request)[field.name] == expected


@pytest.mark.parametrize(
    ("language", "question", "answer", "expected"),
    [
        ("en", "what's the budget", "budget around four lakh", 400_000),
        ("es", "y cuál es el presupuesto total del viaje", "un millón y medio de pesos",
         1_500_000),
    ],
)  # fmt: skip
def test_a_magnitude_of_lakhs_or_a_million_and_a_half(
    language: str, question: str, answer: str, expected: int
) -> None:
    request = request_for(
        [*OPENINGS[language], ("agent", question), ("user", answer)],
        zone="America/New_York",
        fields=(LOW_BUDGET,),
    )
    assert values(request)["budget"] == expected


LOAN = FieldSpec("loan_amount", "number", "How much money they want to borrow, in US dollars")
REVENUE = FieldSpec(
    "annual_revenue",
    "number",
    "The business's gross sales for a year in US dollars (last year's, or what they do a year)",
)


@pytest.mark.parametrize(
    ("asked", "said", "expected"),
    [("how much are you thinking", "a quarter million would do it", {"loan_amount": 250000}),
     ("how much do you need", "$1.75M.", {"loan_amount": 1750000}),
     ("and annual revenue", "first year we did like two twenty", {"annual_revenue": 220000}),
     ("and annual revenue", "3.4M last fiscal year.", {"annual_revenue": 3400000}),
     ("and annual revenue", "we opened the shop in twenty eighteen", {"annual_revenue": None})],
)  # fmt: skip
def test_a_loan_and_a_years_revenue_read_in_their_magnitudes(
    asked: str, said: str, expected: dict[str, int | None]
) -> None:
    request = request_for(
        [("agent", "keystone business capital how can i help"),
         ("user", "hi i need financing for a skid steer for my landscaping business"),
         ("agent", asked), ("user", said)],
        zone="America/New_York",
        fields=(LOAN, REVENUE),
    )  # fmt: skip

    read = values(request)

    assert {name: read[name] for name in expected} == expected


@pytest.mark.parametrize(
    ("field", "said", "expected"),
    [(FieldSpec("budget_usd", "number", "The most they can spend on the project, in dollars"),
      "uh we were thinking like sixty sixty five max", 65000),
     (FieldSpec("monthly_budget", "number", "What they can pay per month, in dollars"),
      "ninety a month tops", 90)],
)  # fmt: skip
def test_a_number_said_in_words_takes_the_magnitude_of_what_it_pays_for(
    field: FieldSpec, said: str, expected: int
) -> None:
    request = request_for(
        [("agent", "thanks for calling what are you planning"),
         ("user", "we want to gut the kitchen in our house"),
         ("agent", "and do you have a budget in mind"), ("user", said)],
        zone="America/New_York",
        fields=(field,),
    )  # fmt: skip

    assert values(request)[field.name] == expected
