"""An agent configured before versions were kept starts at version 1 when upgraded."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from agents.models import Agent
from agents.selectors import agent_export
from tests.factories import SEED_ACTION_JSON, SEED_FIELDS_JSON

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("agents", "0001_initial"), ("calls", "0001_initial")]


def test_the_upgrade_numbers_each_existing_config_as_its_export() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    agent = old.get_model("agents", "Agent").objects.create(name="Solaris", slug="solaris")
    for position, field in enumerate(json.loads(SEED_FIELDS_JSON)):
        choices = ["high", "medium", "low", "none"] if field["type"] == "enum" else []
        fmt = {"follow_up_date": "date", "callback_number": "phone"}.get(field["name"], "")
        old.get_model("agents", "ExtractionField").objects.create(
            agent=agent, position=position, choices=choices, format=fmt, **field
        )
    old.get_model("agents", "Action").objects.create(agent=agent, **json.loads(SEED_ACTION_JSON))

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    upgraded = Agent.objects.get(slug="solaris")
    [version] = upgraded.versions.all()
    assert version.number == 1
    assert version.snapshot == agent_export(agent=upgraded)
    assert version.snapshot["fields"] == json.loads(SEED_FIELDS_JSON)
