"""Changes to agents and their configs: the one writer of agents, their fields and their
actions. Every write validates the whole config first."""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass, replace
from typing import TypeVar, cast

from django.db import models, transaction
from django.utils.text import slugify

from agents.config import ActionDraft, ConfigInvalid, config_errors
from agents.kinds import action_kind
from agents.models import Action, Agent, AgentVersion, ExtractionField, ReviewRule
from agents.seed_format import loads, parse_actions, parse_fields
from agents.selectors import agent_action_drafts, agent_export, agent_field_specs
from agents.versions import agent_version_record, version_field_specs
from extraction.types import FieldSpec

Row = TypeVar("Row", FieldSpec, ActionDraft)

# What a copy does not take from its original: its identity, and the switch that keeps
# a copy from going live before ops look at it.
COPY_MARK = " (copy)"
NOT_DUPLICATED = frozenset({"id", "name", "slug", "is_active", "created_at", "updated_at"})


@transaction.atomic
def agent_save(
    *,
    agent: Agent,
    fields: Sequence[FieldSpec] | None = None,
    actions: Sequence[ActionDraft] | None = None,
    by: str = "",
    restored_from: int | None = None,
) -> dict[str, str]:
    """Save the agent (new or changed) with exactly these fields and actions, or raise
    ConfigInvalid and write nothing. None keeps the stored fields or actions.

    A change of the fields or actions makes a new numbered version, saved `by` someone
    (a user name, an API key, a command); a save that changes neither makes none.

    A field is matched to the stored one of its name. An action is matched by its `pk`
    when it has one, else by name, so that it keeps its id (and its history) when it is
    renamed on the agent page or its config changes. Returns the webhook secrets
    generated, by action name: they are shown once.
    """
    stored = agent.pk is not None
    if stored:
        # One saver at a time per agent, so each version is numbered after the last.
        Agent.objects.select_for_update().filter(pk=agent.pk).first()
    previous_names = set(agent.fields.values_list("name", flat=True)) if stored else set()
    if fields is None:
        fields = agent_field_specs(agent=agent) if stored else []
    if actions is None:
        actions = agent_action_drafts(agent=agent) if stored else []
    errors = config_errors(fields, actions, previous_field_names=previous_names)
    if errors:
        raise ConfigInvalid(errors)
    agent.save()
    _write_fields(agent, fields)
    secrets = _write_actions(agent, actions)
    agent_version_record(agent=agent, by=by, restored_from=restored_from)
    return secrets


class VersionUnchanged(ValueError):
    """The version to restore is the agent's config already."""


def agent_version_restore(*, version: AgentVersion, by: str) -> tuple[AgentVersion, dict[str, str]]:
    """Bring an older version back as a new version of the agent's config; return it and
    the webhook secrets generated for actions it brings back (shown once).

    Raises VersionUnchanged when it is the current config already and ConfigInvalid when
    the old config no longer saves; nothing is written in either case."""
    agent = version.agent
    if agent_export(agent=agent) == version.snapshot:
        raise VersionUnchanged(f"Version {version.number} is the current config already.")
    fields = version_field_specs(version)
    actions = parse_actions(version.snapshot.get("actions", []))
    secrets = agent_save(
        agent=agent, fields=fields, actions=actions, by=by, restored_from=version.number
    )
    return agent.versions.order_by("-number").first() or version, secrets


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
                "item_type": spec.item_type,
                "min_items": spec.min_items,
                "max_items": spec.max_items,
                "extractor": spec.extractor,
                "position": position,
            },
        )


def _matched_rows(agent: Agent, actions: Sequence[ActionDraft]) -> list[Action | None]:
    """The stored action each draft edits (None: a new one), by pk first, then by name."""
    stored = {action.pk: action for action in agent.actions.all()}
    rows: list[Action | None] = [
        None if draft.pk is None else stored.pop(draft.pk, None) for draft in actions
    ]
    by_name = {action.name: action for action in stored.values()}
    return [
        row if row is not None or draft.pk is not None else by_name.pop(draft.name, None)
        for row, draft in zip(rows, actions, strict=True)
    ]


def _write_actions(agent: Agent, actions: Sequence[ActionDraft]) -> dict[str, str]:
    rows = _matched_rows(agent, actions)
    agent.actions.exclude(pk__in=[row.pk for row in rows if row is not None]).delete()
    generated = {}
    for position, (row, draft) in enumerate(zip(rows, actions, strict=True)):
        kind = action_kind(draft.type)
        secret_keys = kind.secret_keys
        action = row or Action(agent=agent)
        action.name = draft.name
        action.type = draft.type
        action.condition = draft.condition or None
        config = {k: v for k, v in draft.config.items() if k not in secret_keys}
        action.config = kind.config_kept(config, row.config if row is not None else {})
        action.enabled = draft.enabled
        action.review = draft.review
        # A threshold typed on the page and left behind when the rule changed means nothing.
        action.review_below = draft.review_below if draft.review == ReviewRule.CONFIDENCE else None
        action.position = position
        action.save()
        secrets = {k: v for k, v in draft.config.items() if k in secret_keys and v}
        secret = kind.config_saved(action=action, secrets=secrets)
        if secret:
            generated[action.name] = secret
    return generated


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
    *,
    agent: Agent,
    fields_json: str = "",
    actions_json: str = "",
    replace_all: bool = False,
    by: str = "",
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
    secrets = agent_save(agent=agent, fields=fields, actions=actions, by=by)
    return ImportSummary(len(pasted_fields), len(pasted_actions), secrets)


def unique_slug(base: str) -> str:
    stem = slugify(base)[:90] or "agent"
    slug, number = stem, 2
    while Agent.objects.filter(slug=slug).exists():
        slug, number = f"{stem}-{number}", number + 1
    return slug


def copy_name(name: str) -> str:
    """The name of a copy, cut short enough to fit."""
    room = cast(models.CharField, Agent._meta.get_field("name")).max_length or len(name)
    return f"{name[: room - len(COPY_MARK)]}{COPY_MARK}"


@transaction.atomic
def agent_duplicate(*, agent: Agent, by: str = "") -> Agent:
    """Copy an agent with every setting, its fields and its actions, switched off until
    ops switch it on. Its webhooks get secrets of their own."""
    copy = Agent(
        name=copy_name(agent.name),
        slug=unique_slug(f"{agent.slug}-copy"),
        is_active=False,
        **{
            field.attname: deepcopy(getattr(agent, field.attname))
            for field in Agent._meta.concrete_fields
            if field.name not in NOT_DUPLICATED
        },
    )
    actions = [replace(draft, pk=None) for draft in agent_action_drafts(agent=agent)]
    agent_save(agent=copy, fields=agent_field_specs(agent=agent), actions=actions, by=by)
    return copy
