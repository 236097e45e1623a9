# ruff: noqa: RUF001 - Turkish words are written with a dotless i
"""An address said after the word for an email ("e posta") or after taking back a first
try ("yani") starts after it."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

EMAIL = FieldSpec("contact_email", "string", "Email for the schedule", format="email")


@pytest.mark.parametrize(
    "said",
    ["tamam e posta deryaak at gmail nokta com",
     "e posta derya ak yani deryaak at gmail nokta com"],
)  # fmt: skip
def test_a_turkish_address(said: str) -> None:
    got = values(
        request_for(
            [("agent", "programı nereye gönderelim"), ("user", said)],
            zone="Europe/Istanbul",
            fields=(EMAIL,),
        )
    )

    assert got == {"contact_email": "deryaak@gmail.com"}
