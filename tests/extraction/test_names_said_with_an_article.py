"""Brazilian and Portuguese callers say their name with an article ("sou o Ricardo
Almeida", "sou a fernanda lima"): the name is theirs."""

from __future__ import annotations

import pytest

from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values


@pytest.mark.parametrize(
    ("answer", "name"),
    [("sou o ricardo almeida", "Ricardo Almeida"), ("Sou a Fernanda Lima.", "Fernanda Lima")],
)
def test_a_name_after_sou_o(answer: str, name: str) -> None:
    got = values(
        request_for(
            [
                ("agent", "bom dia aqui é a assistente virtual da casa nobre qual o seu nome"),
                ("user", answer),
                ("agent", "obrigada quando podemos ligar"),
                ("user", "amanhã às duas da tarde"),
            ],
            zone="America/Sao_Paulo",
        )
    )

    assert got["customer_name"] == name
