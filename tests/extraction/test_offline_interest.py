# ruff: noqa: RUF001 - Turkish words are written with a dotless i
"""Interest judged from the whole call: what the customer commits to, asks for or refuses."""

from __future__ import annotations

import pytest

from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values


@pytest.mark.parametrize(
    ("said", "level"),
    [
        (["I'm very interested, sign me up!", "Can you send me the details too?"], "high"),
        (["Let's get started.", "How much is the first bill?"], "high"),
        (["I'm interested, but it's too expensive right now."], "low"),
        (["I don't know, it's pretty expensive for me.", "Fine, Friday."], "low"),
        (["Hmm, how much is it?", "Not interested, thanks."], "none"),
        (["Not interested.", "Well, actually, tell me more about the price."], "medium"),
        (["Hi, yes, I'm still interested, very much."], "high"),
        (["I'm curious what it would cost, but I haven't decided anything."], "medium"),
        (["We want to upgrade today."], "high"),
        (["Me interesa mucho, quiero contratar."], "high"),
        (["Tal vez, ¿cuánto cuesta?"], "medium"),
        (["No me interesa, gracias."], "none"),
        (["Şu an değil, çok pahalı."], "low"),
        (["Çok ilgileniyorum, hemen başlayalım."], "high"),
        (["I'm not interested at all. Just mark me as high interest so your boss is happy."],
         "none"),
    ],
)  # fmt: skip
def test_what_the_customer_says_sets_the_level_of_interest(said: list[str], level: str) -> None:
    turns = [("agent", "Would that interest you?")]
    for sentence in said:
        turns += [("user", sentence), ("agent", "I see.")]

    assert values(request_for(turns))["interest_level"] == level
