"""A choice field takes the one choice the customer names, in its plural or in the words the
description gives it, and not one they deny; several choices or none leave it null."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from extraction.validation import ValidatedResult
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import analysed

PROPERTY_TYPE = FieldSpec(
    "property_type", "enum", "Type of property the lead wants", ("house", "condo", "townhouse")
)
VISIT_REASON = FieldSpec(
    "visit_reason",
    "enum",
    "Reason for the visit: cleaning, toothache (pain in a tooth)",
    ("cleaning", "toothache"),
)


def realtor_call(answer: str) -> ValidatedResult:
    request = request_for(
        [
            ("agent", "hi this is ada from oak realty what type of property are you looking at"),
            ("user", answer),
        ],
        zone="America/Chicago",
        fields=(PROPERTY_TYPE,),
    )
    return analysed(request)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("mostly condos i think", "condo"),
        ("um we've been looking at townhouses", "townhouse"),
        ("no not a house more like a condo", "condo"),
        ("not a condo we want a house with a yard", "house"),
        ("A house, definitely.", "house"),
    ],
)
def test_the_choice_named(answer: str, expected: str) -> None:
    assert realtor_call(answer).values["property_type"] == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("yeah i've got this pain in a tooth on the left side", "toothache"),
        ("um there's like a pain in a tooth at the back it's been a few days", "toothache"),
        ("just a cleaning please", "cleaning"),
    ],
)
def test_the_descriptions_words_for_a_choice(said: str, expected: str) -> None:
    request = request_for(
        [
            ("agent", "thanks for calling bright smile dental what's the reason for the visit"),
            ("user", said),
        ],
        zone="America/New_York",
        fields=(VISIT_REASON,),
    )

    assert analysed(request).values["visit_reason"] == expected


def test_several_choices_named_apart_leave_it_null_naming_them() -> None:
    result = realtor_call("honestly we'd look at a house or a condo whatever's cheaper")

    assert result.values["property_type"] is None
    assert result.reasons["property_type"] == (
        "the customer names more than one of them (condo, house)"
    )


def test_no_choice_named_leaves_it_null() -> None:
    result = realtor_call("uh just somewhere with a yard for the dog")

    assert result.values["property_type"] is None
    assert result.reasons["property_type"] == ("the customer names none of house, condo, townhouse")


JOB_TYPE = FieldSpec(
    "job_type",
    "enum",
    "What's wrong. leak = water coming out where it shouldn't (pipe, ceiling, tap, "
    "cylinder); blocked_drain = toilet, sink or shower backed up; bookkeeping_advice = "
    "monthly books, no repair asked for; electrical_fault = breaker keeps tripping, "
    "sparking outlet.",
    ("leak", "blocked_drain", "bookkeeping_advice", "electrical_fault"),
)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("hi there's water dripping through the ceiling in the kitchen", "leak"),
        ("the breaker keeps going every time i run the dryer", "electrical_fault"),
        ("hi i need a repair on the upstairs sink", "blocked_drain"),
        ("the ceiling is dripping and the breaker tripped", None),
    ],
)
def test_a_choice_told_by_its_descriptions_own_words(said: str, expected: str | None) -> None:
    request = request_for(
        [("agent", "rapidfix emergency line what's going on"), ("user", said)],
        zone="Europe/London",
        fields=(JOB_TYPE,),
    )
    assert analysed(request).values["job_type"] == expected


def test_words_every_call_says_tell_no_choice_apart() -> None:
    program = FieldSpec(
        "program",
        "enum",
        "Which room they need: toddler (1 to 3 years), preschool (3 to 5, including pre-K), "
        "school_age (before/after-school care and summer camp for kids in kindergarten)",
        ("toddler", "preschool", "school_age"),
    )
    request = request_for(
        [("agent", "when would you like to come for a tour"),
         ("user", "yeah can i come tomorrow at like eight am before work")],
        zone="America/Chicago",
        fields=(program,),
    )  # fmt: skip

    assert analysed(request).values["program"] is None
