"""The agent's check of the customer's name, as speech-to-text writes it (no capitals, no
question mark: "am i speaking with todd becker"), answered yes, gives the name."""

from __future__ import annotations

import pytest

from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values


@pytest.mark.parametrize(
    ("check", "answer"),
    [
        ("hi this is leo with summit solar am i speaking with todd becker", "yeah who's this"),
        ("hi this is leo from summit solar is this todd becker", "yes speaking"),
    ],
)
def test_a_name_checked_and_confirmed(check: str, answer: str) -> None:
    got = values(
        request_for(
            [
                ("agent", check),
                ("user", answer),
                ("agent", "we're offering free roof assessments this month"),
                ("user", "nah not interested"),
            ],
            zone="America/Denver",
        )
    )

    assert got["customer_name"] == "Todd Becker"


def test_a_name_said_in_passing_is_not_checked() -> None:
    got = values(
        request_for(
            [
                ("agent", "hi this is leo from summit solar your neighbour todd becker"),
                ("user", "yeah what about him"),
            ],
            zone="America/Denver",
        )
    )

    assert got["customer_name"] is None
