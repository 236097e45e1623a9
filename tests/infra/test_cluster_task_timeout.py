"""A task that outlives Q_TASK_TIMEOUT: its worker is ended and replaced, the cluster
goes on, and the run is taken again once its lease has expired.

Real processes: the scheduler and the cluster on the test's database and broker, against
a model server whose first answer takes longer than the timeout.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from agents.models import Agent
from calls.models import CallStatus, ExtractionRun, RunStatus
from tests.factories import CallFactory, run_due
from tests.fakes.http import Reply
from tests.fakes.openai_server import ModelServer, completion
from tests.processes import Processes, started_workers, wait_for

TIMEOUT_SECONDS = 3
ANSWER = {
    "values": {"customer_name": "Maria Gonzalez"},
    "evidence": {"customer_name": "My name is Maria Gonzalez"},
}


@pytest.fixture
def processes(openai_server: ModelServer, worker_id: str, tmp_path: Path) -> Iterator[Processes]:
    started = Processes(
        cluster_name=f"timeout-{worker_id}-{os.getpid()}",
        log_dir=tmp_path,
        EXTRACTION_BACKEND="openai",
        OPENAI_API_KEY="sk-test",
        OPENAI_BASE_URL=openai_server.base_url,
        OPENAI_MAX_RETRIES="0",
        OPENAI_TIMEOUT_SECONDS="60",
        Q_TASK_TIMEOUT=str(TIMEOUT_SECONDS),
    )
    yield started
    started.stop_all()


@pytest.mark.django_db(transaction=True)
def test_a_task_ended_by_its_timeout_leaves_the_cluster_taking_tasks(
    seed_agent: Agent, openai_server: ModelServer, processes: Processes
) -> None:
    openai_server.then(Reply(delay=60, body=b"{}"))
    openai_server.default = completion(ANSWER)
    cluster = processes.manage("qcluster")
    first_worker = started_workers(cluster, 1)
    processes.manage("run_scheduler")
    run = run_due(CallFactory(agent=seed_agent), backend="openai", model="gpt-test")

    assert wait_for(
        lambda: ExtractionRun.objects.get(pk=run.pk).status == RunStatus.SUCCEEDED, 90
    ), "the run was not taken again after its first attempt timed out"
    run.refresh_from_db()
    run.call.refresh_from_db()
    assert run.attempts == 2
    assert run.values["customer_name"] == "Maria Gonzalez"
    assert run.call.status == CallStatus.ANALYZED
    assert len(openai_server.received) == 2
    assert started_workers(cluster, 1, besides=first_worker)
