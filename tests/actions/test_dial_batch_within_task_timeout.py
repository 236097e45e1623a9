"""A batch of dials that would outlive its task's timeout stops in time: the rows it
could not reach are dialled later by another task, and every row is dialled once.

Real processes: the scheduler and a django-q2 cluster run as subprocesses on the test's
database (and broker), with a task timeout shorter than ten dials to a slow dialer on
127.0.0.1. A batch cut by that timeout would leave a dial in flight, which its row's
next hand-off would repeat.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from actions.followup_dispatch import DIAL_BATCH_SIZE
from actions.models import FollowUp, FollowUpStatus
from tests.factories import AgentFactory, FollowUpFactory
from tests.fakes.http import Reply, Server, serving
from tests.processes import Processes, wait_for

LEASE_SECONDS = 2
TASK_TIMEOUT_SECONDS = 8
DIAL_SECONDS = 1.5  # ten of them take about twice the task timeout


@pytest.fixture
def dialer() -> Iterator[Server]:
    with serving(lambda request: Reply(201, {"id": f"dial-{request.json()['follow_up_id']}"},
                                       delay=DIAL_SECONDS)) as server:  # fmt: skip
        yield server


@pytest.fixture
def processes(dialer: Server, worker_id: str, tmp_path: Path) -> Iterator[Processes]:
    started = Processes(
        cluster_name=f"dialbatch-{worker_id}-{os.getpid()}",
        log_dir=tmp_path,
        OUTBOUND_ALLOWED_NETWORKS="127.0.0.0/8",
        FOLLOW_UP_DIALER="http",
        FOLLOW_UP_DIALER_URL=f"{dialer.url}/calls",
        FOLLOW_UP_LEASE_SECONDS=str(LEASE_SECONDS),
        FOLLOW_UP_DIALER_CONNECT_TIMEOUT_SECONDS="0.5",
        FOLLOW_UP_DIALER_TIMEOUT_SECONDS="2",
        Q_TASK_TIMEOUT=str(TASK_TIMEOUT_SECONDS),
    )
    yield started
    started.stop_all()


@pytest.mark.django_db(transaction=True)
def test_a_batch_stops_before_its_task_timeout_and_each_row_is_dialled_once(
    dialer: Server, processes: Processes
) -> None:
    agent = AgentFactory()
    due_at = timezone.now() - timedelta(seconds=1)
    rows = FollowUpFactory.create_batch(DIAL_BATCH_SIZE, agent=agent, due_at=due_at)

    processes.manage("run_scheduler")
    processes.manage("qcluster")
    assert wait_for(lambda: not FollowUp.objects.filter(dialer_reference="").exists(), 120), (
        "some rows were never dialled"
    )
    time.sleep(LEASE_SECONDS + DIAL_SECONDS + 2)  # long enough for a repeated dial

    dialled = Counter(request.json()["follow_up_id"] for request in dialer.received)
    assert dialled == Counter({row.pk: 1 for row in rows})
    assert set(FollowUp.objects.values_list("status", "attempts")) == {(FollowUpStatus.DIALING, 1)}
