"""SIGTERM stops a cluster whatever its workers do: idle workers that do not notice the
stop (hung, here stopped with SIGSTOP) are killed, and the cluster exits.

Real processes: the cluster on the test's database and broker.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.processes import Processes, signal_all, started_workers

WORKERS = 2


@pytest.fixture
def processes(worker_id: str, tmp_path: Path) -> Iterator[Processes]:
    started = Processes(
        cluster_name=f"sigterm-{worker_id}-{os.getpid()}",
        log_dir=tmp_path,
        Q_WORKERS=str(WORKERS),
    )
    yield started
    started.stop_all()


@pytest.mark.django_db(transaction=True)
def test_sigterm_stops_a_cluster_whose_workers_are_stuck(processes: Processes) -> None:
    cluster = processes.manage("qcluster")
    workers = started_workers(cluster, WORKERS)
    signal_all(workers, signal.SIGSTOP)

    cluster.send_signal(signal.SIGTERM)

    assert cluster.wait(timeout=60) == 0
    assert all(not Path(f"/proc/{pid}").exists() for pid in workers)
