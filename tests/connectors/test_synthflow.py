"""Synthflow's post-call webhook, whose signature covers the call id."""

from __future__ import annotations

import pytest

from calls.models import Call, CallStatus
from tests.connectors import payloads
from tests.connectors.conftest import SECRET, STARTED
from tests.connectors.peers import encoded, synthflow_headers

pytestmark = pytest.mark.django_db
CALL_ID = "1711646262471x768387119913843100"


@pytest.fixture
def connection(connect):
    return connect("synthflow")


def test_a_completed_call_becomes_an_analysed_call_in_its_own_time_zone(
    deliver, connection
) -> None:
    response = deliver(
        connection, encoded(payloads.synthflow()), synthflow_headers(CALL_ID, SECRET)
    )

    assert response.status_code == 200
    call = Call.objects.get()
    assert call.external_id == CALL_ID
    assert call.started_at == STARTED.replace(microsecond=205134)
    assert call.timezone == "Europe/Berlin"
    assert (call.direction, call.to_number) == ("outbound", "+4915112345678")
    assert call.transcript == [
        {"role": "agent", "text": payloads.AGENT_LINE},
        {"role": "user", "text": payloads.CUSTOMER_LINE},
    ]
    assert call.status == CallStatus.ANALYZED
    assert "extract_info_1" in call.metadata["platform_analysis"]["executed_actions"]


def test_the_header_as_django_names_it_is_accepted_too(deliver, connection) -> None:
    headers = {
        "HTTP-Synthflow-Signature": synthflow_headers(CALL_ID, SECRET)["Synthflow-Signature"]
    }

    assert deliver(connection, encoded(payloads.synthflow()), headers).status_code == 200


def test_a_signature_of_another_call_id_is_refused(deliver, connection) -> None:
    response = deliver(
        connection, encoded(payloads.synthflow()), synthflow_headers("another-call", SECRET)
    )

    assert response.status_code == 401
    assert not Call.objects.exists()


def test_an_unanswered_call_is_stored_without_transcript(deliver, connection) -> None:
    document = payloads.synthflow(status="no-answer", transcript="", duration=0)

    deliver(connection, encoded(document), synthflow_headers(CALL_ID, SECRET))

    assert Call.objects.get().status == CallStatus.NO_TRANSCRIPT
