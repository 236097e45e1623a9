"""A Portuguese or German customer who asks to be called on Friday wants a follow-up and is
interested; one who says not to call or that they have no interest wants none."""

from __future__ import annotations

import pytest

from extraction.types import Role
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

PORTUGUESE_OFFER = (
    "agent",
    "Bom dia, aqui é a Ada da SolarSul. O senhor tem interesse em energia solar?",
)
GERMAN_OFFER = (
    "agent",
    "Guten Tag, hier ist Ada von SonnenDach. Hätten Sie Interesse an einer Solaranlage?",
)


@pytest.mark.parametrize(
    ("turns", "zone"),
    [
        ([PORTUGUESE_OFFER,
          ("user", "agora estou no trabalho pode me ligar na sexta-feira")],
         "America/Sao_Paulo"),
        ([PORTUGUESE_OFFER,
          ("user", "Agora não posso falar. Pode me ligar na sexta-feira?")],
         "America/Sao_Paulo"),
        ([GERMAN_OFFER,
          ("user", "ich bin gerade unterwegs rufen Sie mich am Freitag an")],
         "Europe/Berlin"),
        ([GERMAN_OFFER,
          ("user", "Gerade ist schlecht. Rufen Sie mich am Freitag an.")],
         "Europe/Berlin"),
    ],
)  # fmt: skip
def test_asked_to_be_called_on_friday(turns: list[tuple[Role, str]], zone: str) -> None:
    said = values(request_for(turns, start="2026-03-10T10:00:00", zone=zone))  # Tuesday

    assert said["follow_up_required"] is True
    assert said["follow_up_date"] == "2026-03-13"
    assert said["interest_level"] == "medium"


@pytest.mark.parametrize(
    ("turns", "zone"),
    [
        ([PORTUGUESE_OFFER, ("user", "não não me ligue mais")], "America/Sao_Paulo"),
        ([PORTUGUESE_OFFER, ("user", "Não, obrigado. Não me ligue mais.")],
         "America/Sao_Paulo"),
        ([PORTUGUESE_OFFER, ("user", "não tenho interesse não me ligue mais por favor")],
         "America/Sao_Paulo"),
        ([GERMAN_OFFER, ("user", "nein danke kein Interesse")], "Europe/Berlin"),
        ([GERMAN_OFFER, ("user", "Kein Interesse. Rufen Sie mich nicht mehr an.")],
         "Europe/Berlin"),
    ],
)  # fmt: skip
def test_told_not_to_call(turns: list[tuple[Role, str]], zone: str) -> None:
    said = values(request_for(turns, start="2026-03-10T10:00:00", zone=zone))

    assert said["follow_up_required"] is False
    assert said["follow_up_date"] is None
    assert said["interest_level"] == "none"
