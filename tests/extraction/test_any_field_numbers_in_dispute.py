"""Where the call gives a number field several different numbers and none of them with
the field's own word, the field is null with the numbers in its reason: a guess between
them would fire actions on a wrong amount. One said with the field's word settles it."""

from __future__ import annotations

from extraction.offline import OfflineBackend
from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

BUDGET = FieldSpec("budget_usd", "number", "The client's budget for the job, in US dollars")


def test_two_answers_that_disagree_fill_nothing() -> None:
    request = request_for(
        [
            ("agent", "what budget do you have in mind"),
            ("user", "around twenty thousand"),
            ("agent", "and what budget if we add the deck"),
            ("user", "then maybe forty thousand"),
        ],
        fields=(BUDGET,),
    )

    answer = OfflineBackend().extract(request)

    assert values(request) == {"budget_usd": None}
    assert "around twenty thousand" in answer.reasons["budget_usd"]
    assert "then maybe forty thousand" in answer.reasons["budget_usd"]


def test_a_number_said_with_the_fields_word_settles_it() -> None:
    request = request_for(
        [
            ("agent", "what budget do you have in mind"),
            ("user", "around twenty thousand"),
            ("agent", "and if we add the deck"),
            ("user", "then the budget is forty thousand"),
        ],
        fields=(BUDGET,),
    )

    assert values(request) == {"budget_usd": 40000}
