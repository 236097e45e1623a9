"""A templated webhook that cannot give a body is refused when saved, with the place it
breaks; one that can is stored with its method, query and content type."""

from __future__ import annotations

import json
from typing import Any

import pytest

from agents.config import ConfigInvalid
from agents.models import Agent
from agents.seed_format import ImportInvalid
from agents.services import agent_import_json

pytestmark = pytest.mark.django_db

URL = "http://127.0.0.1:9/crm"


def save(agent: Agent, **config: Any) -> None:
    action = {"type": "webhook", "name": "CRM lead", "config": {"url": URL, **config}}
    agent_import_json(agent=agent, actions_json=json.dumps(action))


def refused(agent: Agent, **config: Any) -> str:
    with pytest.raises((ConfigInvalid, ImportInvalid)) as raised:
        save(agent, **config)
    assert not agent.actions.filter(type="webhook").exists()
    return str(raised.value)


def test_a_template_is_stored_with_its_request(seed_agent: Agent) -> None:
    template = {"properties": {"firstname": "{{ values.customer_name | default('') }}"}}

    save(
        seed_agent,
        method="PATCH",
        query={"idProperty": "email"},
        template=template,
        content_type="application/json",
    )

    config = seed_agent.actions.get(type="webhook").config
    assert config["method"] == "PATCH"
    assert config["query"] == {"idProperty": "email"}
    assert config["template"] == template


def test_a_syntax_error_is_refused_with_its_path_and_line(seed_agent: Agent) -> None:
    said = refused(seed_agent, template={"fields": [{"Name": "ok", "Date": "{{ values.x | }}"}]})

    assert "config.template.fields[0].Date: line 1: " in said


def test_a_field_the_agent_lacks_is_refused_naming_the_fields_it_has(seed_agent: Agent) -> None:
    said = refused(seed_agent, template={"name": "{{ values.full_name }}"})

    assert "config.template.name: on a sample call: 'full_name' is not there" in said
    assert "customer_name, follow_up_date" in said


def test_a_template_that_breaks_on_null_values_is_refused_saying_so(seed_agent: Agent) -> None:
    said = refused(seed_agent, template={"score": "{{ values.follow_up_required + 1 }}"})

    assert "config.template.score: with every value null: TypeError" in said
    assert "on a sample call" not in said


def test_renaming_a_field_the_template_reads_is_refused(seed_agent: Agent) -> None:
    save(seed_agent, template={"name": "{{ values.customer_name }}"})
    fields = [
        {"name": "full_name", "type": "string", "description": "Customer full name"},
        {"name": "interest_level", "type": "enum", "description": "high, medium, low, none"},
    ]

    with pytest.raises((ConfigInvalid, ImportInvalid)) as raised:
        agent_import_json(agent=seed_agent, fields_json=json.dumps(fields), replace_all=True)

    assert "'customer_name' is not there" in str(raised.value)
    assert seed_agent.fields.filter(name="customer_name").exists()


@pytest.mark.parametrize(
    ("config", "said"),
    [
        ({"method": "GET", "template": {}}, "config.method: 'GET' is not one of POST, PUT, PATCH"),
        ({"query": {"limit": 5}}, "config.query: must be an object of text values"),
        ({"content_type": "text/xml", "template": {}}, "config.content_type: 'text/xml'"),
        (
            {
                "content_type": "application/x-www-form-urlencoded",
                "headers": {"content-type": "text/plain"},
                "template": {},
            },
            "config.headers: Content-Type is set by config.content_type",
        ),
        (
            {
                "content_type": "application/x-www-form-urlencoded",
                "template": {"person": {"name": "{{ values.customer_name }}"}},
            },
            "config.template.person: on a sample call: a form field holds text",
        ),
        ({"template": "{{ values.customer_name }}"}, "config.template: an object or a list"),
    ],
)
def test_a_request_that_cannot_be_sent_is_refused(
    seed_agent: Agent, config: dict[str, Any], said: str
) -> None:
    assert said in refused(seed_agent, **config)
