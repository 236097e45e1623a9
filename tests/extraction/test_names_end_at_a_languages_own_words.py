"""A name ends where the words a language is told by begin, capitalised or not ("Franz Eder,
wir möchten …", "Ich rufe für meine Tochter an"): they are nobody's name."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

HOMEOWNER = FieldSpec("homeowner_name", "string", "Full name of the homeowner")
STUDENT = FieldSpec("student_name", "string", "Full name of the student who will attend")


@pytest.mark.parametrize(
    ("answer", "name"),
    [
        ("Franz Eder Wir Möchten das Dach neu decken lassen.", "Franz Eder"),
        ("Hier spricht Franz Eder, wir möchten ein Angebot.", "Franz Eder"),
    ],
)
def test_a_name_ends_where_the_sentence_goes_on(answer: str, name: str) -> None:
    got = values(
        request_for(
            [("agent", "Dachdeckerei Huber, guten Tag, wie ist Ihr Name?"), ("user", answer)],
            zone="Europe/Vienna",
            fields=(HOMEOWNER,),
        )
    )

    assert got["homeowner_name"] == name


def test_a_lower_case_sentence_after_a_name_is_no_name() -> None:
    got = values(
        request_for(
            [
                ("agent", "sprachschule berlin guten tag was kann ich für sie tun"),
                ("user", "ja guten tag wagner mein name ich rufe für meine tochter an"),
                ("agent", "gern wie heißt ihre tochter"),
                ("user", "mia mia wagner"),
            ],
            zone="Europe/Berlin",
            fields=(STUDENT,),
        )
    )

    assert got["student_name"] == "Mia Wagner"
