"""Config versions: every saved change of an agent's fields or actions is numbered, with
who saved it, when, and the config in the product page's export shape.

The diff between two versions is worked out when it is shown, from their snapshots, so
what a reader may not see (a webhook's header values) is hidden from the diff as from
the config."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max

from agents.models import Agent, AgentVersion
from agents.seed_format import parse_fields
from agents.selectors import action_config_for_reader, agent_export
from extraction.types import FieldSpec

Snapshot = dict[str, list[dict[str, Any]]]
EMPTY: Snapshot = {"fields": [], "actions": []}
# With the agent's row locked a number cannot be taken twice; the retries cover a
# database that lets two savers past the lock (an agent saved for the first time).
NUMBER_ATTEMPTS = 5


def agent_version_record(
    *, agent: Agent, by: str, restored_from: int | None = None
) -> AgentVersion | None:
    """Number the agent's config as it is now, unless it is the latest version's already.

    Runs in the transaction that saved the config, after the agent's row was locked."""
    # Read back as stored: the caller's agent may hold its rows prefetched before the save.
    snapshot = agent_export(agent=Agent.objects.get(pk=agent.pk))
    latest = AgentVersion.objects.filter(agent=agent).order_by("-number").first()
    if latest is not None and latest.snapshot == snapshot:
        return None
    attempt = 1
    while True:
        number = (AgentVersion.objects.filter(agent=agent).aggregate(n=Max("number"))["n"] or 0) + 1
        try:
            with transaction.atomic():
                return AgentVersion.objects.create(
                    agent=agent,
                    number=number,
                    created_by=by,
                    snapshot=snapshot,
                    restored_from=restored_from,
                )
        except IntegrityError:
            if attempt == NUMBER_ATTEMPTS:
                raise
            attempt += 1


def snapshot_for_reader(snapshot: Snapshot) -> Snapshot:
    """The snapshot as shown to someone who may not change actions."""
    return {
        "fields": snapshot.get("fields", []),
        "actions": [
            {
                **action,
                "config": action_config_for_reader(
                    action_type=action["type"], config=action.get("config", {})
                ),
            }
            for action in snapshot.get("actions", [])
        ],
    }


def version_field_specs(version: AgentVersion) -> list[FieldSpec]:
    """The fields of a version, read back as the import reads them."""
    return parse_fields(version.snapshot.get("fields", []))


def shown(value: Any) -> str:
    if value is None:
        return "none"
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _rows_diff(kind: str, before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[str]:
    old = {row["name"]: row for row in before}
    new = {row["name"]: row for row in after}
    lines = []
    for name, row in new.items():
        if name not in old:
            lines.append(f"{kind} {name!r} added ({row.get('type', '')})")
            continue
        keys = sorted(set(old[name]) | set(row))
        for key in keys:
            if key in ("name",) or old[name].get(key) == row.get(key):
                continue
            if key == "config" and isinstance(row.get(key), dict):
                lines += _config_diff(kind, name, old[name].get(key) or {}, row[key])
            else:
                change = f"{shown(old[name].get(key))} → {shown(row.get(key))}"
                lines.append(f"{kind} {name!r}: {key} {change}")
    lines += [f"{kind} {name!r} removed" for name in old if name not in new]
    kept_old = [name for name in old if name in new]
    kept_new = [name for name in new if name in old]
    if kept_old != kept_new:
        lines.append(f"{kind}s reordered: {', '.join(kept_new)}")
    return lines


def _config_diff(kind: str, name: str, before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return [
        f"{kind} {name!r}: config.{key} {shown(before.get(key))} → {shown(after.get(key))}"
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    ]


def config_diff(before: Snapshot | None, after: Snapshot) -> list[str]:
    """What changed from one snapshot to the next, one line per change a person would
    name; a first version lists what it starts with."""
    if before is None:
        fields = [row["name"] for row in after.get("fields", [])]
        actions = [row["name"] for row in after.get("actions", [])]
        return [
            f"first version: {len(fields)} field(s)"
            + (f" ({', '.join(fields)})" if fields else ""),
            f"{len(actions)} action(s)" + (f" ({', '.join(actions)})" if actions else ""),
        ]
    return [
        *_rows_diff("field", before.get("fields", []), after.get("fields", [])),
        *_rows_diff("action", before.get("actions", []), after.get("actions", [])),
    ]


def agent_current_version(*, agent: Agent) -> AgentVersion | None:
    return AgentVersion.objects.filter(agent=agent).order_by("-number").first()


def agent_version_get(*, agent: Agent, number: int) -> AgentVersion | None:
    return AgentVersion.objects.filter(agent=agent, number=number).first()


@dataclass(frozen=True)
class VersionEntry:
    version: AgentVersion
    diff: list[str]
    snapshot: Snapshot
    current: bool

    @property
    def snapshot_json(self) -> str:
        return json.dumps(self.snapshot, indent=2, ensure_ascii=False)


def agent_version_history(*, agent: Agent, for_reader: bool) -> list[VersionEntry]:
    """The agent's versions, newest first, each with what changed since the one before.

    `for_reader` hides what someone who may not change actions may not see."""
    versions = list(AgentVersion.objects.filter(agent=agent).order_by("number"))
    entries = []
    previous: Snapshot | None = None
    for version in versions:
        snapshot = snapshot_for_reader(version.snapshot) if for_reader else version.snapshot
        entries.append(
            VersionEntry(
                version=version,
                diff=config_diff(previous, snapshot),
                snapshot=snapshot,
                current=version is versions[-1],
            )
        )
        previous = snapshot
    return entries[::-1]
