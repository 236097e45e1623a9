"""A name field whose description says it "may not be the caller" or "isn't always the
person on the phone" is the caller's unless the call is for someone else, and then that
person's name as given; a name said with what follows it ("ela tem dez anos") ends where
the language's own words begin."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

PARENT_CALLS = [
    ("agent", "northside tutors this is amy how can i help"),
    ("user", "hi um i'm calling about chemistry lessons for my daughter"),
    ("agent", "sure can i get your name first"),
    ("user", "it's paula paula brennan"),
    ("agent", "thanks paula and your daughter's name"),
    ("user", "sophie brennan she's in year eleven"),
]
STUDENT_CALLS = [
    ("agent", "northside tutors this is amy how can i help"),
    ("user", "hi i need help with chemistry before my exams"),
    ("agent", "sure can i get your name"),
    ("user", "it's marcus webb"),
]


@pytest.mark.parametrize(
    "description",
    [
        "Full name of the student who will take the lessons (may not be the caller)",
        "Full name of the learner. Parents book for their kids, so this isn't always the "
        "person on the phone",
    ],
)
@pytest.mark.parametrize(
    ("turns", "expected"), [(PARENT_CALLS, "Sophie Brennan"), (STUDENT_CALLS, "Marcus Webb")]
)
def test_the_student_s_name_whoever_calls(
    description: str, turns: list[tuple[str, str]], expected: str
) -> None:
    field = FieldSpec("student_name", "string", description)

    said = values(request_for(turns, zone="Europe/London", fields=(field,)))

    assert said == {"student_name": expected}


def test_a_name_ends_where_the_language_s_own_words_begin() -> None:
    field = FieldSpec("student_name", "string", "Full name of the student (may not be the caller)")
    turns = [
        ("agent", "bom dia escola lumen aqui é a carla"),
        ("user", "bom dia eu queria aulas de inglês pra minha filha"),
        ("agent", "claro qual o nome dela"),
        ("user", "beatriz lima ela tem dez anos"),
    ]

    said = values(request_for(turns, zone="America/Sao_Paulo", fields=(field,)))

    assert said == {"student_name": "Beatriz Lima"}
