"""A yes-or-no field is not answered by the customer's "yes hi" to the agent's opening line,
even when the line's own name shares a word with the field ("funeral home" and a pre-need
plan "arranged with another home"), nor by a statement that says one pack phrase of it."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec, Role
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import analysed, values

PRENEED = FieldSpec(
    "has_preneed_plan",
    "boolean",
    "Whether the deceased had a pre-need plan (funeral paid for or arranged in advance, "
    "with us or with another home)",
)


def funeral_call(*lines: tuple[Role, str]) -> dict[str, object]:
    return values(request_for(list(lines), zone="America/New_York", fields=(PRENEED,)))


@pytest.mark.parametrize(
    "opening",
    [
        "ferreira and walsh funeral home how can i help",
        "Ferreira & Walsh Funeral Home, virtual assistant speaking. How can I help?",
    ],
)
def test_a_yes_to_the_opening_line_answers_nothing(opening: str) -> None:
    got = funeral_call(
        ("agent", opening),
        ("user", "yes hi my brother passed away yesterday at home hospice was there"),
        ("agent", "i'm so sorry may i have his name"),
        ("user", "dwayne hollis"),
    )

    assert got["has_preneed_plan"] is None


def test_an_opening_line_that_asks_about_the_field_is_answered() -> None:
    got = funeral_call(
        ("agent", "ferreira and walsh funeral home did your mother have a pre-need plan with us"),
        ("user", "yes she paid for it years ago"),
    )

    assert got["has_preneed_plan"] is True


def test_one_phrase_for_the_deceased_is_not_two_words_of_the_field() -> None:
    run = analysed(
        request_for(
            [
                ("agent", "thanks for calling how can i help"),
                ("user", "my grandfather passed away on friday"),
            ],
            zone="America/New_York",
            fields=(PRENEED,),
        )
    )

    assert run.values["has_preneed_plan"] is None
    assert run.reasons["has_preneed_plan"] == "the customer does not answer a question about it"


def test_a_statement_in_two_of_its_words_still_counts() -> None:
    got = funeral_call(
        ("agent", "thanks for calling how can i help"),
        ("user", "my father passed away last night and he had a pre-need plan with you"),
    )

    assert got["has_preneed_plan"] is True
