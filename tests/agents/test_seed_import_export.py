"""The product page's JSON goes in as printed and comes out the same."""

from __future__ import annotations

import json

import pytest

from agents.config import ConfigInvalid
from agents.models import Agent
from agents.seed_format import ImportInvalid
from agents.selectors import agent_export
from agents.services import agent_import_json
from tests.factories import SEED_ACTION_JSON, SEED_FIELDS_JSON, AgentFactory

pytestmark = pytest.mark.django_db


def test_seed_fields_become_typed_rows_with_inferred_choices_and_formats(seed_agent: Agent) -> None:
    rows = {field.name: field for field in seed_agent.fields.all()}

    assert list(rows) == [
        "customer_name",
        "interest_level",
        "follow_up_required",
        "follow_up_date",
        "callback_number",
    ]
    assert rows["interest_level"].choices == ["high", "medium", "low", "none"]
    assert rows["follow_up_date"].format == "date"
    assert rows["callback_number"].format == "phone"
    assert rows["customer_name"].format == ""
    assert rows["follow_up_required"].type == "boolean"


def test_seed_action_is_stored_as_printed(seed_agent: Agent) -> None:
    action = seed_agent.actions.get()

    assert action.name == "Auto follow-up"
    assert action.type == "schedule_call"
    assert action.condition == {"field": "follow_up_required", "operator": "==", "value": True}
    assert action.config == {
        "use_field": "follow_up_date",
        "fallback_delay_minutes": 1440,
        "from_number": "+908501234567",
    }


def test_export_prints_the_seed_shapes_unchanged(seed_agent: Agent) -> None:
    exported = agent_export(agent=seed_agent)

    assert exported["fields"] == json.loads(SEED_FIELDS_JSON)
    assert exported["actions"] == [json.loads(SEED_ACTION_JSON)]


def test_export_adds_only_keys_that_differ_from_what_import_infers(seed_agent: Agent) -> None:
    seed_agent.fields.filter(name="follow_up_date").update(format="date-time", required=True)
    seed_agent.fields.filter(name="interest_level").update(choices=["hot", "cold"])

    fields = {field["name"]: field for field in agent_export(agent=seed_agent)["fields"]}

    assert fields["follow_up_date"] == {
        "name": "follow_up_date",
        "type": "string",
        "description": "Follow-up date in ISO 8601 format",
        "format": "date-time",
        "required": True,
    }
    assert fields["interest_level"]["choices"] == ["hot", "cold"]
    assert "format" not in fields["callback_number"]


def test_exported_config_imports_into_another_agent_identically(seed_agent: Agent) -> None:
    seed_agent.fields.filter(name="customer_name").update(required=True)
    exported = agent_export(agent=seed_agent)
    other = AgentFactory()

    agent_import_json(
        agent=other,
        fields_json=json.dumps(exported["fields"]),
        actions_json=json.dumps(exported["actions"]),
    )

    assert agent_export(agent=other) == exported


def test_an_array_of_actions_is_accepted(seed_agent: Agent) -> None:
    transfer = {
        "type": "transfer_call",
        "name": "Hot lead to sales",
        "condition": {"field": "interest_level", "operator": "==", "value": "high"},
        "config": {"to_number": "+14155550134"},
    }

    summary = agent_import_json(agent=seed_agent, actions_json=json.dumps([transfer]))

    assert summary.action_count == 1
    assert list(seed_agent.actions.values_list("name", flat=True)) == [
        "Auto follow-up",
        "Hot lead to sales",
    ]


def test_import_replaces_rows_of_the_same_name_and_keeps_the_others(seed_agent: Agent) -> None:
    changed = [{"name": "customer_name", "type": "string", "description": "First name only"}]

    agent_import_json(agent=seed_agent, fields_json=json.dumps(changed))

    assert seed_agent.fields.count() == 5
    assert seed_agent.fields.get(name="customer_name").description == "First name only"


def test_replace_all_removes_fields_not_pasted_unless_an_action_uses_them(
    seed_agent: Agent,
) -> None:
    only_name = [{"name": "customer_name", "type": "string", "description": "Name"}]

    with pytest.raises(ConfigInvalid) as raised:
        agent_import_json(agent=seed_agent, fields_json=json.dumps(only_name), replace_all=True)

    messages = [str(error) for error in raised.value.errors]
    assert (
        "field follow_up_required: cannot be deleted or renamed: action 'Auto follow-up' uses "
        "it (condition); change or delete that action first" in messages
    )
    assert seed_agent.fields.count() == 5


def test_invalid_json_names_the_box_and_position() -> None:
    agent = AgentFactory()

    with pytest.raises(ImportInvalid) as raised:
        agent_import_json(agent=agent, fields_json='[{"name": "x",}]')

    assert str(raised.value).startswith("fields: not valid JSON: Expecting property name")
    assert "line 1, column 15" in str(raised.value)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "x"}, "field 1 (x): type is required"),
        ([{"type": "string"}], "field 1: name is required"),
        ([{"name": "x", "type": "string", "colour": "red"}], "field 1 (x): unknown key(s) colour"),
        (
            [{"name": "x", "type": "enum", "choices": "a,b"}],
            "field 1 (x): choices must be an array",
        ),
        (
            [{"name": "x", "type": "string", "required": "yes"}],
            "field 1 (x): required must be true",
        ),
        ("fields", "fields: must be a JSON array of field objects"),
    ],
)
def test_import_shape_problems_name_the_row(fields: object, message: str) -> None:
    with pytest.raises(ImportInvalid) as raised:
        agent_import_json(agent=AgentFactory(), fields_json=json.dumps(fields))

    assert str(raised.value).startswith(message)


def test_nothing_is_written_when_one_row_is_bad() -> None:
    agent = AgentFactory()
    fields = [*json.loads(SEED_FIELDS_JSON), {"name": "bad name", "type": "string"}]

    with pytest.raises(ConfigInvalid):
        agent_import_json(agent=agent, fields_json=json.dumps(fields))

    assert agent.fields.count() == 0


@pytest.mark.parametrize(
    ("description", "expected_format"),
    [
        ("Follow-up date in ISO 8601 format", "date"),
        ("Date and time of the appointment, ISO 8601", "date-time"),
        ("Phone number to call back, digits only", "phone"),
        ("Customer email address", "email"),
        ("Customer full name", ""),
    ],
)
def test_string_format_is_inferred_from_the_description(
    description: str, expected_format: str
) -> None:
    agent = AgentFactory()
    field = {"name": "value", "type": "string", "description": description}

    agent_import_json(agent=agent, fields_json=json.dumps([field]))

    assert agent.fields.get().format == expected_format


@pytest.mark.parametrize(
    ("name", "description"),
    [
        ("organizer_name", "Who the contract goes under: the organiser, not whoever is on the "
         "phone"),
        ("contact_name", "Name of the person to ask for; we phone them on the day"),
        ("referred_by", "Name of the person who sent the candidate our way, if anyone"),
        ("recruiter", "The candidate's recruiter at the agency"),
    ],
)  # fmt: skip
def test_a_field_for_a_name_is_text_whatever_else_its_description_mentions(
    name: str, description: str
) -> None:
    agent = AgentFactory()
    field = {"name": name, "type": "string", "description": description}

    agent_import_json(agent=agent, fields_json=json.dumps([field]))

    assert agent.fields.get().format == ""
    assert agent_export(agent=agent)["fields"] == [field]


def test_an_explicit_format_wins_over_the_inferred_one() -> None:
    agent = AgentFactory()
    field = {"name": "d", "type": "string", "description": "ISO 8601 date", "format": ""}

    agent_import_json(agent=agent, fields_json=json.dumps([field]))

    assert agent.fields.get().format == ""
