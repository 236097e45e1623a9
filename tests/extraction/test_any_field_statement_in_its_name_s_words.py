"""What a customer says of themselves settles a yes-or-no field only in a word of the
field's name (or its words in a language pack): the words of a description's aside ("first
service is free") are no statement about it; a question in another form of its verb ("did
you buy it from us" for `bought_here`) asks about it."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

BOUGHT_HERE = FieldSpec(
    "bought_here",
    "boolean",
    "Whether the bike was bought from our shop (first service is free)",
)


@pytest.mark.parametrize(
    ("said", "expected"),
    [("hi i need to book my bike in for a service please", None),
     ("hi i need a service on the bike i bought from you last spring", True),
     ("hi i need a service, it was a gift, never bought it from your shop", False)],
)  # fmt: skip
def test_a_statement_in_the_field_s_own_words(said: str, expected: bool | None) -> None:
    got = values(
        request_for(
            [("agent", "spoke and chain workshop how can i help"), ("user", said)],
            zone="America/Chicago",
            fields=(BOUGHT_HERE,),
        )
    )

    assert got == {"bought_here": expected}


@pytest.mark.parametrize(
    ("answer", "expected"), [("nope got it online", False), ("yeah you guys sold it to me", True)]
)
def test_a_question_in_another_form_of_the_field_s_verb(answer: str, expected: bool) -> None:
    got = values(
        request_for(
            [("agent", "and did you buy it from us"), ("user", answer)],
            zone="America/Chicago",
            fields=(BOUGHT_HERE,),
        )
    )

    assert got == {"bought_here": expected}
