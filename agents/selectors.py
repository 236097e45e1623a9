from __future__ import annotations

from typing import Any

from agents.config import ActionDraft
from agents.models import Action, Agent
from agents.seed_format import export_action, export_field
from extraction.types import FieldSpec


def agent_field_specs(*, agent: Agent) -> list[FieldSpec]:
    return [field.spec() for field in agent.fields.all()]


def action_draft(action: Action) -> ActionDraft:
    return ActionDraft(
        name=action.name,
        type=action.type,
        condition=action.condition,
        config=dict(action.config),
        enabled=action.enabled,
    )


def agent_action_drafts(*, agent: Agent) -> list[ActionDraft]:
    return [action_draft(action) for action in agent.actions.all()]


HIDDEN = "(hidden)"


def config_without_secrets(config: dict[str, Any]) -> dict[str, Any]:
    """An action's config with its header values hidden: they often carry credentials."""
    headers = config.get("headers")
    if not isinstance(headers, dict) or not headers:
        return config
    return {**config, "headers": dict.fromkeys(headers, HIDDEN)}


def agent_export(*, agent: Agent, with_secrets: bool = True) -> dict[str, list[dict[str, Any]]]:
    """The agent's config in the product page's JSON shapes."""
    actions = [export_action(draft) for draft in agent_action_drafts(agent=agent)]
    if not with_secrets:
        actions = [
            {**action, "config": config_without_secrets(action["config"])}
            if "config" in action
            else action
            for action in actions
        ]
    return {
        "fields": [export_field(spec) for spec in agent_field_specs(agent=agent)],
        "actions": actions,
    }
