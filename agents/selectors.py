from __future__ import annotations

from typing import Any

from django.conf import settings

from agents.config import ActionDraft
from agents.kinds import action_kind
from agents.models import Action, Agent
from agents.seed_format import export_action, export_field
from extraction.offline import unreadable
from extraction.types import FieldSpec


def agent_field_specs(*, agent: Agent) -> list[FieldSpec]:
    return [field.spec() for field in agent.fields.all()]


def agent_offline_unreadable(*, agent: Agent) -> dict[str, str]:
    """The agent's fields that stay empty on this site, by name, each with why: those the
    offline extractor cannot read from any call, when the site extracts with it. Empty when
    the site extracts with a model, which reads every field from its description."""
    if settings.EXTRACTION_BACKEND != "offline":
        return {}
    reasons = {spec.name: unreadable(spec) for spec in agent_field_specs(agent=agent)}
    return {name: reason for name, reason in reasons.items() if reason is not None}


def action_draft(action: Action) -> ActionDraft:
    return ActionDraft(
        name=action.name,
        type=action.type,
        condition=action.condition,
        config=dict(action.config),
        enabled=action.enabled,
        pk=action.pk,
        review=action.review,
        review_below=action.review_below,
    )


def agent_action_drafts(*, agent: Agent) -> list[ActionDraft]:
    return [action_draft(action) for action in agent.actions.all()]


def action_config_for_reader(*, action_type: str, config: dict[str, Any]) -> dict[str, Any]:
    """An action's config as shown to someone who may not change actions: what often
    carries credentials (a webhook's header values) is hidden."""
    return action_kind(action_type).config_for_reader(config)


def agent_export(*, agent: Agent, with_secrets: bool = True) -> dict[str, list[dict[str, Any]]]:
    """The agent's config in the product page's JSON shapes."""
    actions = [export_action(draft) for draft in agent_action_drafts(agent=agent)]
    if not with_secrets:
        actions = [
            {
                **action,
                "config": action_config_for_reader(
                    action_type=action["type"], config=action["config"]
                ),
            }
            for action in actions
        ]
    return {
        "fields": [export_field(spec) for spec in agent_field_specs(agent=agent)],
        "actions": actions,
    }
