"""List fields go in as the product page prints them and come out the same; a list
without an item type holds text."""

from __future__ import annotations

import json

import pytest

from agents.models import Agent
from agents.seed_format import ImportInvalid
from agents.selectors import agent_export
from agents.services import agent_import_json
from tests.factories import AgentFactory

pytestmark = pytest.mark.django_db

LISTS = [
    {
        "name": "products_asked",
        "type": "list",
        "item_type": "enum",
        "description": "Every product the customer asked about",
        "choices": ["solar panels", "battery", "ev charger"],
        "max_items": 3,
    },
    {
        "name": "cc_emails",
        "type": "list",
        "item_type": "string",
        "description": "The people to copy on the quote",
        "format": "email",
    },
]


def imported(fields: list[dict]) -> Agent:
    agent = AgentFactory()
    agent_import_json(agent=agent, fields_json=json.dumps(fields))
    return agent


def test_list_fields_are_stored_and_exported_as_printed() -> None:
    agent = imported(LISTS)
    rows = {row.name: row for row in agent.fields.all()}

    assert rows["products_asked"].item_type == "enum"
    assert rows["products_asked"].choices == ["solar panels", "battery", "ev charger"]
    assert rows["products_asked"].max_items == 3
    assert rows["products_asked"].min_items is None
    assert rows["cc_emails"].format == "email"
    assert agent_export(agent=agent)["fields"] == LISTS


def test_a_list_without_an_item_type_holds_text_with_an_inferred_format() -> None:
    agent = imported(
        [{"name": "numbers", "type": "list", "description": "Every phone number they gave"}]
    )
    row = agent.fields.get()

    assert (row.item_type, row.format) == ("string", "phone")
    assert row.spec().item().type == "string"
    assert agent_export(agent=agent)["fields"] == [
        {
            "name": "numbers",
            "type": "list",
            "item_type": "string",
            "description": "Every phone number they gave",
        }
    ]


def test_counts_that_are_not_whole_numbers_are_refused_naming_the_row() -> None:
    bad = [{**LISTS[0], "max_items": "3"}, {**LISTS[1], "min_items": 1.5}]

    with pytest.raises(ImportInvalid) as refused:
        imported(bad)

    assert [str(problem) for problem in refused.value.problems] == [
        "field 1 (products_asked): max_items must be a whole number, e.g. 3",
        "field 2 (cc_emails): min_items must be a whole number, e.g. 3",
    ]
