"""What a field's description sets apart ("Not the estimate visit", "Prices we quote them
are not their budget") is no place to read the field from."""

from __future__ import annotations

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

MOVE_DATE = FieldSpec(
    "move_date",
    "string",
    "The day the move itself happens. Not the estimate visit, not the closing date unless "
    "they move that same day.",
    format="date",
)
ESTIMATE_VISIT = FieldSpec(
    "estimate_visit", "string", "Date and time of the in-home estimate", format="date-time"
)
BUDGET = FieldSpec(
    "budget",
    "number",
    "The most the customer can spend on the move. Prices we quote them or what they paid "
    "before are not their budget.",
)


def test_a_booked_visit_is_not_the_day_of_the_move() -> None:
    request = request_for(
        [
            ("agent", "rocky mountain movers this is jake"),
            ("user", "hi we need to move a four bedroom house"),
            ("agent", "our estimator could come monday at ten"),
            ("user", "monday at ten works"),
        ],
        start="2026-03-05T09:00:00",  # Thursday
        zone="America/Denver",
        fields=(MOVE_DATE, ESTIMATE_VISIT),
    )

    assert values(request) == {
        "move_date": None,
        "estimate_visit": "2026-03-09T10:00:00-06:00",
    }


def test_a_price_quoted_before_is_not_the_budget() -> None:
    request = request_for(
        [
            ("agent", "what budget do you have for the move"),
            ("user", "the partners signed off fifteen k um the last quote we got was eighteen"),
        ],
        zone="America/Chicago",
        fields=(BUDGET,),
    )

    assert values(request) == {"budget": 15_000}


CHARTER_DATE = FieldSpec(
    "charter_date",
    "string",
    "The day they want to be out on the water. Date only. Not the day we call them back.",
    format="date",
)
CALLBACK_AT = FieldSpec(
    "callback_at",
    "string",
    "When they asked us to call them back - date and time. This is the callback, not the "
    "charter day.",
    format="date-time",
)


def test_a_date_whose_description_sets_calling_apart_is_not_the_call_back() -> None:
    request = request_for(
        [
            ("agent", "blue horizon charters this is mia"),
            ("user", "hi we want a sunset cruise"),
            ("agent", "and what date"),
            ("user", "the twenty first"),
            ("agent", "and a call back to take the deposit"),
            ("user", "monday at nine thirty"),
        ],
        start="2026-03-05T09:00:00",  # Thursday
        zone="America/Los_Angeles",
        fields=(CHARTER_DATE, CALLBACK_AT),
    )
    assert values(request) == {
        "charter_date": "2026-03-21",
        "callback_at": "2026-03-09T09:30:00-07:00",
    }


FINISH_BY = FieldSpec(
    "finish_by",
    "string",
    "The date the customer needs the work finished by. Just the day, this is a deadline, not "
    "the inspection appointment.",
    format="date",
)
INSPECTION_AT = FieldSpec(
    "inspection_at", "string", "When the estimator's visit is booked", format="date-time"
)


def test_what_a_description_says_before_a_contrast_is_still_its_topic() -> None:
    request = request_for(
        [
            ("agent", "kona roofing any deadline"),
            ("user", "we need the report by march sixth"),
            ("agent", "we can do monday at nine for the inspection"),
            ("user", "monday at nine is fine"),
        ],
        start="2026-02-26T09:00:00",  # Thursday
        zone="Pacific/Honolulu",
        fields=(FINISH_BY, INSPECTION_AT),
    )
    assert values(request)["finish_by"] == "2026-03-06"
