"""A number field of any name takes the number said about it, with its magnitude, and no
other number of the call: not a range's wrong end, a phone number, or another unit."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec, Role
from extraction.validation import ValidatedResult
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import analysed, values

BUDGET = FieldSpec("budget", "number", "Budget in US dollars")
MAX_BUDGET = FieldSpec("max_budget", "number", "Maximum budget in US dollars")
BEDROOMS = FieldSpec("bedrooms", "number", "Number of bedrooms wanted")
WEIGHT = FieldSpec("weight_lbs", "number", "The dog's weight in pounds")
VEHICLE_YEAR = FieldSpec("vehicle_year", "number", "Model year of the vehicle")


def house_call(answer: str, field: FieldSpec = BUDGET) -> ValidatedResult:
    lines: list[tuple[Role, str]] = [
        ("agent", "hi this is ada from oak realty you asked about the house on maple street"),
        ("user", "yeah hi we saw the listing"),
        ("agent", "great so what's your budget"),
        ("user", answer),
    ]
    return analysed(request_for(lines, zone="America/Chicago", fields=(field,)))


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("um probably four fifty", 450_000),
        ("i'd say half a million tops", 500_000),
        ("we could go to 1.2 mil", 1_200_000),
        ("like 600k", 600_000),
        ("Around $475,000.", 475_000),
    ],
)
def test_an_amount_of_money_with_its_magnitude(answer: str, expected: int) -> None:
    assert house_call(answer).values["budget"] == expected


def test_a_range_takes_the_end_the_description_asks_for() -> None:
    result = house_call("somewhere between 300 and 350 thousand", MAX_BUDGET)

    assert result.values["max_budget"] == 350_000


def test_a_range_is_null_when_the_description_asks_for_neither_end() -> None:
    result = house_call("somewhere between 300 and 350 thousand")

    assert result.values["budget"] is None
    assert "a range is said" in result.reasons["budget"]
    assert "somewhere between 300 and 350 thousand" in result.reasons["budget"]


@pytest.mark.parametrize(
    "said",
    [
        "it's me my wife and two kids so we need three bedrooms",
        "we need three bedrooms for me my wife and the two kids",
        "three bedrooms because we've got two kids and a dog",
    ],
)
def test_the_number_said_with_the_fields_word(said: str) -> None:
    request = request_for(
        [("agent", "tell me a bit about what you need"), ("user", said)],
        zone="America/Chicago",
        fields=(BEDROOMS,),
    )

    assert values(request)["bedrooms"] == 3


def weigh_in(said: str) -> dict[str, object]:
    request = request_for(
        [
            ("agent", "thanks for calling happy paws grooming what's the dog's name"),
            ("user", "it's biscuit"),
            ("agent", "and how much does biscuit weigh"),
            ("user", said),
        ],
        zone="America/Denver",
        fields=(WEIGHT,),
    )
    return values(request)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("he's sixty five pounds no wait sixty", 60),
        ("uh sixty five no wait the vet said sixty", 60),
        ("about twelve and a half pounds", 12.5),
        ("twenty two", 22),
    ],
)
def test_a_weight_as_last_said(said: str, expected: float) -> None:
    assert weigh_in(said)["weight_lbs"] == expected


def test_a_number_in_another_unit_is_no_value() -> None:
    assert weigh_in("he's about 15 kg")["weight_lbs"] is None


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("sure it's five five five two three four nine eight seven six", None),
        ("my cell is 312 555 0198", None),
        ("312 555 0198 and the budget is like four hundred thousand", 400_000),
    ],
)
def test_a_phone_number_read_out_is_no_amount(said: str, expected: int | None) -> None:
    request = request_for(
        [
            ("agent", "what's your budget for the house and a good number to reach you"),
            ("user", said),
        ],
        zone="America/Chicago",
        fields=(BUDGET,),
    )

    assert values(request)["budget"] == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("it's a twenty nineteen civic", 2019),
        ("uh it's an oh eight honda", 2008),
        ("2021", 2021),
    ],
)
def test_a_year_said_in_halves(said: str, expected: int) -> None:
    request = request_for(
        [("agent", "what year is the vehicle"), ("user", said)],
        zone="America/Chicago",
        fields=(VEHICLE_YEAR,),
    )

    assert values(request)["vehicle_year"] == expected


def test_a_spanish_budget_for_a_house() -> None:
    request = request_for(
        [
            ("agent", "Buenas tardes, le habla Ada de Inmobiliaria Sol. ¿Busca casa en la zona?"),
            ("user", "sí señora estamos buscando una casa con jardín para los niños"),
            ("agent", "¿Y cuál es su presupuesto?"),
            ("user", "pues unos trescientos mil más o menos"),
        ],
        zone="America/Mexico_City",
        fields=(BUDGET,),
    )

    assert values(request)["budget"] == 300_000
