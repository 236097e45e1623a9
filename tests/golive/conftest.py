from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine

from agents.models import Agent

# A call from tests/data/eval_calls.jsonl (c01), as ops paste it.
SEED_TRANSCRIPT = """Agent: Hello, this is Ada from Solaris Energy. Who am I speaking with?
User: Hi, my name is Maria Gonzalez.
Agent: Thanks Maria. Are you still interested in rooftop solar for your house?
User: Yes, very much. We want to get it installed before summer.
Agent: Great. Shall we call you back to book a site survey?
User: Yes please, call me next Tuesday.
Agent: What's the best number to reach you?
User: My cell is oh five three two, one two three, four five six seven.
Agent: Perfect, we'll call you next Tuesday. Have a nice day!"""
NOT_INTERESTED = """Agent: Hello, this is Ada from Solaris Energy. May I have your name?
User: It's Kemal Yilmaz.
Agent: Thanks Kemal. Would you like to hear about our solar offers?
User: No thanks, I'm not interested. Please don't call me again."""
# Tuesday 2026-03-10 14:05 in Istanbul, a few minutes after the call.
CALL_START_LOCAL = "2026-03-10T14:05"
NOW = datetime(2026, 3, 10, 11, 10, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_now() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


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
) -> dict[str, str]:
    """What the agent page posts: the change form as it stands plus the test's inputs."""
    return {
        "name": agent.name,
        "slug": agent.slug,
        "description": agent.description,
        "timezone": agent.timezone,
        "extraction_model": agent.extraction_model,
        "follow_up_time": agent.follow_up_time.strftime("%H:%M"),
        "calling_days": json.dumps(agent.calling_days),
        "calling_hours_zone": agent.calling_hours_zone,
        "is_active": "on",
        "cancel_follow_up_on_inbound": "on",
        **inline_rows("fields", field_rows(agent) if fields is None else fields),
        **inline_rows("actions", action_rows(agent) if actions is None else actions),
        **{f"trial-{key}": value for key, value in trial.items()},
    }
