"""A field about what a customer lets us spend, or a loaner, is found where the call speaks
of it in the call's language ("Wie viel dürfen wir ausgeben?", "Leihrad?", "¿Necesita bici
de préstamo?")."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

SPEND = FieldSpec(
    "approved_spend",
    "number",
    "Most the customer OKs us to spend on parts and labour without calling them first",
)
LOANER = FieldSpec(
    "loaner_needed", "boolean", "Whether the customer wants a loaner bike while theirs is in"
)


@pytest.mark.parametrize(
    ("zone", "turns", "expected"),
    [
        ("Europe/Berlin",
         [("agent", "Wie viel dürfen wir ohne Rückruf ausgeben?"),
          ("user", "Bis dreihundert Euro, darüber bitte anrufen."),
          ("agent", "Brauchen Sie ein Leihrad?"), ("user", "Nein, brauche ich nicht.")],
         {"approved_spend": 300, "loaner_needed": False}),
        ("Europe/Madrid",
         [("agent", "¿Cuánto podemos gastar sin llamarle?"), ("user", "Hasta ciento veinte."),
          ("agent", "¿Necesita bici de préstamo?"), ("user", "Sí, por favor.")],
         {"approved_spend": 120, "loaner_needed": True}),
    ],
)  # fmt: skip
def test_spend_and_loaner(
    zone: str, turns: list[tuple[str, str]], expected: dict[str, object]
) -> None:
    assert values(request_for(turns, zone=zone, fields=(SPEND, LOANER))) == expected
