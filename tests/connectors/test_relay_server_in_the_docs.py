"""The Twilio ConversationRelay server of docs/connectors.md, run as printed: Twilio's
signed voice webhook is answered with the relay, and the finished call is posted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from twilio.request_validator import RequestValidator

from agents.api_keys import api_key_create
from calls.models import Call

pytestmark = pytest.mark.django_db(transaction=True)
DOC = Path(__file__).resolve().parents[2] / "docs" / "connectors.md"
AUTH_TOKEN = "twilio-auth-token-for-tests"
VOICE_URL = "https://relay.example.com/voice"


def relay_code() -> dict:
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("**Twilio ConversationRelay**") :]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    namespace: dict = {}
    exec(compile(code, str(DOC), "exec"), namespace)
    return namespace


def test_the_relay_answers_twilio_and_posts_the_finished_call(
    live_server, seed_agent, monkeypatch
) -> None:
    _, key = api_key_create(name="relay", scopes=["runtime"])
    for name, value in {
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "RELAY_WSS_URL": "wss://relay.example.com/relay",
        "POSTCALL_URL": live_server.url,
        "POSTCALL_KEY": key,
    }.items():
        monkeypatch.setenv(name, value)
    relay = relay_code()
    form = {"CallSid": "CA5f0e", "From": "+905321234567", "To": "+908501234567"}
    signature = RequestValidator(AUTH_TOKEN).compute_signature(VOICE_URL, form)

    twiml = relay["answer_call"](VOICE_URL, form, signature)
    with pytest.raises(PermissionError):
        relay["answer_call"](VOICE_URL, {**form, "From": "+15550000000"}, signature)

    transcript = relay["RelayTranscript"](
        {"type": "setup", "callSid": "CA5f0e", "from": form["From"], "to": form["To"],
         "direction": "inbound"}
    )  # fmt: skip
    transcript.said("Hello, this is Ada from Solaris. Who am I speaking with?")
    transcript.heard({"type": "prompt", "voicePrompt": "My name is Maria Gonzalez.", "last": True})
    response = transcript.post()

    assert '<ConversationRelay url="wss://relay.example.com/relay"' in twiml
    assert response.status_code == 201
    call = Call.objects.get(external_id="CA5f0e")
    assert (call.from_number, call.to_number) == ("+905321234567", "+908501234567")
    assert [turn["role"] for turn in call.transcript] == ["agent", "user"]
    assert call.latest_run.values["customer_name"] == "Maria Gonzalez"
