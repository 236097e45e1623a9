"""A string field's format comes from its name when its description does not say it:
`contact_phone` described as "Number to call the family back on" holds a phone number,
by the name's last word ("phone_model" is no phone number), and the export stays as
pasted."""

from __future__ import annotations

import json

import pytest

from agents.selectors import agent_export
from agents.services import agent_import_json
from tests.factories import AgentFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "description", "expected_format"),
    [
        ("contact_phone", "Number to call the family contact back on, digits only", "phone"),
        ("driver_mobile", "Where we reach the driver during the trip", "phone"),
        ("owner_email", "Where to send the paperwork", "email"),
        ("contact_name", "Who to ask for when we phone", ""),
        ("mobile_number", "Where we reach the driver during the trip", "phone"),
        ("phone_model", "Which handset they own", ""),
    ],
)
def test_the_field_name_gives_the_format(name: str, description: str, expected_format: str) -> None:
    agent = AgentFactory()
    field = {"name": name, "type": "string", "description": description}

    agent_import_json(agent=agent, fields_json=json.dumps([field]))

    assert agent.fields.get().format == expected_format
    assert agent_export(agent=agent)["fields"] == [field]
