"""Changes to agents and their configs. Every write validates the whole config first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.db import transaction
from django.utils.text import slugify

from actions.webhooks.secrets import webhook_secrets_settle
from agents.config import ActionDraft, ConfigInvalid, config_errors
from agents.models import Action, Agent, ExtractionField
from agents.seed_format import loads, parse_actions, parse_fields
from agents.selectors import agent_action_drafts, agent_field_specs
from extraction.types import FieldSpec

Row = TypeVar("Row", FieldSpec, ActionDraft)


@transaction.atomic
def agent_save_config(
    *, agent: Agent, fields: Sequence[FieldSpec], actions: Sequence[ActionDraft]
) -> dict[str, str]:
    """Make the agent's fields and actions exactly these, or raise ConfigInvalid.

    Rows are matched by name so that an action keeps its id (and its history)
    when its config changes. Returns the webhook secrets generated, by action name.
    """
    previous_names = set(agent.fields.values_list("name", flat=True))
    errors = config_errors(fields, actions, previous_field_names=previous_names)
    if errors:
        raise ConfigInvalid(errors)
    _write_fields(agent, fields)
    _write_actions(agent, actions)
    return webhook_secrets_settle(agent=agent)


def _write_fields(agent: Agent, fields: Sequence[FieldSpec]) -> None:
    agent.fields.exclude(name__in=[spec.name for spec in fields]).delete()
    for position, spec in enumerate(fields):
        ExtractionField.objects.update_or_create(
            agent=agent,
            name=spec.name,
            defaults={
                "type": spec.type,
                "description": spec.description,
                "choices": list(spec.choices),
                "format": spec.format,
                "required": spec.required,
                "position": position,
            },
        )


def _write_actions(agent: Agent, actions: Sequence[ActionDraft]) -> None:
    agent.actions.exclude(name__in=[draft.name for draft in actions]).delete()
    for position, draft in enumerate(actions):
        Action.objects.update_or_create(
            agent=agent,
            name=draft.name,
            defaults={
                "type": draft.type,
                "condition": draft.condition or None,
                "config": draft.config,
                "enabled": draft.enabled,
                "position": position,
            },
        )


def merge_by_name(current: Sequence[Row], pasted: Sequence[Row], *, replace_all: bool) -> list[Row]:
    """Pasted rows replace the current ones of the same name; others stay unless replacing."""
    if replace_all:
        return list(pasted)
    pasted_by_name = {row.name: row for row in pasted}
    merged = [pasted_by_name.pop(row.name, row) for row in current]
    return merged + list(pasted_by_name.values())


@dataclass(frozen=True)
class ImportSummary:
    field_count: int
    action_count: int
    generated_secrets: dict[str, str]


def agent_import_json(
    *, agent: Agent, fields_json: str = "", actions_json: str = "", replace_all: bool = False
) -> ImportSummary:
    """Import pasted product-page JSON; say how many fields and actions were pasted.

    Raises ImportInvalid for JSON that does not have the product page's shape and
    ConfigInvalid for a config that cannot work; nothing is written in either case.
    """
    fields = agent_field_specs(agent=agent)
    actions = agent_action_drafts(agent=agent)
    pasted_fields = parse_fields(loads(fields_json, "fields")) if fields_json.strip() else []
    pasted_actions = parse_actions(loads(actions_json, "actions")) if actions_json.strip() else []
    if fields_json.strip():
        fields = merge_by_name(fields, pasted_fields, replace_all=replace_all)
    if actions_json.strip():
        actions = merge_by_name(actions, pasted_actions, replace_all=replace_all)
    secrets = agent_save_config(agent=agent, fields=fields, actions=actions)
    return ImportSummary(len(pasted_fields), len(pasted_actions), secrets)


def unique_slug(base: str) -> str:
    stem = slugify(base)[:90] or "agent"
    slug, number = stem, 2
    while Agent.objects.filter(slug=slug).exists():
        slug, number = f"{stem}-{number}", number + 1
    return slug


@transaction.atomic
def agent_duplicate(*, agent: Agent) -> Agent:
    """Copy an agent with its fields and actions, disabled until ops switch it on."""
    copy = Agent.objects.create(
        name=f"{agent.name} (copy)",
        slug=unique_slug(f"{agent.slug}-copy"),
        description=agent.description,
        timezone=agent.timezone,
        extraction_model=agent.extraction_model,
        is_active=False,
    )
    agent_save_config(
        agent=copy,
        fields=agent_field_specs(agent=agent),
        actions=agent_action_drafts(agent=agent),
    )
    return copy
