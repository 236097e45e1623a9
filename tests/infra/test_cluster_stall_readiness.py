"""/readyz goes red while tasks wait and no worker takes them, and green again once a
restarted cluster takes them.

Real processes: the web process (`runserver`), the scheduler and the cluster on the
test's database and broker; the cluster's workers are stopped with SIGSTOP, as workers
hung on something outside them would be.
"""

from __future__ import annotations

import json
import os
import signal
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from agents.models import Agent
from calls.models import ExtractionRun, RunStatus
from tests.factories import CallFactory, run_due
from tests.processes import ROOT, Processes, signal_all, started_workers, wait_for


@pytest.fixture
def processes(worker_id: str, tmp_path: Path) -> Iterator[Processes]:
    started = Processes(
        cluster_name=f"stall-{worker_id}-{os.getpid()}",
        log_dir=tmp_path,
        EXTRACTION_BACKEND="offline",
        Q_STALL_SECONDS="2",
    )
    yield started
    started.stop_all()


def readiness(port: int) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)
    except OSError:
        return 0, {}


@pytest.mark.django_db(transaction=True)
def test_readyz_is_red_while_the_cluster_is_stalled_and_green_after_a_restart(
    seed_agent: Agent, processes: Processes, closed_port: int
) -> None:
    processes.run(str(ROOT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{closed_port}")
    cluster = processes.manage("qcluster")
    signal_all(started_workers(cluster, 1), signal.SIGSTOP)
    assert wait_for(lambda: readiness(closed_port)[0] == 200, 60), "the site never became ready"

    processes.manage("run_scheduler")
    run = run_due(CallFactory(agent=seed_agent))

    assert wait_for(lambda: readiness(closed_port)[0] == 503, 60), "/readyz stayed green"
    cluster_check = readiness(closed_port)[1]["checks"]["cluster"]
    assert cluster_check["ok"] is False
    assert "not taking tasks" in cluster_check["error"]
    assert ExtractionRun.objects.get(pk=run.pk).status == RunStatus.QUEUED

    processes.kill(cluster)
    processes.manage("qcluster")
    assert wait_for(
        lambda: ExtractionRun.objects.get(pk=run.pk).status == RunStatus.SUCCEEDED, 60
    ), "the restarted cluster did not take the run"
    assert wait_for(lambda: readiness(closed_port)[0] == 200, 60), "/readyz stayed red"
