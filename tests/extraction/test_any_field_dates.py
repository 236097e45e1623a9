"""Each date field takes the day said for it: two fields in one call, two days in one
sentence, a booking agreed on, a call back kept apart, and a day gone by for a past field."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from tests.extraction.conftest import SEED_SPECS, request_for
from tests.extraction.test_offline import analysed, values

MOVE_BY = FieldSpec("move_by", "string", "Date the lead needs to move by", format="date")
VIEWING_AT = FieldSpec("viewing_at", "string", "When the viewing is booked", format="date-time")
DROPOFF_AT = FieldSpec(
    "dropoff_at", "string", "When the customer drops off the car", format="date-time"
)
PICKUP_BY = FieldSpec("pickup_by", "string", "Date the customer needs the car back", format="date")
GROOMING_AT = FieldSpec(
    "grooming_at", "string", "Date and time of the grooming appointment", format="date-time"
)
SITE_VISIT = FieldSpec("site_visit_date", "string", "Date of the site visit", format="date")
LAST_GROOMED = FieldSpec(
    "last_groom_date", "string", "When the pet was last groomed", format="date"
)


def test_two_date_fields_in_one_call_each_get_their_own_day() -> None:
    request = request_for(
        [
            ("agent", "hi this is ada from oak realty when do you need to move by"),
            ("user", "um our lease is up so we need to be out by april 30"),
            ("agent", "okay and when would you like to come see the townhouse"),
            ("user", "saturday at ten works"),
        ],
        start="2026-03-10T11:00:00",  # Tuesday
        zone="America/Chicago",
        fields=(MOVE_BY, VIEWING_AT),
    )

    assert values(request) == {
        "move_by": "2026-04-30",
        "viewing_at": "2026-03-14T10:00:00-05:00",
    }


@pytest.mark.parametrize(
    "question",
    [
        "thanks for calling main street auto when can you drop the car off",
        "when can you bring it in and when do you need it back",
        "okay when works for you",
    ],
)
def test_one_sentence_naming_two_days_gives_each_field_its_part(question: str) -> None:
    request = request_for(
        [
            ("agent", question),
            ("user", "tomorrow at noon and i need it back by saturday the 17th"),
        ],
        start="2026-10-13T09:30:00",  # Tuesday
        zone="America/Chicago",
        fields=(DROPOFF_AT, PICKUP_BY),
    )

    assert values(request) == {
        "dropoff_at": "2026-10-14T12:00:00-05:00",
        "pickup_by": "2026-10-17",
    }


def test_a_booking_agreed_on_goes_to_the_configs_one_date_time_field() -> None:
    request = request_for(
        [
            ("agent", "thanks for calling happy paws who am i speaking with"),
            ("user", "hi it's megan"),
            ("agent", "hi megan i have saturday at ten"),
            ("user", "saturday at ten works"),
        ],
        start="2026-03-10T11:00:00",  # Tuesday
        zone="America/Chicago",
        fields=(*SEED_SPECS, GROOMING_AT),
    )

    said = values(request)

    assert said["grooming_at"] == "2026-03-14T10:00:00-05:00"
    assert said["follow_up_date"] is None


def test_a_day_to_call_back_is_the_follow_up_not_the_site_visit() -> None:
    request = request_for(
        [
            ("agent", "would you like to book a site visit for the solar panels"),
            ("user", "not yet um call me back next week"),
        ],
        start="2026-03-10T11:00:00",  # Tuesday
        zone="America/Chicago",
        fields=(*SEED_SPECS, SITE_VISIT),
    )

    result = analysed(request)

    assert result.values["follow_up_date"] == "2026-03-16"
    assert result.values["follow_up_required"] is True
    assert result.values["site_visit_date"] is None


@pytest.mark.parametrize(
    ("start", "said", "expected"),
    [
        ("2026-03-10T11:00:00", "um maybe two weeks ago", "2026-02-24"),
        # Friday: last Tuesday is this week's.
        ("2026-03-13T11:00:00", "last tuesday", "2026-03-10"),
        # Tuesday: last Tuesday is a week before the call, not the day of it.
        ("2026-03-10T11:00:00", "she went in last tuesday", "2026-03-03"),
        ("2026-01-15T11:00:00", "uh december 20th i think", "2025-12-20"),
    ],
)
def test_a_past_field_takes_the_day_gone_by(start: str, said: str, expected: str) -> None:
    request = request_for(
        [
            ("agent", "thanks for calling happy paws when was she last groomed"),
            ("user", said),
        ],
        start=start,
        zone="America/Chicago",
        fields=(LAST_GROOMED,),
    )

    assert values(request)["last_groom_date"] == expected


def test_a_date_fields_value_is_a_plain_date_even_with_a_time_said() -> None:
    request = request_for(
        [
            ("agent", "when do you need to move by"),
            ("user", "we need to be moved in by april 30 at noon"),
        ],
        start="2026-03-10T11:00:00",
        zone="America/Chicago",
        fields=(MOVE_BY, VIEWING_AT),
    )

    assert values(request)["move_by"] == "2026-04-30"


@pytest.mark.parametrize(
    ("said", "zone", "expected"),
    [("saturday the fourteenth", "America/New_York", "2026-03-14"),
     ("el sábado catorce", "Europe/Madrid", "2026-03-14"),
     ("am Samstag dem vierzehnten", "Europe/Berlin", "2026-03-14")],
)  # fmt: skip
def test_a_weekday_with_its_day_of_the_month_is_that_day(
    said: str, zone: str, expected: str
) -> None:
    request = request_for(
        [("agent", "and what date for the site visit"), ("user", said)],
        start="2026-03-05T10:00:00",  # Thursday
        zone=zone,
        fields=(SITE_VISIT,),
    )
    assert values(request)["site_visit_date"] == expected


@pytest.mark.parametrize(
    ("said", "zone", "expected"),
    [("no no monday i've got dialysis tuesday at eight i'll be home", "America/Chicago",
      "2026-03-10T08:00"),
     ("i'm up on the slope till friday how about saturday at noon", "America/Anchorage",
      "2026-03-14T12:00"),
     ("dienstag nein mittwoch dienstag bin ich in salzburg geht mittwoch um fünfzehn uhr",
      "Europe/Vienna", "2026-03-11T15:00"),
     ("el lunes no el martes el lunes trabajo martes a las cinco", "America/Chicago",
      "2026-03-10T17:00")],
)  # fmt: skip
def test_a_weekday_turned_down_gives_way_to_the_one_chosen(
    said: str, zone: str, expected: str
) -> None:
    request = request_for(
        [("agent", "we can come monday for the site visit what works"), ("user", said)],
        start="2026-03-08T10:00:00",  # Sunday
        zone=zone,
        fields=(VIEWING_AT,),
    )

    assert values(request)["viewing_at"][:16] == expected


BIRTH_DATE = FieldSpec("child_birth_date", "string", "Child's date of birth", format="date")
START_DATE = FieldSpec(
    "start_date", "string", "The day the family wants the child to start", format="date"
)


@pytest.mark.parametrize(
    ("said", "expected"),
    [("july uh july twenty second twenty twenty four", "2024-07-22"),
     ("November 2, 2022.", "2022-11-02"),
     ("veinte de junio del dos mil veintidós", "2022-06-20"),
     ("doze de maio de dois mil e vinte e cinco", "2025-05-12"),
     ("july twentieth", "2025-07-20")],
)  # fmt: skip
def test_a_birth_date_is_a_day_gone_by_with_the_year_said(said: str, expected: str) -> None:
    request = request_for(
        [("agent", "and what's her date of birth"), ("user", said)],
        start="2026-03-05T10:00:00",
        zone="America/Chicago",
        fields=(BIRTH_DATE, START_DATE),
    )

    assert values(request) == {"child_birth_date": expected, "start_date": None}


@pytest.mark.parametrize(
    "said",
    ["tres días nomás lunes miércoles y viernes", "monday through friday",
     "Three — Tuesday, Wednesday, Thursday."],
)  # fmt: skip
def test_a_weeks_schedule_is_no_start_date(said: str) -> None:
    request = request_for(
        [("agent", "which days would she come"), ("user", said)],
        start="2026-03-05T10:00:00",
        zone="America/Chicago",
        fields=(START_DATE,),
    )

    assert values(request)["start_date"] is None
