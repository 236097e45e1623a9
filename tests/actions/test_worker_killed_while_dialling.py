"""A worker killed while a dialer holds its request: the customer's phone rings once.

Real processes: the scheduler and a django-q2 cluster run as subprocesses on the test's
database (and broker); the dialer is a slow server on 127.0.0.1 that records what it
receives. The cluster is killed with SIGKILL once the dialer has the request and before
it answers; a fresh cluster is started, and the scheduler takes the row again once its
lease has expired.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from actions.models import FollowUp, FollowUpStatus
from tests.factories import FollowUpFactory
from tests.fakes.http import Reply, Server, serving
from tests.processes import Processes, wait_for

LEASE_SECONDS = 2
HANG_SECONDS = 120


@pytest.fixture
def dialer() -> Iterator[Server]:
    """Holds the first request without answering, as a dialer that is slow to reply."""
    with serving() as server:
        server.then(Reply(delay=HANG_SECONDS))
        yield server


def processes_for(dialer_env: dict[str, str], worker_id: str, tmp_path: Path) -> Processes:
    return Processes(
        cluster_name=f"dialkill-{worker_id}-{os.getpid()}",
        log_dir=tmp_path,
        OUTBOUND_ALLOWED_NETWORKS="127.0.0.0/8",
        FOLLOW_UP_LEASE_SECONDS=str(LEASE_SECONDS),
        FOLLOW_UP_DIALER_CONNECT_TIMEOUT_SECONDS="1",
        FOLLOW_UP_DIALER_TIMEOUT_SECONDS="5",
        Q_TASK_TIMEOUT="30",
        **dialer_env,
    )


def kill_once_the_dialer_has_the_request(processes: Processes, dialer: Server) -> None:
    processes.manage("run_scheduler")
    cluster = processes.manage("qcluster")
    assert wait_for(lambda: len(dialer.received) == 1, 60), "the row was never dialled"
    processes.kill(cluster)
    processes.manage("qcluster")


@pytest.mark.django_db(transaction=True)
def test_a_row_handed_again_to_the_http_dialer_carries_the_same_idempotency_key(
    dialer: Server, worker_id: str, tmp_path: Path
) -> None:
    dialer.default = Reply(201, {"id": "dial-1"})
    followup = FollowUpFactory(due_at=timezone.now() - timedelta(seconds=1))
    processes = processes_for(
        {"FOLLOW_UP_DIALER": "http", "FOLLOW_UP_DIALER_URL": f"{dialer.url}/calls"},
        worker_id,
        tmp_path,
    )
    try:
        kill_once_the_dialer_has_the_request(processes, dialer)
        assert wait_for(
            lambda: FollowUp.objects.get(pk=followup.pk).dialer_reference == "dial-1", 60
        ), "the row was never handed to the dialer again"
        time.sleep(LEASE_SECONDS + 2)  # long enough for one more hand-off, if there were one
    finally:
        processes.stop_all()

    keys = {request.headers["idempotency-key"] for request in dialer.received}
    assert len(dialer.received) == 2
    assert keys == {f"postcall-follow-up-{followup.pk}-attempt-1"}
    followup.refresh_from_db()
    assert followup.status == FollowUpStatus.DIALING
    assert followup.history[-1]["reason"] == (
        f"handed again to the http dialer with the same key "
        f"postcall-follow-up-{followup.pk}-attempt-1 (attempt 2): "
        "the last hand-off was never answered"
    )


@pytest.mark.django_db(transaction=True)
def test_a_row_twilio_may_have_dialled_is_not_dialled_again(
    dialer: Server, worker_id: str, tmp_path: Path
) -> None:
    dialer.default = Reply(201, {"sid": "CA-second"})
    followup = FollowUpFactory(due_at=timezone.now() - timedelta(seconds=1))
    processes = processes_for(
        {
            "FOLLOW_UP_DIALER": "twilio",
            "TWILIO_API_BASE_URL": dialer.url,
            "TWILIO_ACCOUNT_SID": "AC1",
            "TWILIO_AUTH_TOKEN": "tok",
            "TWILIO_CALL_WEBHOOK_URL": "https://voice.example.com/twiml",
        },
        worker_id,
        tmp_path,
    )
    try:
        kill_once_the_dialer_has_the_request(processes, dialer)
        assert wait_for(
            lambda: FollowUp.objects.get(pk=followup.pk).status == FollowUpStatus.FAILED, 60
        ), "the follow-up never reached a final state"
        time.sleep(LEASE_SECONDS + 2)  # long enough for one more hand-off, if there were one
    finally:
        processes.stop_all()

    assert len(dialer.received) == 1
    followup.refresh_from_db()
    assert followup.dialer_reference == ""
    assert followup.history[-1]["reason"] == (
        "the call may already have been placed by the twilio dialer "
        f"(hand-off postcall-follow-up-{followup.pk}-attempt-1 was never answered); "
        "not dialled again: the twilio dialer cannot recognise a repeated request"
    )
