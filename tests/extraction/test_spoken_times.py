# ruff: noqa: RUF001 - Turkish words are written with a dotless i
"""Table tests: a time of day in every ordinary way it is said, in three languages."""

from __future__ import annotations

import pytest

from extraction.normalizers import NormalizationError, normalize_time
from extraction.spoken_times import spoken_clock_time, spoken_time


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # am/pm beats the afternoon default
        ("six am", "06:00"), ("at six a.m.", "06:00"), ("7pm", "19:00"), ("7 p.m.", "19:00"),
        ("eleven pm", "23:00"), ("ten thirty am", "10:30"), ("12pm", "12:00"),
        ("12am", "00:00"), ("7:45 PM", "19:45"),
        # 24-hour times are taken as said
        ("07:15", "07:15"), ("at 07:15", "07:15"), ("19:15", "19:15"), ("at 15:30", "15:30"),
        ("0:30", "00:30"), ("1500 hours", "15:00"),
        # a part of the day before or after the hour decides
        ("morning 11", "11:00"), ("evening 5", "17:00"), ("night 10", "22:00"),
        ("11 in the night", "23:00"), ("10 at night", "22:00"), ("2 at night", "02:00"),
        ("12 at night", "00:00"), ("tomorrow morning at 6", "06:00"),
        ("at six in the morning", "06:00"), ("at 3 in the afternoon", "15:00"),
        ("8:30 in the evening", "20:30"), ("half past six in the evening", "18:30"),
        ("6 tonight", "18:00"), ("afternoon at 1", "13:00"),
        # words and the clock face
        ("at three", "15:00"), ("at 8", "08:00"), ("at 9:30", "09:30"), ("at 10.30", "10:30"),
        ("three thirty", "15:30"), ("ten oh five", "10:05"), ("nine fifteen", "09:15"),
        ("5 o'clock", "17:00"), ("quarter to five", "16:45"), ("a quarter past nine", "09:15"),
        ("twenty to five", "16:40"), ("ten past four", "16:10"), ("at half three", "15:30"),
        ("around 4ish", "16:00"), ("between 2 and 4", "14:00"), ("noon", "12:00"),
        ("between seven and nine am", "07:00"), ("at 7 or 8 pm", "19:00"),
        ("at seven", "07:00"), ("seven thirty", "07:30"), ("at six", "18:00"),
        ("at 12 noon", "12:00"), ("midday", "12:00"), ("midnight", "00:00"),
        # corrections win; otherwise the first time said
        ("at 3, sorry, at 4", "16:00"), ("not at 3 but at 5", "17:00"),
        # Spanish
        ("a las tres", "15:00"), ("a las diez y media de la mañana", "10:30"),
        ("a las cinco de la tarde", "17:00"), ("a las ocho de la noche", "20:00"),
        ("a la una", "13:00"), ("a las seis menos cuarto", "17:45"),
        ("a las cinco y cuarto", "17:15"), ("a las 15:00", "15:00"),
        ("mañana a las diez", "10:00"), ("sobre las cuatro", "16:00"), ("al mediodía", "12:00"),
        # Turkish
        ("saat üçte", "15:00"), ("yarın saat üçte", "15:00"), ("saat 15:00'te", "15:00"),
        ("saat 3'te", "15:00"), ("sabah dokuzda", "09:00"), ("akşam yedide", "19:00"),
        ("öğleden sonra ikide", "14:00"), ("saat on buçukta", "10:30"),
        ("üç buçukta", "15:30"), ("dördü çeyrek geçe", "16:15"), ("beşe çeyrek var", "16:45"),
        ("saat 2 gibi", "14:00"), ("saat 15.30'da", "15:30"), ("öğlen", "12:00"),
    ],
)  # fmt: skip
def test_times_of_day(said: str, expected: str) -> None:
    at = spoken_clock_time(said)

    assert at is not None and f"{at:%H:%M}" == expected
    assert normalize_time(said) == expected


@pytest.mark.parametrize(
    "said",
    ["in 3 weeks", "my number is 555 0134", "17.03.2026", "two bedrooms", "about 3 days",
     "version 2.5", "Thursday afternoon", "el jueves por la tarde", "yarın öğleden sonra"],
)  # fmt: skip
def test_what_is_no_clock_time(said: str) -> None:
    assert spoken_clock_time(said) is None


@pytest.mark.parametrize(
    ("said", "expected"),
    [("Thursday afternoon", "14:00"), ("tomorrow morning", "09:00"), ("tonight", "20:00"),
     ("this evening", "18:00"), ("el jueves por la tarde", "14:00"), ("yarın akşam", "18:00")],
)  # fmt: skip
def test_a_part_of_the_day_alone_is_its_usual_hour_where_a_time_is_needed(
    said: str, expected: str
) -> None:
    at = spoken_time(said)

    assert at is not None and f"{at:%H:%M}" == expected


@pytest.mark.parametrize(
    ("said", "message"),
    [
        ("25:00", "'25:00' is not a time of day"),
        ("afternoon", "'afternoon' is not a time of day on the clock"),
        ("soon", "'soon' is not a time of day on the clock"),
    ],
)
def test_what_is_not_a_time_of_day_says_why(said: str, message: str) -> None:
    with pytest.raises(NormalizationError) as raised:
        normalize_time(said)

    assert str(raised.value) == message
