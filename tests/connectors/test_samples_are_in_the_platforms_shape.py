"""What "Send a sample" builds is what the platform's own package accepts, signed as its
verifier checks it."""

from __future__ import annotations

import json

from django.utils import timezone
from elevenlabs.client import ElevenLabs
from retell.lib.webhook_auth import verify as retell_verify

from connectors.platforms import PLATFORMS
from tests.connectors.peers import elevenlabs_body, retell_body, vapi_body


def sample(slug: str) -> tuple[dict, bytes, dict[str, str]]:
    now = timezone.now()
    document = PLATFORMS[slug].sample(call_id="sample-1", now=now)
    body = json.dumps(document, ensure_ascii=False).encode()
    headers = PLATFORMS[slug].sign(body=body, secret="k3y", options={}, url="", now=now)
    return document, body, headers


def test_a_retell_sample_is_a_retell_call_signed_as_retell_sdk_verifies() -> None:
    document, body, headers = sample("retell")

    retell_body(document)
    assert retell_verify(body.decode(), "k3y", headers["X-Retell-Signature"])


def test_an_elevenlabs_sample_is_a_conversation_signed_as_the_sdk_verifies() -> None:
    document, body, headers = sample("elevenlabs")

    elevenlabs_body(document)
    event = ElevenLabs(api_key="unused").webhooks.construct_event(
        body.decode(), headers["ElevenLabs-Signature"], "k3y"
    )
    assert event["data"]["conversation_id"] == "sample-1"


def test_a_vapi_sample_is_an_end_of_call_report_by_vapis_types() -> None:
    document, _, headers = sample("vapi")

    vapi_body(document)
    assert set(headers) == {"x-signature", "x-timestamp"}
