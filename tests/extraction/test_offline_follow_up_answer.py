"""The customer's answer to the follow-up question decides, however the sentence goes on."""

from __future__ import annotations

import pytest

from extraction.offline import OfflineBackend
from tests.extraction.conftest import request_for


@pytest.mark.parametrize(
    ("answer", "wanted"),
    [
        ("Sure.", True),
        ("Sure, I have to go now.", True),
        ("No, I have to go now.", False),
        ("Okay, talk soon.", True),
    ],
)
def test_the_first_words_of_the_answer_decide(answer: str, wanted: bool) -> None:
    request = request_for([("agent", "Would you like us to call you back?"), ("user", answer)])

    assert OfflineBackend().extract(request).values["follow_up_required"] is wanted
