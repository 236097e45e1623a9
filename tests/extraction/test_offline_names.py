# ruff: noqa: RUF001 - Turkish words are written with a dotless i
"""The customer's full name, however it is given; never a common word or the agent's name."""

from __future__ import annotations

import pytest

from extraction.types import Role
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

ASK = ("agent", "Hello, this is Ada from Solaris. Who am I speaking with?")


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        ([ASK, ("user", "It's Ana. Well, Ana María López, for the records.")], "Ana María López"),
        ([ASK, ("user", "Müller. Jonas Müller.")], "Jonas Müller"),
        ([ASK, ("user", "Kowalski, Anna.")], "Anna Kowalski"),
        ([ASK, ("user", "Surname Aydın, first name Kemal.")], "Kemal Aydın"),
        (
            [("agent", "Good afternoon, am I speaking with Mr. Kemal Aydın?"),
             ("user", "Yes, that's me.")],
            "Kemal Aydın",
        ),
        ([ASK, ("user", "This is Mr. Kemal Aydın.")], "Kemal Aydın"),
        ([ASK, ("user", "I'm Can Aksoy.")], "Can Aksoy"),
        ([ASK, ("user", "Hi, Marc-André Tremblay.")], "Marc-André Tremblay"),
        ([ASK, ("user", "Hey, Natalie Roy speaking.")], "Natalie Roy"),
        ([ASK, ("user", "Liam O'Brien.")], "Liam O'Brien"),
        ([ASK, ("user", "Me llamo Lucía Fernández.")], "Lucía Fernández"),
        ([ASK, ("user", "Adım Zeynep Kaya.")], "Zeynep Kaya"),
        ([ASK, ("user", "Mehmet Demir ben.")], "Mehmet Demir"),
        ([ASK, ("user", "Ben Elif Şahin.")], "Elif Şahin"),
        (
            [("agent", "Buenos días, ¿hablo con el señor Pérez?"), ("user", "Sí, soy yo.")],
            "Pérez",
        ),
        ([ASK, ("user", "my name is dana whitfield")], "Dana Whitfield"),
    ],
)  # fmt: skip
def test_the_fullest_name_said(turns: list[tuple[Role, str]], expected: str) -> None:
    assert values(request_for(turns))["customer_name"] == expected


@pytest.mark.parametrize(
    "said",
    ["Morning.", "Unfortunately.", "Nearly.", "Speaking.", "Honestly, I'm busy.",
     "Thanks Ada, what is this about?", "It's Ada? I thought you were someone else."],
)  # fmt: skip
def test_a_common_word_or_the_agents_name_is_no_name(said: str) -> None:
    assert values(request_for([ASK, ("user", said)]))["customer_name"] is None
