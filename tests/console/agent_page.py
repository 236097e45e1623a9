"""What the agent change page posts, row by row, for the go-live trial tests."""

from __future__ import annotations

import json
from typing import Any

from agents.models import Agent


def inline_rows(prefix: str, rows: list[dict[str, Any]]) -> dict[str, str]:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(sum(1 for row in rows if row.get("id"))),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            if value is False or value is None:
                continue
            data[f"{prefix}-{index}-{key}"] = "on" if value is True else str(value)
    return data


def field_rows(agent: Agent) -> list[dict[str, Any]]:
    return [
        {
            "id": field.pk,
            "agent": agent.pk,
            "name": field.name,
            "type": field.type,
            "description": field.description,
            "choices": ", ".join(field.choices),
            "format": field.format,
            "required": field.required,
            "item_type": field.item_type,
            "min_items": field.min_items,
            "max_items": field.max_items,
            "extractor": field.extractor,
            "position": field.position,
        }
        for field in agent.fields.all()
    ]


def action_rows(agent: Agent) -> list[dict[str, Any]]:
    return [
        {
            "id": action.pk,
            "agent": agent.pk,
            "name": action.name,
            "type": action.type,
            "condition": json.dumps(action.condition) if action.condition else "",
            "config": json.dumps(action.config),
            "enabled": action.enabled,
            "position": action.position,
        }
        for action in agent.actions.all()
    ]


def page_data(
    agent: Agent,
    *,
    fields: list[dict[str, Any]] | None = None,
    actions: list[dict[str, Any]] | None = None,
    **trial: str,
) -> dict[str, Any]:
    """What the agent page posts: the change form as it stands plus the test's inputs."""
    return {
        "name": agent.name,
        "slug": agent.slug,
        "description": agent.description,
        "timezone": agent.timezone,
        "extraction_model": agent.extraction_model,
        "follow_up_time": agent.follow_up_time.strftime("%H:%M"),
        "calling_days": [str(day) for day in agent.calling_days],
        "calling_hours_zone": agent.calling_hours_zone,
        "is_active": "on",
        "cancel_follow_up_on_inbound": "on",
        **inline_rows("fields", field_rows(agent) if fields is None else fields),
        **inline_rows("actions", action_rows(agent) if actions is None else actions),
        **{f"trial-{key}": value for key, value in trial.items()},
    }
