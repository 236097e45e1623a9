"""English reads "os" as zeros; in a Portuguese call it is "the" ("com os amigos"), never a
number for a field."""

from __future__ import annotations

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

BUDGET = FieldSpec("budget_usd", "number", "Budget in US dollars; for a range, the most")


def test_the_article_os_is_no_zero() -> None:
    got = values(
        request_for(
            [
                ("agent", "funerária ferreira e walsh boa tarde"),
                ("user", "boa tarde"),
                ("agent", "e qual é o orçamento"),
                ("user", "só uma cerimônia com os amigos na capela"),
            ],
            zone="America/New_York",
            fields=(BUDGET,),
        )
    )

    assert got["budget_usd"] is None
