"""Bland's post-call webhook: the call object itself, signed over the raw body."""

from __future__ import annotations

from datetime import timedelta

import pytest

from calls.models import Call, CallStatus, ExtractionRun
from connectors.models import Delivery, Verdict
from tests.connectors import payloads
from tests.connectors.conftest import SECRET, STARTED
from tests.connectors.peers import bland_headers, encoded

pytestmark = pytest.mark.django_db


@pytest.fixture
def connection(connect):
    return connect("bland")


def send(deliver, connection, document, *, secret=SECRET):
    body = encoded(document)
    return deliver(connection, body, bland_headers(body, secret))


def test_a_finished_call_is_mapped_as_a_person_would_read_it(deliver, connection) -> None:
    response = send(deliver, connection, payloads.bland())

    assert response.status_code == 200
    call = Call.objects.get()
    # Outbound: Bland's `from` is the agent's number; `to` came without its country code.
    assert (call.direction, call.from_number, call.to_number) == (
        "outbound",
        "+14155550134",
        "+14155550100",
    )
    # The end is the start plus corrected_duration, not Bland's end_at (the cut-off).
    assert (call.started_at, call.ended_at) == (STARTED, STARTED + payloads.LENGTH)
    assert call.timezone == "America/Los_Angeles"
    # The agent action is not a turn; offsets come from each line's created_at.
    assert call.transcript == [
        {"role": "agent", "text": payloads.AGENT_LINE, "offset": 0.8},
        {"role": "user", "text": payloads.CUSTOMER_LINE, "offset": 4.4},
    ]
    assert call.status == CallStatus.ANALYZED
    assert call.metadata["platform_analysis"]["summary"].startswith("The customer asked")


def test_retries_with_no_timestamp_are_recognised_by_call_id(deliver, connection) -> None:
    responses = [send(deliver, connection, payloads.bland()) for _ in range(3)]

    assert [r.status_code for r in responses] == [200, 200, 200]
    assert [r.json()["verdict"] for r in responses] == ["created", "duplicate", "duplicate"]
    assert Call.objects.count() == 1 and ExtractionRun.objects.count() == 1


def test_a_voicemail_with_no_transcript_is_stored_and_not_analysed(deliver, connection) -> None:
    document = payloads.bland(
        answered_by="voicemail", transcripts=[], concatenated_transcript="", corrected_duration="0"
    )

    send(deliver, connection, document)

    call = Call.objects.get()
    assert call.status == CallStatus.NO_TRANSCRIPT
    assert call.ended_at == STARTED + timedelta(0)


def test_live_events_are_ignored(deliver, connection) -> None:
    send(deliver, connection, {"call_id": "bland-call-1", "category": "queue", "message": "…"})

    assert Delivery.objects.get().verdict == Verdict.IGNORED
    assert not Call.objects.exists()


def test_a_signature_of_other_bytes_is_refused(deliver, connection) -> None:
    body = encoded(payloads.bland())

    response = deliver(connection, body, bland_headers(body + b" ", SECRET))

    assert response.status_code == 401


def test_a_start_that_is_not_a_date_is_a_400(deliver, connection) -> None:
    response = send(deliver, connection, payloads.bland(started_at="yesterday"))

    assert response.status_code == 400
    assert response.json()["error"]["details"] == {
        "started_at": "'yesterday' is not an ISO 8601 date and time"
    }
