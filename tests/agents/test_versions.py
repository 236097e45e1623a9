"""Config versions: numbered per agent, made by every changed save, one readable diff each,
and an older one brought back as a new version."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from agents.config import ConfigInvalid
from agents.models import Agent, AgentVersion
from agents.selectors import agent_action_drafts, agent_export, agent_field_specs
from agents.services import (
    VersionUnchanged,
    agent_duplicate,
    agent_import_json,
    agent_save,
    agent_version_restore,
)
from agents.versions import agent_version_history, config_diff
from tests.factories import SEED_ACTION_JSON, SEED_FIELDS_JSON, AgentFactory

pytestmark = pytest.mark.django_db


def numbers(agent: Agent) -> list[int]:
    return list(agent.versions.order_by("number").values_list("number", flat=True))


def test_an_import_makes_version_1_with_the_config_as_exported() -> None:
    agent = AgentFactory()

    agent_import_json(
        agent=agent, fields_json=SEED_FIELDS_JSON, actions_json=SEED_ACTION_JSON, by="olga"
    )

    [version] = agent.versions.all()
    assert (version.number, version.created_by) == (1, "olga")
    assert version.snapshot == agent_export(agent=agent)
    assert version.snapshot["fields"] == json.loads(SEED_FIELDS_JSON)
    assert version.snapshot["actions"] == [json.loads(SEED_ACTION_JSON)]


def test_a_save_that_changes_nothing_makes_no_version(seed_agent: Agent) -> None:
    agent_save(agent=seed_agent, by="olga")
    agent_save(
        agent=seed_agent,
        fields=agent_field_specs(agent=seed_agent),
        actions=agent_action_drafts(agent=seed_agent),
        by="olga",
    )
    seed_agent.timezone = "Europe/Berlin"
    agent_save(agent=seed_agent, by="olga")

    assert numbers(seed_agent) == [1]


def test_each_change_is_the_next_number_with_a_readable_diff(seed_agent: Agent) -> None:
    fields = agent_field_specs(agent=seed_agent)
    fields[1] = replace(fields[1], description="hot, warm, cold", choices=("hot", "warm", "cold"))
    agent_save(agent=seed_agent, fields=fields, by="olga")
    [action] = agent_action_drafts(agent=seed_agent)
    moved = replace(action, config={**action.config, "fallback_delay_minutes": 60})
    agent_save(agent=seed_agent, fields=fields[:4], actions=[moved], by="kemal")

    assert numbers(seed_agent) == [1, 2, 3]
    newest, middle, first = agent_version_history(agent=seed_agent, for_reader=False)
    assert middle.diff == [
        'field \'interest_level\': description "high, medium, low, none" → "hot, warm, cold"'
    ]
    assert newest.version.created_by == "kemal"
    assert newest.diff == [
        "field 'callback_number' removed",
        "action 'Auto follow-up': config.fallback_delay_minutes 1440 → 60",
    ]
    assert first.diff[0] == (
        "first version: 5 field(s) (customer_name, interest_level, follow_up_required, "
        "follow_up_date, callback_number)"
    )
    assert newest.current and not middle.current


def test_the_diff_names_added_and_reordered_rows() -> None:
    before = {"fields": [{"name": "a", "type": "string"}, {"name": "b", "type": "number"}]}
    after = {
        "fields": [
            {"name": "b", "type": "number"},
            {"name": "a", "type": "string"},
            {"name": "c", "type": "boolean"},
        ],
        "actions": [{"name": "CRM", "type": "webhook", "config": {"url": "https://x.test"}}],
    }

    assert config_diff(before, after) == [
        "field 'c' added (boolean)",
        "fields reordered: b, a",
        "action 'CRM' added (webhook)",
    ]


def test_readers_see_no_header_values_in_versions(seed_agent: Agent) -> None:
    agent_import_json(
        agent=seed_agent,
        actions_json=json.dumps(
            {
                "type": "webhook",
                "name": "CRM",
                "config": {"url": "http://127.0.0.1:9/", "headers": {"Authorization": "Bearer s3"}},
            }
        ),
    )

    newest = agent_version_history(agent=seed_agent, for_reader=True)[0]
    assert "s3" not in json.dumps(newest.snapshot) + " ".join(newest.diff)
    assert "Bearer s3" in json.dumps(seed_agent.versions.get(number=2).snapshot)


def test_a_copy_starts_its_own_numbering(seed_agent: Agent) -> None:
    copy = agent_duplicate(agent=seed_agent, by="olga")

    assert numbers(copy) == [1]
    assert copy.versions.get().snapshot == seed_agent.versions.get().snapshot


def test_restoring_an_older_version_makes_a_new_one_with_its_config(seed_agent: Agent) -> None:
    original = agent_export(agent=seed_agent)
    agent_save(agent=seed_agent, fields=agent_field_specs(agent=seed_agent)[:4], actions=[])

    restored, secrets = agent_version_restore(version=seed_agent.versions.get(number=1), by="olga")

    assert (restored.number, restored.restored_from, restored.created_by) == (3, 1, "olga")
    assert agent_export(agent=seed_agent) == original
    assert secrets == {}
    assert numbers(seed_agent) == [1, 2, 3]


def test_restoring_keeps_an_action_s_identity(seed_agent: Agent) -> None:
    [action] = seed_agent.actions.all()
    [draft] = agent_action_drafts(agent=seed_agent)
    agent_save(agent=seed_agent, actions=[replace(draft, enabled=False)])

    agent_version_restore(version=seed_agent.versions.get(number=1), by="olga")

    assert list(seed_agent.actions.values_list("pk", "enabled")) == [(action.pk, True)]


def test_restoring_the_current_config_is_refused_and_makes_nothing(seed_agent: Agent) -> None:
    with pytest.raises(VersionUnchanged, match="Version 1 is the current config already"):
        agent_version_restore(version=seed_agent.versions.get(number=1), by="olga")

    assert AgentVersion.objects.count() == 1


def test_a_version_that_no_longer_saves_is_refused_and_changes_nothing(seed_agent: Agent) -> None:
    # A version whose action uses fields it does not have, as a rule added since would find.
    AgentVersion.objects.filter(agent=seed_agent).update(
        snapshot={"fields": [], "actions": [json.loads(SEED_ACTION_JSON)]}
    )
    before = agent_export(agent=seed_agent)
    agent_save(agent=seed_agent, actions=[])

    with pytest.raises(ConfigInvalid):
        agent_version_restore(version=seed_agent.versions.get(number=1), by="olga")

    assert numbers(seed_agent) == [1, 2]
    assert agent_export(agent=seed_agent) == {**before, "actions": []}
