"""Hindi-English calls, as speech-to-text writes them in Latin letters, are read with the
Hindi and English packs together: yes and no, days, clock times, names, the caller's own
and someone else's, and follow-ups."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from extraction.normalizers import normalize_date, normalize_time
from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import analysed, values

TUESDAY = "2026-03-10T11:00:00"
ZONE = "Asia/Kolkata"


@pytest.mark.parametrize(
    ("said", "expected"),
    [("kal", "2026-03-11"), ("parso", "2026-03-12"), ("aaj", "2026-03-10"),
     ("do din mein", "2026-03-12"), ("agle hafte", "2026-03-16"),
     ("shukravar ko", "2026-03-13"), ("next monday ko", "2026-03-16")],
)  # fmt: skip
def test_days_said_in_hindi(said: str, expected: str) -> None:
    reference = datetime.fromisoformat(TUESDAY).replace(tzinfo=ZoneInfo(ZONE))

    assert normalize_date(said, reference=reference) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [("shaam chhe baje", "18:00"), ("subah gyarah baje", "11:00"), ("chaar baje", "16:00"),
     ("saade paanch baje", "17:30"), ("shaam seven baje", "19:00"),
     ("shaam ko saat baje", "19:00")],
)  # fmt: skip
def test_clock_times_said_in_hindi(said: str, expected: str) -> None:
    assert normalize_time(said) == expected


def test_a_hindi_english_call_on_the_page_s_five_fields() -> None:
    said = values(
        request_for(
            [
                ("agent", "namaste main priya bol rahi hoon sunrise broadband se"),
                ("user", "haan ji main vikas mehra bol raha hoon"),
                ("agent", "vikas ji aapko naya connection chahiye"),
                ("user", "haan connection lena chahta hoon jaldi"),
                ("agent", "hamari team aapko call karegi kab convenient hai"),
                ("user", "aaj nahi kal shaam chhe baje call karo"),
            ],
            start=TUESDAY,
            zone=ZONE,
        )
    )

    assert said["customer_name"] == "Vikas Mehra"
    assert said["follow_up_required"] is True
    assert said["follow_up_date"] == "2026-03-11"
    assert said["interest_level"] == "high"


def test_told_not_to_call_in_hindi() -> None:
    said = values(
        request_for(
            [
                ("agent", "namaste main arjun bol raha hoon brightpath coaching se"),
                ("user", "haan boliye"),
                ("agent", "kya main aapko baad mein call karoon"),
                ("user", "nahi nahi koi zaroorat nahi hai call mat karna"),
            ],
            start=TUESDAY,
            zone=ZONE,
        )
    )

    assert said["follow_up_required"] is False
    assert said["follow_up_date"] is None
    assert said["interest_level"] == "none"


VET_FIELDS = (
    FieldSpec("owner_name", "string", "Full name of the pet's owner"),
    FieldSpec("has_insurance", "boolean", "Whether the pet has pet insurance"),
    FieldSpec("first_visit", "boolean", "Whether this is the pet's first visit to us"),
    FieldSpec("symptoms_started", "string", "The day the symptoms started", format="date"),
    FieldSpec("appointment_at", "string", "Appointment booked", format="date-time"),
)


def test_a_hindi_english_booking_answers_each_question() -> None:
    result = analysed(
        request_for(
            [
                ("agent", "hello happy paws clinic"),
                ("user", "hello meri billi ke symptoms kal raat se hain kuch nahi kha rahi"),
                ("agent", "oh uska naam kya hai"),
                ("user", "mishti"),
                ("agent", "koi pet insurance hai"),
                ("user", "nahi koi insurance nahi hai"),
                ("agent", "aap pehle aaye ho humare clinic"),
                ("user", "nahi pehli baar aa rahe hain"),
                ("agent", "parso subah gyarah baje aa sakte hain"),
                ("user", "haan parso gyarah baje theek hai"),
                ("agent", "aapka naam"),
                ("user", "neha kapoor"),
            ],
            start=TUESDAY,
            zone=ZONE,
            fields=VET_FIELDS,
        )
    )

    assert result.values == {
        "owner_name": "Neha Kapoor",
        "has_insurance": False,
        "first_visit": True,
        "symptoms_started": "2026-03-09",
        "appointment_at": "2026-03-12T11:00:00+05:30",
    }


STUDENT = FieldSpec(
    "student_name",
    "string",
    "Full name of the student. Parents often call for their children, so not always the caller",
)


def test_a_parent_calling_for_a_child_gives_the_child_s_name() -> None:
    said = values(
        request_for(
            [
                ("agent", "good evening brightminds main rohan bol raha hoon"),
                ("user", "haan hello meri beti ke liye maths tuition chahiye"),
                ("agent", "ji beti ka naam"),
                ("user", "aisha khan"),
            ],
            start=TUESDAY,
            zone=ZONE,
            fields=(STUDENT,),
        )
    )

    assert said == {"student_name": "Aisha Khan"}


def test_a_parent_s_and_a_child_s_names_written_with_capitals() -> None:
    result = analysed(
        request_for(
            [
                ("agent", "Vidya Tutors, namaste, main Kavya bol rahi hoon."),
                ("user", "Namaste. Main Rakesh Nair bol raha hoon. Bete ke liye tuition chahiye."),
                ("agent", "Zaroor. Bete ka naam aur class?"),
                ("user", "Arjun Nair, Class 9 mein hai. Exams aa rahe hain."),
            ],
            start=TUESDAY,
            zone=ZONE,
            fields=(STUDENT, FieldSpec("caller_name", "string", "Full name of the caller")),
        )
    )

    assert result.values == {"student_name": "Arjun Nair", "caller_name": "Rakesh Nair"}
