"""One module per voice platform: its signature check, its events and its call mapping."""

from __future__ import annotations

from connectors.platforms.base import PlatformAdapter
from connectors.platforms.bland import Bland
from connectors.platforms.elevenlabs import ElevenLabs
from connectors.platforms.retell import Retell
from connectors.platforms.synthflow import Synthflow
from connectors.platforms.vapi import Vapi

PLATFORMS: dict[str, PlatformAdapter] = {
    adapter.slug: adapter for adapter in (Retell(), Vapi(), ElevenLabs(), Bland(), Synthflow())
}


def platform(slug: str) -> PlatformAdapter:
    return PLATFORMS[slug]
