"""A bare number said after an amount with its magnitude word is in that magnitude ("six
grand maybe seven" is 7,000); one that counts something of its own is not."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

BUDGET = FieldSpec(
    "budget_eur", "number", "The most the customer wants to spend on the trip, in euros"
)


@pytest.mark.parametrize(
    ("said", "expected"),
    [("like six grand maybe seven", 7000), ("six grand for 4 nights", 6000)],
)
def test_the_budget(said: str, expected: int) -> None:
    got = values(
        request_for(
            [("agent", "and what's your budget for the trip"), ("user", said)],
            zone="Europe/London",
            fields=(BUDGET,),
        )
    )

    assert got == {"budget_eur": expected}
