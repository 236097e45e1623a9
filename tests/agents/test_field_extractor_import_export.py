"""A field's `extractor` goes in with the product page's JSON, is checked like every other
key, and comes out as it went in; an empty one is left out."""

from __future__ import annotations

import json

import pytest

from agents.config import ConfigInvalid
from agents.seed_format import ImportInvalid
from agents.selectors import agent_export
from agents.services import agent_import_json
from tests.factories import AgentFactory

pytestmark = pytest.mark.django_db

FIELDS = [
    {
        "name": "interest_level",
        "type": "enum",
        "description": "high, medium, or low",
        "extractor": "gpt-4o-mini",
    },
    {
        "name": "callback_number",
        "type": "string",
        "description": "Phone number to call back",
        "extractor": "offline",
    },
    {"name": "customer_name", "type": "string", "description": "Customer full name"},
    {
        "name": "summary",
        "type": "string",
        "description": "One line on the call",
        "extractor": "hf.co/bartowski/Qwen2.5-7B-Instruct-GGUF:Q4_K_M",
    },
]


def test_the_extractor_of_each_field_round_trips() -> None:
    agent = AgentFactory()

    agent_import_json(agent=agent, fields_json=json.dumps(FIELDS))

    assert {field.name: field.extractor for field in agent.fields.all()} == {
        "interest_level": "gpt-4o-mini",
        "callback_number": "offline",
        "customer_name": "",
        "summary": "hf.co/bartowski/Qwen2.5-7B-Instruct-GGUF:Q4_K_M",
    }
    assert agent_export(agent=agent)["fields"] == FIELDS


@pytest.mark.parametrize(
    ("extractor", "message"),
    [
        (
            "gpt 4o",
            "field 1 (interest_level): extractor 'gpt 4o' is not \"offline\" or a model name "
            "(letters, digits and - _ . : /)",
        ),
        ("m" * 101, "field 1 (interest_level): extractor is 101 characters long; at most 100"),
        (42, 'field 1 (interest_level): extractor must be text: "offline" or a model name'),
    ],
)
def test_a_bad_extractor_is_refused_naming_the_field(extractor: object, message: str) -> None:
    agent = AgentFactory()
    fields = [{**FIELDS[0], "extractor": extractor}]

    with pytest.raises((ImportInvalid, ConfigInvalid)) as raised:
        agent_import_json(agent=agent, fields_json=json.dumps(fields))

    assert message in str(raised.value)
    assert not agent.fields.exists()


def test_a_bad_extractor_is_the_problem_of_its_row() -> None:
    agent = AgentFactory()

    with pytest.raises(ConfigInvalid) as raised:
        agent_import_json(agent=agent, fields_json=json.dumps([{**FIELDS[0], "extractor": "a b"}]))

    [problem] = raised.value.errors
    assert (problem.section, problem.index) == ("fields", 0)
