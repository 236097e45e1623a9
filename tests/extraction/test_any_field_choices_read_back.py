"""A read-back the customer says yes to settles a choice only when it names one: "which
class? economy, compact, suv or van" — "yes" chooses nothing."""

from __future__ import annotations

from extraction.types import FieldSpec, Role
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

CLASS = FieldSpec(
    "vehicle_class", "enum", "Car class they want", choices=("economy", "compact", "suv", "van")
)


def vehicle_class(*lines: tuple[Role, str]) -> object:
    got = values(request_for(list(lines), zone="Europe/Lisbon", fields=(CLASS,)))
    return got["vehicle_class"]


def test_a_yes_to_a_list_of_classes_chooses_none() -> None:
    got = vehicle_class(
        ("agent", "atlantico rent a car how can i help"),
        ("user", "hi i need a car next week"),
        ("agent", "sure we have economy compact suv and van classes is that okay"),
        ("user", "yes"),
    )

    assert got is None


def test_a_yes_to_one_class_read_back_chooses_it() -> None:
    got = vehicle_class(
        ("agent", "atlantico rent a car how can i help"),
        ("user", "hi i need the cheapest car you have"),
        ("agent", "that would be our economy class is that okay"),
        ("user", "yes"),
    )

    assert got == "economy"
