"""A number said with its measure is whole, and an age is years: in a call about renting a
car, where a bare amount of money is thousands, "I'm 34" is 34 and "maybe 800 kilometres"
is 800, while the odometer's "one fifty six" stays 156,000."""

from __future__ import annotations

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

AGE = FieldSpec(
    "driver_age", "number", "Main driver's age in years (under 25 pays the young driver fee)"
)
KILOMETRES = FieldSpec(
    "estimated_km",
    "number",
    "Total kilometres they expect to drive during the rental, decides limited vs unlimited mileage",
)
MILEAGE = FieldSpec("mileage", "number", "Current mileage on the car")


def test_an_age_and_a_distance_said_with_its_measure() -> None:
    request = request_for(
        [
            ("agent", "i'd like to rent a car, and your age"),
            ("user", "I'm 34."),
            ("agent", "Roughly how many kilometres are you planning?"),
            ("user", "We're driving down to the Algarve and back, so maybe 800 kilometres."),
        ],
        zone="Europe/Lisbon",
        fields=(AGE, KILOMETRES),
    )

    assert values(request) == {"driver_age": 34, "estimated_km": 800}


def test_the_odometer_said_short_is_thousands() -> None:
    request = request_for(
        [("agent", "what's the mileage on the car"), ("user", "one fifty six")],
        zone="America/New_York",
        fields=(MILEAGE,),
    )

    assert values(request) == {"mileage": 156000}
