"""Idle workers killed (the OOM killer, an operator): the cluster goes on taking tasks.

django-q2's own workers share one queue whose read lock an idle worker holds while it
waits; killed, it left the lock held and the whole cluster stalled (infra/cluster.py).
Real processes: the scheduler and the cluster on the test's database and broker.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from agents.models import Agent
from calls.models import CallStatus, ExtractionRun, RunStatus
from tests.factories import CallFactory, run_due
from tests.processes import Processes, signal_all, started_workers, wait_for

WORKERS = 2


@pytest.fixture
def processes(worker_id: str, tmp_path: Path) -> Iterator[Processes]:
    started = Processes(
        cluster_name=f"idlekill-{worker_id}-{os.getpid()}",
        log_dir=tmp_path,
        EXTRACTION_BACKEND="offline",
        Q_WORKERS=str(WORKERS),
    )
    yield started
    started.stop_all()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kills", [1, 2])
def test_a_cluster_whose_idle_workers_were_killed_analyses_the_next_call(
    seed_agent: Agent, processes: Processes, kills: int
) -> None:
    cluster = processes.manage("qcluster")
    workers = started_workers(cluster, WORKERS)
    for _ in range(kills):
        signal_all(workers, signal.SIGKILL)
        workers = started_workers(cluster, WORKERS, besides=workers)

    processes.manage("run_scheduler")
    run = run_due(CallFactory(agent=seed_agent))

    assert wait_for(
        lambda: ExtractionRun.objects.get(pk=run.pk).status == RunStatus.SUCCEEDED, 60
    ), "the cluster took no task after its workers were killed"
    run.call.refresh_from_db()
    assert run.call.status == CallStatus.ANALYZED
    assert cluster.poll() is None
