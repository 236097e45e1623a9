"""A full name in lower case, said after a greeting or "this is" and before the words that
follow a name ("here", "am Apparat", "bol raha hoon"), is the caller's; a greeting is no
name ("grüezi", "grüß Gott", "Tach"), and the holder of a policy is the caller."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

CALLER = FieldSpec("caller_name", "string", "Full name of the caller")


def caller_name(*turns: tuple[str, str], zone: str = "Europe/Berlin") -> str | None:
    name: str | None = values(request_for(list(turns), zone=zone, fields=(CALLER,)))["caller_name"]
    return name


@pytest.mark.parametrize(
    ("said", "expected"),
    [("hi this is dana reyes here about the quote", "Dana Reyes"),
     ("grüß gott anna gruber hier ich hätte gern ein angebot", "Anna Gruber"),
     ("ja grüezi lukas meier am apparat", "Lukas Meier"),
     ("haan ji main rohit sharma bol raha hoon", "Rohit Sharma")],
)  # fmt: skip
def test_a_full_name_before_the_words_said_after_one(said: str, expected: str) -> None:
    assert caller_name(("agent", "good morning how can i help"), ("user", said)) == expected


@pytest.mark.parametrize(
    "said",
    ["ja tach hier ist der neue kunde", "grüezi meier am apparat", "howya just ringing here"],
)
def test_no_greeting_or_lone_word_is_taken_for_a_name(said: str) -> None:
    assert caller_name(("agent", "good morning how can i help"), ("user", said)) is None


def test_the_holder_of_the_policy_is_the_caller() -> None:
    name = caller_name(
        ("agent", "seguros levante buenos días"),
        ("user", "buenos días tengo una gotera en el tejado"),
        ("agent", "me dice el nombre del titular de la póliza"),
        ("user", "manuel ortiz vega"),
        zone="Europe/Madrid",
    )

    assert name == "Manuel Ortiz Vega"
