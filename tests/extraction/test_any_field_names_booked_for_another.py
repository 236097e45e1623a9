"""A name field for a person who is usually the caller ("If a parent books for them we want
the learner's name, not the caller's") takes the caller's own name, and, when the caller
books for someone else, the name they give for that person."""

from __future__ import annotations

from extraction.types import FieldSpec, Role
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import analysed, values

STUDENT = FieldSpec(
    "student_name",
    "string",
    "Full name of the learner driver who will take the lessons. If a parent or someone else "
    "books for them we want the learner's name, not the caller's",
)


def student(*lines: tuple[Role, str]) -> object:
    return values(request_for(list(lines), zone="Europe/London", fields=(STUDENT,)))["student_name"]


def test_a_learner_who_calls_gives_their_own_name() -> None:
    got = student(
        ("agent", "Thanks for calling Greenway Driving School, how can I help?"),
        ("user", "Hi, I'd like to book some driving lessons."),
        ("agent", "Of course. Can I take your full name?"),
        ("user", "Marcus Hale."),
    )

    assert got == "Marcus Hale"


def test_a_parent_who_books_gives_the_learners_name() -> None:
    got = student(
        ("agent", "Thanks for calling Greenway Driving School, how can I help?"),
        ("user", "Hi, I'm calling for my daughter, she wants to start lessons."),
        ("agent", "Lovely. What's her name?"),
        ("user", "Her name is Chloe Papadopoulos."),
    )

    assert got == "Chloe Papadopoulos"


def test_a_parent_who_gives_only_their_own_name_leaves_it_null() -> None:
    got = student(
        ("agent", "Thanks for calling Greenway Driving School, how can I help?"),
        ("user", "Hi, I'm calling for my son, he needs lessons before his test."),
        ("agent", "And who am I speaking with?"),
        ("user", "This is Lauren Ellis."),
    )

    assert got is None


def test_beside_another_persons_name_field_which_is_whose_is_left_to_a_model() -> None:
    emergency = FieldSpec("emergency_contact_name", "string", "Who to call in an emergency")
    run = analysed(
        request_for(
            [
                ("agent", "Thanks for calling Greenway Driving School, how can I help?"),
                ("user", "Hi, I'm calling for my daughter, she wants to start lessons."),
                ("agent", "Lovely. What's her name?"),
                ("user", "Her name is Chloe Papadopoulos."),
            ],
            zone="Europe/London",
            fields=(STUDENT, emergency),
        )
    )

    assert run.values["student_name"] is None
    assert "left to a model" in run.reasons["student_name"]
