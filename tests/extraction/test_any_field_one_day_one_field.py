"""A day said once is one field's: the booking agreed with an hour is the visit's, not
also the day the work must be done by; a day said with no hour beside a booking is the
date field's, and the booking stays empty."""

from __future__ import annotations

from extraction.offline import OfflineBackend
from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

VISIT_AT = FieldSpec(
    "estimate_visit_at",
    "string",
    "Date and time of the estimate visit we booked",
    format="date-time",
)
FINISH_BY = FieldSpec(
    "finish_by", "string", "The date the client wants the work finished by", format="date"
)


def test_the_booking_taken_with_an_hour_is_not_the_finish_date() -> None:
    request = request_for(
        [
            ("agent", "i can send someone out for the estimate friday at two"),
            ("user", "friday at two works"),
        ],
        start="2026-03-02T10:00:00",  # Monday
        zone="America/New_York",
        fields=(VISIT_AT, FINISH_BY),
    )

    answer = OfflineBackend().extract(request)

    assert values(request) == {"estimate_visit_at": "2026-03-06T14:00:00-05:00", "finish_by": None}
    assert "estimate_visit_at" in answer.reasons["finish_by"]


def test_a_finish_date_said_apart_from_the_booking_stands() -> None:
    request = request_for(
        [
            ("agent", "i can send someone out for the estimate friday at two"),
            ("user", "friday at two works"),
            ("agent", "and when does it need to be finished by"),
            ("user", "by june twentieth"),
        ],
        start="2026-03-02T10:00:00",
        zone="America/New_York",
        fields=(VISIT_AT, FINISH_BY),
    )

    assert values(request) == {
        "estimate_visit_at": "2026-03-06T14:00:00-05:00",
        "finish_by": "2026-06-20",
    }


def test_two_fields_of_one_event_share_its_day() -> None:
    request = request_for(
        [
            ("agent", "shall we call you back thursday at ten"),
            ("user", "yes thursday at ten works"),
        ],
        start="2026-03-10T14:05:00",  # Tuesday
        zone="Europe/Istanbul",
        fields=(
            FieldSpec("follow_up_date", "string", "Date to follow up", format="date"),
            FieldSpec("follow_up_time", "string", "When to call back", format="date-time"),
        ),
    )

    assert values(request) == {
        "follow_up_date": "2026-03-12",
        "follow_up_time": "2026-03-12T10:00:00+03:00",
    }


def test_examples_in_a_description_name_no_event_of_the_field() -> None:
    finish_by = FieldSpec(
        "finish_by",
        "string",
        "Date the client needs the work finished by (a party, family visiting, a baby due)",
        format="date",
    )
    request = request_for(
        [
            ("agent", "i can send someone out for the estimate visit friday at two"),
            ("user", "friday at two works"),
        ],
        start="2026-03-02T10:00:00",  # Monday
        zone="America/New_York",
        fields=(VISIT_AT, finish_by),
    )

    assert values(request) == {"estimate_visit_at": "2026-03-06T14:00:00-05:00", "finish_by": None}
