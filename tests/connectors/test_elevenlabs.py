"""ElevenLabs' post-call transcription webhook, as its SDK verifies it."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from calls.models import Call, CallStatus
from connectors.models import Delivery, Verdict
from tests.connectors import payloads
from tests.connectors.conftest import SECRET, STARTED
from tests.connectors.peers import elevenlabs_body, elevenlabs_headers, encoded

pytestmark = pytest.mark.django_db
NOW = STARTED + timedelta(minutes=5)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def connection(connect):
    return connect("elevenlabs")


def send(deliver, connection, document, *, at=NOW):
    body = encoded(elevenlabs_body(document))
    return deliver(connection, body, elevenlabs_headers(body, SECRET, at))


def test_a_post_call_transcription_becomes_an_analysed_call(deliver, connection) -> None:
    response = send(deliver, connection, payloads.elevenlabs())

    assert response.status_code == 200
    call = Call.objects.get()
    assert call.external_id == "conv_11_1"
    # The end is the start plus the duration: ElevenLabs sends no end time.
    assert (call.started_at, call.ended_at) == (STARTED, STARTED + payloads.LENGTH)
    assert (call.direction, call.from_number, call.to_number) == (
        "inbound",
        "+905321234567",
        "+908501234567",
    )
    # The turn that only called a tool is not speech.
    assert call.transcript == [
        {"role": "agent", "text": payloads.AGENT_LINE, "offset": 0.0},
        {"role": "user", "text": payloads.CUSTOMER_LINE, "offset": 4.0},
    ]
    assert call.status == CallStatus.ANALYZED
    assert call.metadata["platform_analysis"]["call_successful"] == "success"
    assert call.metadata["platform_variables"] == {"customer_name": "Maria"}


def test_the_calls_own_time_zone_is_kept_when_elevenlabs_sends_one(deliver, connection) -> None:
    document = payloads.elevenlabs()
    document["data"]["metadata"]["timezone"] = "America/Chicago"

    send(deliver, connection, document)

    assert Call.objects.get().timezone == "America/Chicago"


def test_a_signature_within_the_sdks_30_minutes_passes_and_one_beyond_fails(
    deliver, connection
) -> None:
    within = send(deliver, connection, payloads.elevenlabs(), at=NOW - timedelta(minutes=29))
    beyond = send(
        deliver, connection, payloads.elevenlabs(call_id="c2"), at=NOW - timedelta(minutes=31)
    )

    assert (within.status_code, beyond.status_code) == (200, 401)


def test_a_non_latin_transcript_verifies(deliver, connection) -> None:
    document = payloads.elevenlabs(
        transcript=[
            {"role": "agent", "message": "Здравствуйте! Как вас зовут?", "time_in_call_secs": 0},
            {"role": "user", "message": "Меня зовут Ольга. 电话是 0532", "time_in_call_secs": 3},
        ]
    )

    assert send(deliver, connection, document).status_code == 200
    assert Call.objects.get().transcript[1]["text"] == "Меня зовут Ольга. 电话是 0532"


def test_audio_and_failed_initiations_are_ignored(deliver, connection) -> None:
    for kind in ("post_call_audio", "call_initiation_failure"):
        assert send(deliver, connection, payloads.elevenlabs(kind)).status_code == 200

    assert list(Delivery.objects.values_list("verdict", flat=True)) == [Verdict.IGNORED] * 2
    assert not Call.objects.exists()


def test_a_wrong_secret_is_refused(deliver, connection) -> None:
    body = encoded(payloads.elevenlabs())

    response = deliver(connection, body, elevenlabs_headers(body, "other-secret", NOW))

    assert response.status_code == 401
    assert not Delivery.objects.exists()


def test_a_transcription_without_metadata_is_a_400(deliver, connection) -> None:
    document = payloads.elevenlabs()
    del document["data"]["metadata"]
    body = encoded(document)

    response = deliver(connection, body, elevenlabs_headers(body, SECRET, NOW))

    assert response.status_code == 400
    assert response.json()["error"]["details"] == {
        "data.metadata.start_time_unix_secs": "is missing"
    }
