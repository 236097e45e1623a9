"""The endpoint stores the call and queues its analysis; it never waits for extraction."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django_q.conf import Conf

from calls.models import Call, CallStatus, RunStatus
from infra.queue import broker
from tests.connectors import payloads
from tests.connectors.conftest import SECRET
from tests.connectors.peers import bland_headers, encoded

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_queue(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tasks go to the broker, as in production, instead of running inline."""
    monkeypatch.setattr(Conf, "SYNC", False)
    broker().purge_queue()
    yield
    broker().purge_queue()


def test_the_answer_comes_before_the_analysis(real_queue: None, connect, deliver) -> None:
    connection = connect("bland")
    body = encoded(payloads.bland())

    response = deliver(connection, body, bland_headers(body, SECRET))

    assert response.status_code == 200
    call = Call.objects.get()
    assert call.status == CallStatus.ANALYZING
    assert call.runs.get().status == RunStatus.QUEUED
    # The analysis, nothing else: Bland's call is outbound, and the agent has no
    # transfer_call action, so its arrival has nothing to do. Nothing ran yet.
    assert broker().queue_size() == 1
