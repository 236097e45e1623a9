"""A field for another person's name reads the name the customer gives for them: after
"her name is", or in answer to the agent's question about it; never the caller's own."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec, Role
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import analysed, values

CALLER = FieldSpec("parent_name", "string", "Name of the parent calling")
CHILD = FieldSpec("child_name", "string", "The child's first and last name (not the parent's)")
CONTACT = FieldSpec("emergency_contact_name", "string", "Name of the emergency contact")


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        ([("agent", "little acorns this is the assistant what's your name"),
          ("user", "dana whitfield"), ("agent", "and what's your son's full name"),
          ("user", "isaiah isaiah ward")], "Isaiah Ward"),
        ([("agent", "how old is the baby"), ("user", "five months her name is hazel park")],
         "Hazel Park"),
        ([("agent", "temos sim na sala de bebês qual o nome dele"),
          ("user", "davi davi oliveira")], "Davi Oliveira"),
        ([("agent", "claro cómo se llama la niña"), ("user", "valentina garza treviño")],
         "Valentina Garza Treviño"),
    ],
)  # fmt: skip
def test_the_name_given_for_another_person(turns: list[tuple[Role, str]], expected: str) -> None:
    request = request_for(turns, zone="America/Chicago", fields=(CALLER, CHILD))

    assert values(request)["child_name"] == expected


def test_the_callers_own_name_is_not_another_persons() -> None:
    request = request_for(
        [("agent", "little acorns what's your name"), ("user", "dana whitfield"),
         ("agent", "and who should we call in an emergency"), ("user", "my husband")],
        zone="America/Chicago",
        fields=(CALLER, CONTACT),
    )  # fmt: skip

    result = analysed(request)

    assert result.values == {"parent_name": "Dana Whitfield", "emergency_contact_name": None}
    assert "no name is given for them" in result.reasons["emergency_contact_name"]


def test_two_fields_for_other_people_are_left_to_a_model() -> None:
    request = request_for(
        [("agent", "what's her name"), ("user", "her name is ruby goldstein")],
        zone="America/Chicago",
        fields=(CHILD, CONTACT),
    )

    assert values(request) == {"child_name": None, "emergency_contact_name": None}
