"""A teen and a ten said together are hundreds ("fourteen fifty" is 1,450, "twelve fifty"
1,250), as "four fifty" is 450; a number said twice as the customer makes up their mind
("sixty sixty five") is not one."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

MONTHLY = FieldSpec("monthly_budget", "number", "Most they can pay a month, in dollars")


@pytest.mark.parametrize(
    ("answer", "dollars"),
    [
        ("out of pocket like fourteen fifty max", 1450),
        ("um twelve fifty a month tops", 1250),
        ("four fifty", 450),
        ("like sixty sixty five max", 65),
    ],
)
def test_a_teen_and_a_ten(answer: str, dollars: int) -> None:
    got = values(
        request_for(
            [("agent", "and what's the most you can pay a month"), ("user", answer)],
            zone="America/Chicago",
            fields=(MONTHLY,),
        )
    )

    assert got["monthly_budget"] == dollars
