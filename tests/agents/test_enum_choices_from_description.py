"""An enum's choices are read from the list in its description, the product page's way,
also when a sentence follows the list: what the sentence says is no choice."""

from __future__ import annotations

import json

import pytest

from agents.selectors import agent_export
from agents.services import agent_import_json
from tests.factories import AgentFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "description",
    [
        "Car class they want: economy, compact, suv, van, premium",
        "Car class they want: economy, compact, suv, van, premium. Van is our 7 and 9 seaters",
        "Car class they want: economy, compact, suv, van, premium; ask if unsure.",
    ],
)
def test_the_list_ends_where_its_sentence_ends(description: str) -> None:
    agent = AgentFactory()
    field = {"name": "vehicle_class", "type": "enum", "description": description}

    agent_import_json(agent=agent, fields_json=json.dumps([field]))

    assert agent.fields.get().choices == ["economy", "compact", "suv", "van", "premium"]
    assert agent_export(agent=agent)["fields"] == [field]


def test_decimals_in_a_choice_are_no_sentence_end() -> None:
    agent = AgentFactory()
    field = {"name": "truck", "type": "enum", "description": "Truck size: 1.5 tonne, 3.5 tonne"}

    agent_import_json(agent=agent, fields_json=json.dumps([field]))

    assert agent.fields.get().choices == ["1.5 tonne", "3.5 tonne"]


def test_an_abbreviation_ends_no_sentence() -> None:
    agent = AgentFactory()
    description = "Which dentist they asked for: Dr. Smith, Dr. Jones, St. Clair"
    field = {"name": "dentist", "type": "enum", "description": description}

    agent_import_json(agent=agent, fields_json=json.dumps([field]))

    assert agent.fields.get().choices == ["Dr. Smith", "Dr. Jones", "St. Clair"]
