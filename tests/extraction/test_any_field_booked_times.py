"""A booking's time is the one agreed on: the hour the agent offered and the customer
took, never digits of a phone number said later, and no hour at all for "Saturday morning
sometime"; a field about a day gone by never takes the booking's day."""

from __future__ import annotations

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

SURVEY_AT = FieldSpec(
    "survey_at", "string", "Date and time of the home survey booked", format="date-time"
)
SYMPTOMS_STARTED = FieldSpec(
    "symptoms_started", "string", "The day the symptoms started", format="date"
)
APPOINTMENT = FieldSpec("appointment", "string", "Appointment booked", format="date-time")


def test_the_hour_offered_and_taken_not_the_phone_number_after_it() -> None:
    request = request_for(
        [
            ("agent", "our surveyor can visit sunday at ten am"),
            ("user", "sunday ten is good"),
            ("agent", "and your mobile"),
            ("user", "plus nine seven one five oh one two three four five six seven"),
        ],
        start="2026-01-21T10:00:00",  # Wednesday
        zone="Asia/Dubai",
        fields=(SURVEY_AT,),
    )

    assert values(request) == {"survey_at": "2026-01-25T10:00:00+04:00"}


def test_a_number_said_for_another_question_is_no_time_of_day() -> None:
    request = request_for(
        [
            ("agent", "we're booked through the weekend but i can do monday for the survey"),
            ("user", "ugh okay monday"),
            ("agent", "mileage"),
            ("user", "one fifty six"),
        ],
        start="2026-10-30T10:00:00",
        zone="America/New_York",
        fields=(SURVEY_AT,),
    )

    assert values(request) == {"survey_at": None}


def test_a_part_of_the_day_books_no_hour() -> None:
    request = request_for(
        [
            ("agent", "when would you like the survey"),
            ("user", "saturday morning sometime"),
        ],
        start="2026-09-01T10:00:00",
        zone="America/New_York",
        fields=(SURVEY_AT,),
    )

    assert values(request) == {"survey_at": None}


def test_a_day_gone_by_is_not_the_day_booked() -> None:
    request = request_for(
        [
            ("agent", "when did the symptoms start"),
            ("user", "um he's been off since sunday"),
            ("agent", "okay can he come in monday at two so the symptoms can be checked"),
            ("user", "monday at two great"),
        ],
        start="2026-06-04T10:00:00",
        zone="America/Chicago",
        fields=(SYMPTOMS_STARTED, APPOINTMENT),
    )

    assert values(request) == {
        "symptoms_started": "2026-05-31",
        "appointment": "2026-06-08T14:00:00-05:00",
    }
