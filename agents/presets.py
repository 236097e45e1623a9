"""The field presets an agent page offers: those whose name the agent does not use yet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agents.models import Agent
from extraction.presets import LABELS, PRESETS


@dataclass(frozen=True)
class PresetOffer:
    name: str
    label: str
    row: dict[str, Any]  # the field row's inputs, as the agent page names them


def agent_preset_offers(*, agent: Agent | None) -> list[PresetOffer]:
    taken = set(agent.fields.values_list("name", flat=True)) if agent and agent.pk else set()
    return [
        PresetOffer(
            name=spec.name,
            label=LABELS[spec.name],
            row={
                "name": spec.name,
                "type": spec.type,
                "description": spec.description,
                "choices": ", ".join(spec.choices),
                "format": spec.format,
                "required": spec.required,
            },
        )
        for spec in PRESETS.values()
        if spec.name not in taken
    ]
