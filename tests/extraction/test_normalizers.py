"""Table tests: what people say, and what each field type makes of it."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from extraction.normalizers import (
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
from extraction.types import FieldSpec

ISTANBUL = ZoneInfo("Europe/Istanbul")
NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
# Tuesday 10 March 2026, 14:05 in Istanbul (UTC+03:00 all year).
TUESDAY = datetime(2026, 3, 10, 14, 5, tzinfo=ISTANBUL)
# New York springs forward on Sunday 8 March 2026 and falls back on Sunday 1 November.
NY_BEFORE_SPRING = datetime(2026, 3, 7, 10, 0, tzinfo=NEW_YORK)  # Saturday
NY_BEFORE_FALL = datetime(2026, 10, 31, 10, 0, tzinfo=NEW_YORK)  # Saturday
# London springs forward on Sunday 29 March 2026 and falls back on Sunday 25 October.
LONDON_BEFORE_SPRING = datetime(2026, 3, 28, 12, 0, tzinfo=LONDON)  # Saturday
LONDON_BEFORE_FALL = datetime(2026, 10, 24, 12, 0, tzinfo=LONDON)  # Saturday
INTEREST = ("high", "medium", "low", "none")


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("2026-03-17", "2026-03-17"),
        ("2026-03-17T09:00:00+03:00", "2026-03-17"),
        ("2026-03-17T09:00:00", "2026-03-17"),
        ("2026-03-16T23:30:00+00:00", "2026-03-17"),  # 02:30 next day in Istanbul
        ("2026-03-16T23:30:00Z", "2026-03-17"),
        ("today", "2026-03-10"),
        ("tomorrow", "2026-03-11"),
        ("Tomorrow.", "2026-03-11"),
        ("tomorrow evening", "2026-03-11"),
        ("the day after tomorrow", "2026-03-12"),
        ("day after tomorrow", "2026-03-12"),
        ("next Tuesday", "2026-03-17"),
        ("Tuesday", "2026-03-17"),  # the call is on a Tuesday: the one a week later
        ("this Tuesday", "2026-03-10"),
        ("Wednesday", "2026-03-11"),
        ("on Friday", "2026-03-13"),
        ("this Friday", "2026-03-13"),
        ("coming Monday", "2026-03-16"),
        ("next Sunday", "2026-03-15"),
        ("next Tuesday at half past three", "2026-03-17"),
        ("Tuesday next week", "2026-03-17"),
        ("next week Thursday", "2026-03-19"),
        ("next week", "2026-03-16"),
        ("sometime next week", "2026-03-16"),
        ("in two weeks", "2026-03-24"),
        ("in 3 days", "2026-03-13"),
        ("in three days", "2026-03-13"),
        ("in a couple of days", "2026-03-12"),
        ("in a fortnight", "2026-03-24"),
        ("a week from today", "2026-03-17"),
        ("three days from now", "2026-03-13"),
        ("in a month", "2026-04-10"),
        ("next month", "2026-04-01"),
        ("end of the month", "2026-03-31"),
        ("by the end of this month", "2026-03-31"),
        ("end of next month", "2026-04-30"),
        ("end of the week", "2026-03-13"),
        ("end of next week", "2026-03-20"),
        ("this weekend", "2026-03-14"),
        ("next weekend", "2026-03-21"),
        ("the 5th", "2026-04-05"),
        ("on the fifteenth", "2026-03-15"),
        ("the fifteenth", "2026-03-15"),
        ("the twenty-first", "2026-03-21"),
        ("on the 31st", "2026-03-31"),
        ("the 10th", "2026-03-10"),
        ("the 17th of next month", "2026-04-17"),
        ("next month on the 3rd", "2026-04-03"),
        ("Tuesday the 17th", "2026-03-17"),
        ("March 17", "2026-03-17"),
        ("Mar 17", "2026-03-17"),
        ("March 17th, 2026", "2026-03-17"),
        ("march the seventeenth", "2026-03-17"),
        ("17 March", "2026-03-17"),
        ("the 2nd of April", "2026-04-02"),
        ("April second", "2026-04-02"),
        ("January 5", "2027-01-05"),  # already past this year
        ("March 9", "2027-03-09"),
        ("17/03/2026", "2026-03-17"),
        ("05/04/2026", "2026-04-05"),  # day first outside the Americas
        ("17/3", "2026-03-17"),
        ("17.03.2026", "2026-03-17"),
        ("2026/03/17", "2026-03-17"),
        ("I'm busy today, try Friday", "2026-03-13"),
        ("in 2 hours", "2026-03-10"),
    ],
)
def test_dates_resolve_against_the_calls_local_day(said: str, expected: str) -> None:
    assert normalize_date(said, reference=TUESDAY) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [("05/04/2026", "2026-05-04"), ("17/03/2026", "2026-03-17"), ("3/17", "2026-03-17")],
)
def test_numeric_dates_are_month_first_in_the_americas(said: str, expected: str) -> None:
    reference = datetime(2026, 3, 10, 9, 0, tzinfo=NEW_YORK)

    assert normalize_date(said, reference=reference) == expected


@pytest.mark.parametrize(
    ("reference", "said", "expected"),
    [
        (NY_BEFORE_SPRING, "tomorrow", "2026-03-08"),
        (NY_BEFORE_SPRING, "Monday", "2026-03-09"),
        (NY_BEFORE_SPRING, "in 3 days", "2026-03-10"),
        (NY_BEFORE_FALL, "tomorrow", "2026-11-01"),
        (NY_BEFORE_FALL, "next week", "2026-11-02"),
        (LONDON_BEFORE_SPRING, "tomorrow", "2026-03-29"),
        (LONDON_BEFORE_FALL, "the day after tomorrow", "2026-10-26"),
        # 23:30 local is already the next day in UTC: the call's own day counts.
        (datetime(2026, 3, 10, 23, 30, tzinfo=NEW_YORK), "tomorrow", "2026-03-11"),
        (datetime(2026, 3, 10, 23, 30, tzinfo=NEW_YORK), "in 2 hours", "2026-03-11"),
        (datetime(2026, 3, 7, 23, 30, tzinfo=NEW_YORK), "2026-03-08T03:00:00Z", "2026-03-07"),
    ],
)
def test_dates_near_clock_changes_and_midnight(
    reference: datetime, said: str, expected: str
) -> None:
    assert normalize_date(said, reference=reference) == expected


@pytest.mark.parametrize(
    ("said", "message"),
    [
        ("next blue", "'next blue' is not a date"),
        ("whenever", "'whenever' is not a date"),
        ("soon-ish", "'soon-ish' is not a date"),
        ("the first thing", "'the first thing' is not a date"),
        ("24/7", "'24/7' is not a date"),
        ("2026-02-30", "'2026-02-30' is not a real date"),
        ("2026-13-01T10:00", "'2026-13-01T10:00' is not an ISO 8601 date or date-time"),
    ],
)
def test_what_is_not_a_date_says_what_came_back(said: str, message: str) -> None:
    with pytest.raises(NormalizationError) as raised:
        normalize_date(said, reference=TUESDAY)

    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("reference", "said", "expected"),
    [
        (TUESDAY, "next Tuesday at half past three", "2026-03-17T15:30:00+03:00"),
        (TUESDAY, "tomorrow at 10am", "2026-03-11T10:00:00+03:00"),
        (TUESDAY, "tomorrow at 10 a.m.", "2026-03-11T10:00:00+03:00"),
        (TUESDAY, "tomorrow evening", "2026-03-11T18:00:00+03:00"),
        (TUESDAY, "tomorrow morning", "2026-03-11T09:00:00+03:00"),
        (TUESDAY, "tomorrow afternoon", "2026-03-11T14:00:00+03:00"),
        (TUESDAY, "tonight", "2026-03-10T20:00:00+03:00"),
        (TUESDAY, "Friday at noon", "2026-03-13T12:00:00+03:00"),
        (TUESDAY, "Friday at midday", "2026-03-13T12:00:00+03:00"),
        (TUESDAY, "Friday at quarter to five", "2026-03-13T16:45:00+03:00"),
        (TUESDAY, "Friday at a quarter past nine", "2026-03-13T09:15:00+03:00"),
        (TUESDAY, "Friday at ten past four", "2026-03-13T16:10:00+03:00"),
        (TUESDAY, "Friday at twenty to five", "2026-03-13T16:40:00+03:00"),
        (TUESDAY, "Friday at twenty five past eleven", "2026-03-13T11:25:00+03:00"),
        (TUESDAY, "Friday at half three", "2026-03-13T15:30:00+03:00"),
        (TUESDAY, "Friday at three thirty", "2026-03-13T15:30:00+03:00"),
        (TUESDAY, "Friday at nine fifteen", "2026-03-13T09:15:00+03:00"),
        (TUESDAY, "Friday at eleven forty five", "2026-03-13T11:45:00+03:00"),
        (TUESDAY, "Friday at ten oh five", "2026-03-13T10:05:00+03:00"),
        (TUESDAY, "Friday at 5 o'clock", "2026-03-13T17:00:00+03:00"),
        (TUESDAY, "Friday at three", "2026-03-13T15:00:00+03:00"),
        (TUESDAY, "Friday at 8", "2026-03-13T08:00:00+03:00"),
        (TUESDAY, "Friday at 8 in the evening", "2026-03-13T20:00:00+03:00"),
        (TUESDAY, "Friday, 8:30 in the evening", "2026-03-13T20:30:00+03:00"),
        (TUESDAY, "Friday at 10 in the morning", "2026-03-13T10:00:00+03:00"),
        (TUESDAY, "Friday at 3 in the afternoon", "2026-03-13T15:00:00+03:00"),
        (TUESDAY, "Friday evening at 7", "2026-03-13T19:00:00+03:00"),
        (TUESDAY, "Friday 7pm", "2026-03-13T19:00:00+03:00"),
        (TUESDAY, "Friday at 7:45 PM", "2026-03-13T19:45:00+03:00"),
        (TUESDAY, "Friday at 12pm", "2026-03-13T12:00:00+03:00"),
        (TUESDAY, "Friday at 12am", "2026-03-13T00:00:00+03:00"),
        (TUESDAY, "Friday at 15:30", "2026-03-13T15:30:00+03:00"),
        (TUESDAY, "Friday at 10.30", "2026-03-13T10:30:00+03:00"),
        (TUESDAY, "Thursday at 9:30", "2026-03-12T09:30:00+03:00"),
        (TUESDAY, "March 17 at 9am", "2026-03-17T09:00:00+03:00"),
        (TUESDAY, "17/03/2026 at 15:00", "2026-03-17T15:00:00+03:00"),
        (TUESDAY, "at 4pm", "2026-03-10T16:00:00+03:00"),
        (TUESDAY, "at 11am", "2026-03-11T11:00:00+03:00"),  # 11:00 has passed today
        (TUESDAY, "noon", "2026-03-11T12:00:00+03:00"),
        (TUESDAY, "in 2 hours", "2026-03-10T16:05:00+03:00"),
        (TUESDAY, "in 30 minutes", "2026-03-10T14:35:00+03:00"),
        (TUESDAY, "in half an hour", "2026-03-10T14:35:00+03:00"),
        (TUESDAY, "2026-03-17T15:30:00", "2026-03-17T15:30:00+03:00"),
        (TUESDAY, "2026-03-17 15:30", "2026-03-17T15:30:00+03:00"),
        (TUESDAY, "2026-03-17T12:30:00Z", "2026-03-17T15:30:00+03:00"),
        (TUESDAY, "2026-03-17T15:30:00+03:00", "2026-03-17T15:30:00+03:00"),
        (TUESDAY, "2026-03-17T08:30:00-04:00", "2026-03-17T15:30:00+03:00"),
        # New York, spring forward on 8 March: 02:00-03:00 does not exist.
        (NY_BEFORE_SPRING, "tomorrow at 3pm", "2026-03-08T15:00:00-04:00"),
        (NY_BEFORE_SPRING, "tomorrow at 2:30am", "2026-03-08T03:30:00-04:00"),
        (NY_BEFORE_SPRING, "2026-03-08T02:30:00", "2026-03-08T03:30:00-04:00"),
        (NY_BEFORE_SPRING, "tomorrow at 1:30am", "2026-03-08T01:30:00-05:00"),
        (NY_BEFORE_SPRING, "today at 4pm", "2026-03-07T16:00:00-05:00"),
        (NY_BEFORE_SPRING, "in 24 hours", "2026-03-08T11:00:00-04:00"),
        (datetime(2026, 3, 6, 10, 0, tzinfo=NEW_YORK), "Monday at 10am",
         "2026-03-09T10:00:00-04:00"),
        # New York, fall back on 1 November: 01:00-02:00 happens twice, the first is kept.
        (NY_BEFORE_FALL, "tomorrow at 1:30am", "2026-11-01T01:30:00-04:00"),
        (NY_BEFORE_FALL, "2026-11-01T01:30:00", "2026-11-01T01:30:00-04:00"),
        (NY_BEFORE_FALL, "2026-11-01T06:30:00Z", "2026-11-01T01:30:00-05:00"),
        (NY_BEFORE_FALL, "tomorrow at 3pm", "2026-11-01T15:00:00-05:00"),
        (NY_BEFORE_FALL, "Monday at 9am", "2026-11-02T09:00:00-05:00"),
        (NY_BEFORE_FALL, "in 24 hours", "2026-11-01T09:00:00-05:00"),
        # London, spring forward on 29 March: 01:00-02:00 does not exist.
        (LONDON_BEFORE_SPRING, "tomorrow at half past one in the morning",
         "2026-03-29T02:30:00+01:00"),
        (LONDON_BEFORE_SPRING, "tomorrow at noon", "2026-03-29T12:00:00+01:00"),
        (LONDON_BEFORE_SPRING, "today at 5pm", "2026-03-28T17:00:00+00:00"),
        (datetime(2026, 3, 27, 12, 0, tzinfo=LONDON), "next Monday at 9am",
         "2026-03-30T09:00:00+01:00"),
        # London, fall back on 25 October: 01:00-02:00 happens twice.
        (LONDON_BEFORE_FALL, "tomorrow at noon", "2026-10-25T12:00:00+00:00"),
        (LONDON_BEFORE_FALL, "tomorrow at 1:30am", "2026-10-25T01:30:00+01:00"),
        (LONDON_BEFORE_FALL, "today at 3pm", "2026-10-24T15:00:00+01:00"),
        (LONDON_BEFORE_FALL, "in 24 hours", "2026-10-25T11:00:00+00:00"),
    ],
)  # fmt: skip
def test_date_times_are_local_with_the_right_offset(
    reference: datetime, said: str, expected: str
) -> None:
    assert normalize_datetime(said, reference=reference) == expected


def test_a_fixed_offset_reference_works_like_a_zone() -> None:
    reference = datetime(2026, 3, 10, 14, 5, tzinfo=timezone(timedelta(hours=3)))

    assert normalize_datetime("tomorrow at 10am", reference=reference) == (
        "2026-03-11T10:00:00+03:00"
    )


def test_a_reference_without_a_zone_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="has no time zone"):
        normalize_date("tomorrow", reference=datetime(2026, 3, 10, 14, 5))


@pytest.mark.parametrize(
    ("said", "message"),
    [
        ("next Tuesday", "'next Tuesday' has a date but no time of day"),
        ("whenever", "'whenever' is not a date and time"),
        ("2026-03-17T25:00", "'2026-03-17T25:00' is not an ISO 8601 date-time"),
    ],
)
def test_what_is_not_a_date_time_says_why(said: str, message: str) -> None:
    with pytest.raises(NormalizationError) as raised:
        normalize_datetime(said, reference=TUESDAY)

    assert str(raised.value) == message


def test_utc_reference_is_read_in_its_own_zone() -> None:
    reference = datetime(2026, 3, 10, 23, 30, tzinfo=UTC)

    assert normalize_datetime("tomorrow at 9am", reference=reference) == (
        "2026-03-11T09:00:00+00:00"
    )


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("+1 (415) 555-0134", "14155550134"),
        ("(415) 555-0134", "4155550134"),
        ("415.555.0134", "4155550134"),
        ("+44 20 7946 0958", "442079460958"),
        ("0532 123 45 67", "05321234567"),
        (4155550134, "4155550134"),
        (4155550134.0, "4155550134"),
        ("five five five, oh one three four", "5550134"),
        ("five five five, zero one three four", "5550134"),
        ("oh five three two, one two three, four five six seven", "05321234567"),
        ("double five five, one two three four", "5551234"),
        ("five five five triple two one", "5552221"),
        ("four one five, five five five, zero one nine nine", "4155550199"),
        ("plus one four one five five five five oh one three four", "14155550134"),
        ("one eight hundred, five five five, one two one two", "18005551212"),
        ("nine one seven, eight six seven, five three oh nine", "9178675309"),
        ("forty two, fifty five, sixty one, seven", "4255617"),
        ("plus four four seven seven double oh, nine double oh one two three", "447700900123"),
        ("555 1234, no sorry, 555 1243", "5551243"),
        ("555 1234 — wait, 555 4321", "5554321"),
        ("415 555 0134, I mean 0143", "4155550143"),
        ("555 0134, sorry, that's 43 not 34", "5550143"),
        ("it's 415 555 0134 — actually make that 415 555 0199", "4155550199"),
    ],
)
def test_phone_numbers_become_digits(said: object, expected: str) -> None:
    assert normalize_phone(said) == expected


@pytest.mark.parametrize(
    ("said", "message"),
    [
        ("555 12", "'555 12' has 5 digits; a phone number has 7 to 15"),
        ("call me", "'call me' has 0 digits; a phone number has 7 to 15"),
        ("1234567890123456", "'1234567890123456' has 16 digits; a phone number has 7 to 15"),
    ],
)
def test_what_is_not_a_phone_number_is_refused(said: str, message: str) -> None:
    with pytest.raises(NormalizationError) as raised:
        normalize_phone(said)

    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (25, 25),
        (2.5, 2.5),
        ("25", 25),
        ("1,250", 1250),
        ("1,250.75", 1250.75),
        ("25.5", 25.5),
        ("-5", -5),
        ("$300", 300),
        ("25%", 25),
        ("about 30", 30),
        ("2.5k", 2500),
        ("3 million", 3_000_000),
        ("12345678901234567890", 12345678901234567890),
        ("zero", 0),
        ("twenty five", 25),
        ("twenty-five", 25),
        ("one hundred and twenty", 120),
        ("a hundred", 100),
        ("a thousand", 1000),
        ("twelve hundred", 1200),
        ("two thousand five hundred", 2500),
        ("one thousand two hundred and fifty", 1250),
        ("three million", 3_000_000),
        ("minus five", -5),
        ("two point five", 2.5),
        ("point five", 0.5),
        ("two and a half", 2.5),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("a couple", 2),
    ],
)
def test_numbers_written_or_spoken(said: object, expected: float) -> None:
    assert normalize_number(said) == expected
    assert type(normalize_number(said)) is type(expected)


@pytest.mark.parametrize(
    ("said", "message"),
    [
        ("lots", "'lots' is not a number"),
        ("a few", "'a few' is not a number"),
        ("twenty something", "'twenty something' is not a number"),
        ("", "'' is not a number"),
        (True, "True is a boolean, not a number"),
        (math.nan, "nan is not a finite number"),
        (math.inf, "inf is not a finite number"),
    ],
)
def test_what_is_not_a_number_is_refused(said: object, message: str) -> None:
    with pytest.raises(NormalizationError) as raised:
        normalize_number(said)

    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (True, True), ("yes", True), ("Yes please", True), ("yes please!", True),
        ("yeah", True), ("yep", True), ("Y", True), ("true", True), ("TRUE", True),
        (1, True), (1.0, True), ("1", True), ("sure thing", True), ("of course", True),
        ("certainly", True), ("absolutely", True), ("ok", True),
        (False, False), ("no", False), ("Nope.", False), ("nah", False), ("N", False),
        ("not really", False), ("false", False), (0, False), (0.0, False), ("0", False),
        ("no thanks", False), ("No, thank you.", False), ("absolutely not", False),
        ("not at all", False), ("of course not", False), ("never", False),
    ],
)  # fmt: skip
def test_booleans(said: object, expected: bool) -> None:
    assert normalize_boolean(said) is expected


@pytest.mark.parametrize("said", ["maybe", "I don't know", "sometimes", 2, ""])
def test_what_is_not_yes_or_no_is_refused(said: object) -> None:
    with pytest.raises(NormalizationError) as raised:
        normalize_boolean(said)

    assert str(raised.value) == f"{said!r} is not yes or no"


@pytest.mark.parametrize(
    ("said", "choices", "expected"),
    [
        ("high", INTEREST, "high"),
        ("HIGH", INTEREST, "high"),
        (" High. ", INTEREST, "high"),
        ('"high"', INTEREST, "high"),
        ("none", INTEREST, "none"),
        ("very_high", ("Very High", "Low"), "Very High"),
        ("very-high", ("Very High", "Low"), "Very High"),
        ("  very   high!", ("Very High", "Low"), "Very High"),
        (3, ("1", "2", "3"), "3"),
    ],
)
def test_enums_match_their_choices_ignoring_case_and_punctuation(
    said: object, choices: tuple[str, ...], expected: str
) -> None:
    assert normalize_enum(said, choices) == expected


@pytest.mark.parametrize(
    ("said", "message"),
    [
        ("very high", "'very high' is not one of high, medium, low, none"),
        ("hi", "'hi' is not one of high, medium, low, none"),
        (">=high", "'>=high' is not one of high, medium, low, none"),
        ("high?", "'high?' is not one of high, medium, low, none"),
        ("[high]", "'[high]' is not one of high, medium, low, none"),
        (True, "True is not one of high, medium, low, none"),
        (["high"], "['high'] is not one of high, medium, low, none"),
    ],
)
def test_an_enum_outside_its_choices_names_them(said: object, message: str) -> None:
    with pytest.raises(NormalizationError) as raised:
        normalize_enum(said, INTEREST)

    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("jane.doe@example.com", "jane.doe@example.com"),
        ("Jane.Doe@Example.COM", "Jane.Doe@example.com"),
        ("john dot smith at gmail dot com", "john.smith@gmail.com"),
        ("John Dot Smith At Gmail Dot Com", "John.Smith@gmail.com"),
        ("mary underscore lee at example dot co dot uk", "mary_lee@example.co.uk"),
        ("sam dash jones at my dash company dot com", "sam-jones@my-company.com"),
        ("j.doe+calls@example.com", "j.doe+calls@example.com"),
        ("<ops@example.org>", "ops@example.org"),
        ("mailto:ops@example.org", "ops@example.org"),
        (" ops@example.org. ", "ops@example.org"),
    ],
)
def test_emails(said: str, expected: str) -> None:
    assert normalize_email(said) == expected


@pytest.mark.parametrize(
    "said", ["john at gmail", "not an email", "a@@b.com", "john..smith@x.com", "@example.com"]
)
def test_what_is_not_an_email_is_refused(said: str) -> None:
    with pytest.raises(NormalizationError) as raised:
        normalize_email(said)

    assert str(raised.value) == f"{said!r} is not an email address"


@pytest.mark.parametrize(
    "said", [None, "", "  ", "null", "NULL", "N/A", "n/a", "unknown", "not mentioned", "None"]
)
def test_nothing_stated_is_null_not_an_error(said: object) -> None:
    for spec in (
        FieldSpec("follow_up_date", "string", format="date"),
        FieldSpec("customer_name", "string"),
        FieldSpec("follow_up_required", "boolean"),
        FieldSpec("household_size", "number"),
    ):
        assert normalize_value(spec, said, reference=TUESDAY) is None


@pytest.mark.parametrize(
    ("spec", "said", "expected"),
    [
        (FieldSpec("customer_name", "string"), "  Maria   Gonzalez ", "Maria Gonzalez"),
        (FieldSpec("customer_name", "string"), 42, "42"),
        (FieldSpec("interest_level", "enum", choices=INTEREST), "None", "none"),
        (FieldSpec("interest_level", "enum", choices=INTEREST), "Medium", "medium"),
        (FieldSpec("follow_up_required", "boolean"), "yes please", True),
        (FieldSpec("household_size", "number"), "four", 4),
        (FieldSpec("follow_up_date", "string", format="date"), "next Tuesday", "2026-03-17"),
        (FieldSpec("appointment", "string", format="date-time"), "tomorrow at 10am",
         "2026-03-11T10:00:00+03:00"),
        (FieldSpec("callback_number", "string", format="phone"), "+1 (415) 555-0134",
         "14155550134"),
        (FieldSpec("email", "string", format="email"), "A@Example.com", "A@example.com"),
    ],
)  # fmt: skip
def test_values_are_dispatched_on_type_and_format(
    spec: FieldSpec, said: object, expected: object
) -> None:
    assert normalize_value(spec, said, reference=TUESDAY) == expected


@pytest.mark.parametrize(
    ("spec", "said", "message"),
    [
        (FieldSpec("customer_name", "string"), ["Maria"], "['Maria'] is not text"),
        (FieldSpec("customer_name", "string"), True, "True is not text"),
        (FieldSpec("follow_up_date", "string", format="date"), "next blue",
         "'next blue' is not a date"),
        (FieldSpec("callback_number", "string", format="phone"), "555",
         "'555' has 3 digits; a phone number has 7 to 15"),
    ],
)  # fmt: skip
def test_values_that_do_not_fit_their_field_are_errors(
    spec: FieldSpec, said: object, message: str
) -> None:
    with pytest.raises(NormalizationError) as raised:
        normalize_value(spec, said, reference=TUESDAY)

    assert str(raised.value) == message
