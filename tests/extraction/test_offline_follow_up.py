# ruff: noqa: RUF001 - Turkish words are written with a dotless i
"""Whether the customer wants a follow-up: negations, refusals and "I'll call you" are no."""

from __future__ import annotations

import pytest

from extraction.types import Role
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import analysed

OFFER = ("agent", "Would you like us to call you back about it?")


@pytest.mark.parametrize(
    "said",
    [
        "No, no follow-up please, I will call you if I need anything.",
        "No.",
        "No thanks, I'm all set.",
        "Please don't call me again.",
        "There's no need to call, I'll contact you if I change my mind.",
        "I'll ring you myself when I'm ready.",
        "Nah, don't bother.",
        "No, gracias, no me llame más.",
        "Yo le llamo si me interesa.",
        "Gerek yok, ben sizi ararım.",
        "Hayır, beni tekrar aramayın.",
    ],
)
def test_a_refusal_is_no_and_books_nothing(said: str) -> None:
    result = analysed(request_for([OFFER, ("user", said)]))

    assert result.values["follow_up_required"] is False
    assert result.evidence["follow_up_required"] == said
    assert result.values["follow_up_date"] is None
    assert result.reasons["follow_up_date"].startswith("the customer turned down a follow-up")


@pytest.mark.parametrize(
    ("turns", "date"),
    [
        ([OFFER, ("user", "Yes please, call me next Tuesday.")], "2026-03-17"),
        ([OFFER, ("user", "Sure.")], None),
        ([OFFER, ("user", "Don't call me before 10, call me Friday at 11.")], "2026-03-13"),
        (
            [OFFER, ("user", "No, not now."), ("agent", "Understood."),
             ("user", "Actually, call me tomorrow after all.")],
            "2026-03-11",
        ),
        ([OFFER, ("user", "Sí, llámeme el jueves.")], "2026-03-12"),
        ([OFFER, ("user", "Evet, cuma günü arayın.")], "2026-03-13"),
    ],
)  # fmt: skip
def test_asking_to_be_called_is_yes_and_the_last_word_decides(
    turns: list[tuple[Role, str]], date: str | None
) -> None:
    result = analysed(request_for(turns))

    assert result.values["follow_up_required"] is True
    assert result.values["follow_up_date"] == date
