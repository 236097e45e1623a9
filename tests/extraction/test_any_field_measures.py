"""A number said in another measure than the field's is another quantity: kilowatt hours
are no bill, grams no kilos, a quarter's bill no month's, a one-bed flat no budget."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec, Role
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

MONTHLY_BILL = FieldSpec("monthly_bill", "number", "Average monthly electricity bill in dollars")
ANNUAL_USAGE = FieldSpec("annual_usage_kwh", "number", "Yearly electricity use in kWh")
WEIGHT_KG = FieldSpec("weight_kg", "number", "The pet's weight in kilograms")
BEDROOMS = FieldSpec("bedrooms", "number", "Number of bedrooms wanted")
BUDGET = FieldSpec("budget", "number", "Budget for the move in pounds sterling")


def asked(question: str, answer: str, field: FieldSpec) -> object:
    lines: list[tuple[Role, str]] = [("agent", question), ("user", answer)]
    return values(request_for(lines, zone="Europe/London", fields=(field,)))[field.name]


@pytest.mark.parametrize(
    ("answer", "field"),
    [
        ("this month's bill says nine hundred fifty kilowatt hours", MONTHLY_BILL),
        ("the quarterly bill's about six hundred", MONTHLY_BILL),
        ("seventeen megawatt hours last year", ANNUAL_USAGE),
        ("about nine hundred grams", WEIGHT_KG),
        ("like sixty five pounds", WEIGHT_KG),
        ("un kilo ochocientos", WEIGHT_KG),
    ],
)
def test_a_number_in_another_measure_is_left_null(answer: str, field: FieldSpec) -> None:
    assert asked(f"what's the {field.name.replace('_', ' ')}", answer, field) is None


@pytest.mark.parametrize(
    ("answer", "field", "expected"),
    [
        ("about a hundred and sixty dollars", MONTHLY_BILL, 160),
        ("around eleven thousand kilowatt hours", ANNUAL_USAGE, 11_000),
        ("tá com quatro quilos e meio", WEIGHT_KG, 4.5),
        ("three bedrooms two and a half baths", BEDROOMS, 3),
        ("reckon two and a half grand", BUDGET, 2_500),
    ],
)
def test_a_number_in_the_fields_own_measure_is_read(
    answer: str, field: FieldSpec, expected: float
) -> None:
    assert asked(f"what's the {field.name.replace('_', ' ')}", answer, field) == expected


def test_a_count_of_rooms_is_no_budget() -> None:
    lines: list[tuple[Role, str]] = [
        ("agent", "hello this is sam what budget are you working with"),
        ("user", "hiya um i'm moving out of a one bed flat in hackney"),
    ]
    assert values(request_for(lines, zone="Europe/London", fields=(BUDGET,)))["budget"] is None


ROOMS_PER_NIGHT = FieldSpec(
    "rooms_per_night", "number", "How many rooms they need per night at the peak"
)
GROUP_BUDGET = FieldSpec("budget_total", "number", "Total budget for the whole event")


@pytest.mark.parametrize(
    ("answer", "field"),
    [
        ("the twenty third of june three nights", ROOMS_PER_NIGHT),
        ("we'd check in friday may fifteenth two nights", ROOMS_PER_NIGHT),
        ("we're allowed fifteen bucks a head", GROUP_BUDGET),
        ("pensábamos unos cuarenta euros por persona", GROUP_BUDGET),
    ],
)
def test_what_a_field_counts_per_and_a_price_per_person_are_no_count(
    answer: str, field: FieldSpec
) -> None:
    assert asked(f"and the {field.name.replace('_', ' ')}", answer, field) is None
