"""Table tests: what people say, and what each field type makes of it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from calls.extraction.normalizers import (
    NormalizationError,
    normalize_boolean,
    normalize_date,
    normalize_datetime,
    normalize_email,
    normalize_enum,
    normalize_number,
    normalize_phone,
    normalize_value,
)
from calls.extraction.types import FieldSpec

ISTANBUL = ZoneInfo("Europe/Istanbul")
NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
# Tuesday 10 March 2026, 14:05 in Istanbul.
TUESDAY = datetime(2026, 3, 10, 14, 5, tzinfo=ISTANBUL)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("2026-03-17", "2026-03-17"),
        ("2026-03-17T09:00:00+03:00", "2026-03-17"),
        ("2026-03-16T23:30:00+00:00", "2026-03-17"),  # 02:30 next day in Istanbul
        ("today", "2026-03-10"),
        ("tomorrow", "2026-03-11"),
        ("tomorrow evening", "2026-03-11"),
        ("the day after tomorrow", "2026-03-12"),
        ("next Tuesday", "2026-03-17"),
        ("Tuesday", "2026-03-17"),
        ("on Friday", "2026-03-13"),
        ("this Friday", "2026-03-13"),
        ("next Tuesday at half past three", "2026-03-17"),
        ("Tuesday next week", "2026-03-17"),
        ("next week", "2026-03-16"),
        ("in two weeks", "2026-03-24"),
        ("in 3 days", "2026-03-13"),
        ("in a couple of days", "2026-03-12"),
        ("a week from today", "2026-03-17"),
        ("in a month", "2026-04-10"),
        ("next month", "2026-04-01"),
        ("end of the month", "2026-03-31"),
        ("the 5th", "2026-04-05"),
        ("on the fifteenth", "2026-03-15"),
        ("the 10th", "2026-03-10"),
        ("March 17", "2026-03-17"),
        ("March 17th, 2026", "2026-03-17"),
        ("17 March", "2026-03-17"),
        ("the 2nd of April", "2026-04-02"),
        ("January 5", "2027-01-05"),  # already past this year
        ("17/03/2026", "2026-03-17"),
        ("05/04/2026", "2026-04-05"),  # day first outside the Americas
    ],
)
def test_dates_resolve_against_the_calls_local_day(said: str, expected: str) -> None:
    assert normalize_date(said, reference=TUESDAY) == expected


def test_numeric_dates_are_month_first_in_the_americas() -> None:
    reference = datetime(2026, 3, 10, 9, 0, tzinfo=NEW_YORK)

    assert normalize_date("05/04/2026", reference=reference) == "2026-05-04"
    assert normalize_date("17/03/2026", reference=reference) == "2026-03-17"


def test_a_late_evening_call_uses_its_own_local_day() -> None:
    # 23:30 in New York is already the next day in UTC.
    reference = datetime(2026, 3, 10, 23, 30, tzinfo=NEW_YORK)

    assert normalize_date("tomorrow", reference=reference) == "2026-03-11"


@pytest.mark.parametrize("said", ["next blue", "whenever", "soon-ish", "2026-02-30"])
def test_what_is_not_a_date_says_what_came_back(said: str) -> None:
    with pytest.raises(NormalizationError) as raised:
        normalize_date(said, reference=TUESDAY)

    assert repr(said) in str(raised.value)


@pytest.mark.parametrize(
    ("reference", "said", "expected"),
    [
        (TUESDAY, "next Tuesday at half past three", "2026-03-17T15:30:00+03:00"),
        (TUESDAY, "tomorrow at 10am", "2026-03-11T10:00:00+03:00"),
        (TUESDAY, "tomorrow evening", "2026-03-11T18:00:00+03:00"),
        (TUESDAY, "tomorrow morning", "2026-03-11T09:00:00+03:00"),
        (TUESDAY, "Friday at noon", "2026-03-13T12:00:00+03:00"),
        (TUESDAY, "Friday at quarter to five", "2026-03-13T16:45:00+03:00"),
        (TUESDAY, "Thursday at 9:30", "2026-03-12T09:30:00+03:00"),
        (TUESDAY, "at 4pm", "2026-03-10T16:00:00+03:00"),
        (TUESDAY, "at 11am", "2026-03-11T11:00:00+03:00"),  # 11:00 has passed today
        (TUESDAY, "2026-03-17T15:30:00", "2026-03-17T15:30:00+03:00"),
        (TUESDAY, "2026-03-17T12:30:00Z", "2026-03-17T15:30:00+03:00"),
        # New York springs forward on Sunday 8 March 2026.
        (datetime(2026, 3, 7, 10, 0, tzinfo=NEW_YORK), "tomorrow at 3pm",
         "2026-03-08T15:00:00-04:00"),
        (datetime(2026, 3, 7, 10, 0, tzinfo=NEW_YORK), "tomorrow at 2:30am",
         "2026-03-08T03:30:00-04:00"),  # 02:30 does not exist that night
        (datetime(2026, 3, 6, 10, 0, tzinfo=NEW_YORK), "Monday at 10am",
         "2026-03-09T10:00:00-04:00"),
        # New York falls back on Sunday 1 November 2026; 01:30 happens twice.
        (datetime(2026, 10, 31, 10, 0, tzinfo=NEW_YORK), "tomorrow at 1:30am",
         "2026-11-01T01:30:00-04:00"),
        (datetime(2026, 10, 31, 10, 0, tzinfo=NEW_YORK), "Monday at 9am",
         "2026-11-02T09:00:00-05:00"),
        # London springs forward on 29 March and falls back on 25 October 2026.
        (datetime(2026, 3, 28, 12, 0, tzinfo=LONDON), "tomorrow at half past one in the morning",
         "2026-03-29T02:30:00+01:00"),
        (datetime(2026, 3, 27, 12, 0, tzinfo=LONDON), "next Monday at 9am",
         "2026-03-30T09:00:00+01:00"),
        (datetime(2026, 10, 24, 12, 0, tzinfo=LONDON), "tomorrow at noon",
         "2026-10-25T12:00:00+00:00"),
    ],
)  # fmt: skip
def test_date_times_are_local_with_the_right_offset(
    reference: datetime, said: str, expected: str
) -> None:
    assert normalize_datetime(said, reference=reference) == expected


def test_a_date_without_a_time_is_not_a_date_time() -> None:
    with pytest.raises(NormalizationError, match="has a date but no time of day"):
        normalize_datetime("next Tuesday", reference=TUESDAY)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("+1 (415) 555-0134", "14155550134"),
        ("415.555.0134", "4155550134"),
        ("five five five, oh one three four", "5550134"),
        ("oh five three two, one two three, four five six seven", "05321234567"),
        ("double five five, one two three four", "5551234"),
        ("five five five triple two one", "5552221"),
        ("four one five, five five five, zero one nine nine", "4155550199"),
        ("555 1234, no sorry, 555 1243", "5551243"),
        ("555 0134, sorry, that's 43 not 34", "5550143"),
        ("it's 415 555 0134 — actually make that 415 555 0199", "4155550199"),
        ("forty two, fifty five, sixty one, seven", "4255617"),
        ("plus four four seven seven double oh, nine double oh one two three", "447700900123"),
    ],
)
def test_phone_numbers_become_digits(said: str, expected: str) -> None:
    assert normalize_phone(said) == expected


@pytest.mark.parametrize("said", ["555 12", "call me", "1234567890123456"])
def test_what_is_not_a_phone_number_is_refused(said: str) -> None:
    with pytest.raises(NormalizationError, match="a phone number has 7 to 15"):
        normalize_phone(said)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (25, 25),
        (2.5, 2.5),
        ("1,250", 1250),
        ("25.5", 25.5),
        ("$300", 300),
        ("twenty five", 25),
        ("one hundred and twenty", 120),
        ("two thousand five hundred", 2500),
        ("two point five", 2.5),
        ("a dozen", 12),
    ],
)
def test_numbers_written_or_spoken(said: object, expected: float) -> None:
    assert normalize_number(said) == expected
    assert type(normalize_number(said)) is type(expected)


@pytest.mark.parametrize("said", ["lots", True, "twenty something"])
def test_what_is_not_a_number_is_refused(said: object) -> None:
    with pytest.raises(NormalizationError):
        normalize_number(said)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (True, True), ("yes", True), ("Yes please", True), ("yeah", True), ("true", True),
        (1, True), ("sure thing", True), (False, False), ("no", False), ("Nope.", False),
        ("not really", False), ("false", False), (0, False), ("no thanks", False),
    ],
)  # fmt: skip
def test_booleans(said: object, expected: bool) -> None:
    assert normalize_boolean(said) is expected


def test_maybe_is_not_a_boolean() -> None:
    with pytest.raises(NormalizationError, match="'maybe' is not yes or no"):
        normalize_boolean("maybe")


@pytest.mark.parametrize("said", ["high", "HIGH", " High. ", '"high"'])
def test_enums_match_their_choices_ignoring_case(said: str) -> None:
    assert normalize_enum(said, ("high", "medium", "low", "none")) == "high"


def test_an_enum_outside_its_choices_names_them() -> None:
    with pytest.raises(NormalizationError) as raised:
        normalize_enum("very high", ("high", "medium", "low", "none"))

    assert str(raised.value) == "'very high' is not one of high, medium, low, none"


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("Jane.Doe@Example.com", "jane.doe@example.com"),
        ("john dot smith at gmail dot com", "john.smith@gmail.com"),
    ],
)
def test_emails(said: str, expected: str) -> None:
    assert normalize_email(said) == expected


@pytest.mark.parametrize("said", [None, "", "null", "N/A", "unknown", "not mentioned"])
def test_nothing_stated_is_null_not_an_error(said: object) -> None:
    spec = FieldSpec("follow_up_date", "string", format="date")

    assert normalize_value(spec, said, reference=TUESDAY) is None


def test_none_is_a_real_choice_for_an_enum_that_has_it() -> None:
    spec = FieldSpec("interest_level", "enum", choices=("high", "medium", "low", "none"))

    assert normalize_value(spec, "None", reference=TUESDAY) == "none"


def test_plain_strings_are_trimmed() -> None:
    spec = FieldSpec("customer_name", "string")

    assert normalize_value(spec, "  Maria   Gonzalez ", reference=TUESDAY) == "Maria Gonzalez"
