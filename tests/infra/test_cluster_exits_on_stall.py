"""With Q_EXIT_ON_STALL, a cluster whose workers take no task while tasks wait exits with
status 3, for its supervisor to start it again; without it, it keeps running.

Real processes: the scheduler and the cluster on the test's database and broker; the
cluster's workers are stopped with SIGSTOP, as workers hung on something would be.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from agents.models import Agent
from calls.models import ExtractionRun, RunStatus
from infra.cluster import STALL_EXIT_CODE
from tests.factories import CallFactory, run_due
from tests.processes import Processes, cluster_workers, signal_all, started_workers, wait_for


@pytest.fixture
def processes(worker_id: str, tmp_path: Path) -> Iterator[Processes]:
    started = Processes(
        cluster_name=f"stallexit-{worker_id}-{os.getpid()}",
        log_dir=tmp_path,
        EXTRACTION_BACKEND="offline",
        Q_STALL_SECONDS="2",
        Q_EXIT_ON_STALL="true",
    )
    yield started
    started.stop_all()


def exit_status(process: subprocess.Popen, seconds: float) -> int | None:
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return None


@pytest.mark.django_db(transaction=True)
def test_a_stalled_cluster_exits_with_status_3_leaving_no_worker_behind(
    seed_agent: Agent, processes: Processes
) -> None:
    cluster = processes.manage("qcluster")
    workers = started_workers(cluster, 1)
    signal_all(workers, signal.SIGSTOP)
    processes.manage("run_scheduler")
    run = run_due(CallFactory(agent=seed_agent))

    assert exit_status(cluster, 90) == STALL_EXIT_CODE
    assert not cluster_workers(cluster)
    assert all(not Path(f"/proc/{pid}").exists() for pid in workers)

    processes.manage("qcluster")
    assert wait_for(
        lambda: ExtractionRun.objects.get(pk=run.pk).status == RunStatus.SUCCEEDED, 60
    ), "the cluster started again did not take the run"


@pytest.mark.django_db(transaction=True)
def test_an_idle_cluster_with_nothing_waiting_keeps_running(processes: Processes) -> None:
    cluster = processes.manage("qcluster")
    started_workers(cluster, 1)

    assert exit_status(cluster, 15) is None
