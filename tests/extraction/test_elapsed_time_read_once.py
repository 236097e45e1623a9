# ruff: noqa: RUF001 - Turkish words are written with a dotless i
"""A time said as "in an hour and a half" means the same to the offline extractor and to the
normaliser that reads a model's answer, in every language the extractor reads."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from extraction.normalizers import normalize_datetime
from extraction.offline import OfflineBackend
from extraction.types import FieldSpec
from tests.extraction.conftest import request_for

CALL_BACK_AT = FieldSpec("call_back_at", "string", "When to call back", format="date-time")
START = "2026-03-10T14:00:00"


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("Call me back in an hour and a half.", "2026-03-10T15:30:00+03:00"),
        ("Call me in half an hour.", "2026-03-10T14:30:00+03:00"),
        ("Llámeme en dos horas, por favor.", "2026-03-10T16:00:00+03:00"),
        ("Beni iki saat sonra arayın.", "2026-03-10T16:00:00+03:00"),
    ],
)
def test_the_offline_extractor_and_the_normaliser_agree(said: str, expected: str) -> None:
    request = request_for(
        [("agent", "When should we call you back?"), ("user", said)],
        start=START,
        fields=(CALL_BACK_AT,),
    )
    read = OfflineBackend().extract(request).values["call_back_at"]
    reference = datetime.fromisoformat(START).replace(tzinfo=ZoneInfo("Europe/Istanbul"))

    assert normalize_datetime(read, reference=reference) == expected
    assert normalize_datetime(said, reference=reference) == expected
