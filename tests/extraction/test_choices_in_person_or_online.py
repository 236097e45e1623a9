# ruff: noqa: RUF001 - Turkish words are written with a dotless i
"""A choice named in plain words of several ("in_person" said "in person") is read, in
each pack's words too ("presencial", "yüz yüze", "vor Ort"); an answer that names two ways
("some weeks in person some online") settles none."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

FORMAT = FieldSpec(
    "lesson_format",
    "enum",
    "How the lessons happen: online, in_person, hybrid",
    ("online", "in_person", "hybrid"),
)


@pytest.mark.parametrize(
    ("zone", "question", "answer", "expected"),
    [
        ("Europe/London", "would you like online or at our centre",
         "in person please she can't focus on a screen", "in_person"),
        ("Europe/Madrid", "prefiere clases en línea o en la academia",
         "presencial mejor", "in_person"),
        ("America/Sao_Paulo", "prefere aula online ou na escola", "presencial", "in_person"),
        ("Europe/Istanbul", "dersler online mı olsun", "yüz yüze olsun lütfen", "in_person"),
        ("Europe/Berlin", "Online oder bei uns im Studio?", "Lieber vor Ort.", "in_person"),
        ("Europe/London", "would you like online or at our centre",
         "um both honestly some weeks in person some online", None),
    ],
)  # fmt: skip
def test_how_the_lessons_happen(
    zone: str, question: str, answer: str, expected: str | None
) -> None:
    got = values(request_for([("agent", question), ("user", answer)], zone=zone, fields=(FORMAT,)))

    assert got["lesson_format"] == expected
