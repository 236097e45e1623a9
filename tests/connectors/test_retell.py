"""Retell's `call_ended` and `call_analyzed`, signed with the API key, through the endpoint."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from calls.models import Call, CallStatus, ExtractionRun
from connectors.models import Delivery, Verdict
from tests.connectors import payloads
from tests.connectors.conftest import SECRET, STARTED
from tests.connectors.peers import encoded, retell_body, retell_headers

pytestmark = pytest.mark.django_db
NOW = STARTED + timedelta(minutes=5)
QUESTION = "Merhaba, ben Ayşe. Adınız nedir?"  # noqa: RUF001 (Turkish dotless i)
ANSWER = "Benim adım Gönül Çelik — 日本語も話せます。"  # noqa: RUF001


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def connection(connect):
    return connect("retell")


def send(deliver, connection, document, *, key=SECRET, at=NOW, typed=True):
    body = encoded(retell_body(document) if typed else document)
    return deliver(connection, body, retell_headers(body, key, at))


def test_a_finished_call_becomes_one_analysed_call(deliver, connection) -> None:
    response = send(deliver, connection, payloads.retell())

    assert response.status_code == 200
    assert response.json()["verdict"] == "created"
    call = Call.objects.get()
    assert call.external_id == "call_retell_1"
    assert (call.started_at, call.ended_at) == (STARTED, STARTED + payloads.LENGTH)
    assert (call.direction, call.from_number, call.to_number) == (
        "inbound",
        "+905321234567",
        "+908501234567",
    )
    assert call.timezone == "Europe/Istanbul"  # Retell sends none: the agent's
    assert call.transcript == [
        {"role": "agent", "text": payloads.AGENT_LINE, "offset": 0.52},
        {"role": "user", "text": payloads.CUSTOMER_LINE, "offset": 4.25},
    ]
    assert call.status == CallStatus.ANALYZED
    assert call.latest_run.values["customer_name"] == "Maria Gonzalez"
    assert call.metadata["platform_variables"]["callback_day"] == "Tuesday"
    assert call.metadata["platform_details"]["disconnection_reason"] == "user_hangup"


def test_call_analyzed_adds_retells_analysis_to_the_same_call_without_a_second_run(
    deliver, connection
) -> None:
    send(deliver, connection, payloads.retell("call_ended"))
    response = send(deliver, connection, payloads.retell("call_analyzed"))

    assert response.json()["verdict"] == Verdict.ADDED
    call = Call.objects.get()
    assert call.metadata["platform_analysis"]["user_sentiment"] == "Positive"
    assert ExtractionRun.objects.filter(call=call).count() == 1


def test_a_retried_event_is_answered_2xx_and_stores_nothing_new(deliver, connection) -> None:
    first = send(deliver, connection, payloads.retell("call_analyzed"))
    again = send(deliver, connection, payloads.retell("call_analyzed"))

    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json()["verdict"] == Verdict.DUPLICATE
    assert again.json()["call"] == first.json()["call"]
    assert Call.objects.count() == 1
    assert ExtractionRun.objects.count() == 1


def test_event_type_is_read_where_one_doc_page_puts_it(deliver, connection) -> None:
    document = payloads.retell()
    document["event_type"] = document.pop("event")

    assert send(deliver, connection, document).json()["verdict"] == "created"


def test_the_published_vector_verifies(connect, deliver) -> None:
    """PLATFORMS.md: key test-api-key, body {"event":"call_ended"}, v 1700000000000."""
    connection = connect("retell", secret="test-api-key")
    signature = "v=1700000000000,d=07024cabe7dd8f6d1c6e4a8324ca92c812e6ad4a7ee506c04f7e462e3321823e"
    moment = datetime.fromtimestamp(1_700_000_000, UTC)
    with time_machine.travel(moment, tick=False):
        response = deliver(connection, b'{"event":"call_ended"}', {"X-Retell-Signature": signature})

    # Verified: the body reached the mapping, which names what a finished call lacks.
    assert response.status_code == 400
    assert response.json()["error"]["details"] == {"call": "is missing"}


def test_a_wrong_key_is_a_401_with_a_reason_and_nothing_stored(deliver, connection) -> None:
    response = send(deliver, connection, payloads.retell(), key="another-key")

    assert response.status_code == 401
    assert "does not match this connection's API key" in response.json()["error"]["message"]
    assert not Delivery.objects.exists() and not Call.objects.exists()


def test_a_missing_signature_is_a_401(deliver, connection) -> None:
    response = deliver(connection, encoded(payloads.retell()), {})

    assert response.status_code == 401
    assert "no X-Retell-Signature header" in response.json()["error"]["message"]


def test_a_signature_more_than_five_minutes_old_is_refused(deliver, connection) -> None:
    response = send(deliver, connection, payloads.retell(), at=NOW - timedelta(minutes=6))

    assert response.status_code == 401
    assert "away from our clock" in response.json()["error"]["message"]
    assert not Call.objects.exists()


def test_accented_and_non_latin_transcripts_verify_on_their_raw_bytes(deliver, connection) -> None:
    document = payloads.retell(
        transcript_object=[
            {"role": "agent", "content": QUESTION, "words": []},
            {"role": "user", "content": ANSWER, "words": []},
        ]
    )
    response = send(deliver, connection, document)

    assert response.status_code == 200
    assert Call.objects.get().transcript[1]["text"] == ANSWER


def test_a_body_re_encoded_after_signing_is_refused(deliver, connection) -> None:
    document = payloads.retell(
        transcript_object=[{"role": "user", "content": "Gönül", "words": []}]
    )
    signed = encoded(document)
    re_encoded = encoded(document, ascii_only=True)  # "G\u00f6n\u00fcl": other bytes

    response = deliver(connection, re_encoded, retell_headers(signed, SECRET, NOW))

    assert response.status_code == 401


def test_events_that_are_not_a_finished_call_are_recorded_as_ignored(deliver, connection) -> None:
    response = send(deliver, connection, payloads.retell("call_started"))

    assert response.status_code == 200
    delivery = Delivery.objects.get()
    assert (delivery.event, delivery.verdict) == ("call_started", Verdict.IGNORED)
    assert delivery.platform_call_id == "call_retell_1"
    assert not Call.objects.exists()


def test_an_unanswered_call_is_stored_without_transcript_and_not_analysed(
    deliver, connection
) -> None:
    document = payloads.retell(
        disconnection_reason="dial_no_answer", transcript="", transcript_object=[]
    )
    response = send(deliver, connection, document)

    assert response.json()["verdict"] == "created"
    call = Call.objects.get()
    assert call.status == CallStatus.NO_TRANSCRIPT
    assert not ExtractionRun.objects.exists()


def test_a_malformed_call_is_a_400_naming_the_field_and_its_body_is_kept(
    deliver, connection
) -> None:
    document = payloads.retell()
    del document["call"]["start_timestamp"]
    document["call"]["transcript_object"][0]["role"] = "narrator"

    response = send(deliver, connection, document, typed=False)

    assert response.status_code == 400
    assert response.json()["error"]["details"] == {
        "call.start_timestamp": "is missing",
        "call.transcript_object[0].role": "'narrator' is not agent, user or transfer_target",
    }
    delivery = Delivery.objects.get()
    assert delivery.verdict == Verdict.INVALID
    assert bytes(delivery.body) == encoded(document)
