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


@pytest.mark.parametrize(
    ("confirmation", "answer"),
    [("thursday at six thirty perfect is this the best number",
      "no use my cell it's nine one seven 555 oh one four three"),
     ("friday at three pm on oh four one two three four five six seven eight",
      "nah that's the old one it's oh four double two three four five six seven eight"),
     ("quinze de setembro combinado nesse número mesmo",
      "não anota o meu celular onze nove seis quatro dois oito sete um cinco três")],
)  # fmt: skip
def test_a_no_to_the_number_is_no_no_to_the_call(confirmation: str, answer: str) -> None:
    request = request_for(
        [("agent", "can we call you back later in the week"), ("user", "yeah try that day"),
         ("agent", confirmation), ("user", answer)],
        zone="America/New_York",
    )  # fmt: skip

    assert OfflineBackend().extract(request).values["follow_up_required"] is True
