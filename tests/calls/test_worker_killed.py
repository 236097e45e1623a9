"""A worker killed in the middle of a run: after a restart the call is analysed once.

Real processes: a django-q2 cluster and the scheduler run as subprocesses on the same
database (and broker) as the test, and the cluster is killed with SIGKILL mid-run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.utils import timezone

from calls.models import Call, CallStatus, ExtractionRun, RunStatus
from tests.fakes.http import Reply
from tests.fakes.openai_server import ModelServer, completion
from tests.processes import Processes, wait_for

LEASE_SECONDS = 4

ANSWER = {
    "values": {"customer_name": "Maria Gonzalez", "interest_level": "high"},
    "evidence": {"customer_name": "My name is Maria Gonzalez", "interest_level": "very much"},
}


@pytest.fixture
def processes(openai_server: ModelServer, worker_id: str, tmp_path: Path) -> Iterator[Processes]:
    started = Processes(
        cluster_name=f"killtest-{worker_id}-{os.getpid()}",
        log_dir=tmp_path,
        EXTRACTION_BACKEND="openai",
        OPENAI_API_KEY="sk-test",
        OPENAI_BASE_URL=openai_server.base_url,
        OPENAI_MAX_RETRIES="0",
        OPENAI_TIMEOUT_SECONDS="60",
        Q_TASK_TIMEOUT=str(LEASE_SECONDS),
    )
    yield started
    started.stop_all()


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_leaves_the_call_analysed_once(
    seed_agent, openai_server: ModelServer, processes: Processes, settings
) -> None:
    settings.Q_TASK_TIMEOUT = LEASE_SECONDS
    call = Call.objects.create(
        agent=seed_agent,
        external_id="kill-1",
        started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
        timezone="Europe/Istanbul",
        transcript=[{"role": "user", "text": "My name is Maria Gonzalez, I want it very much."}],
        status=CallStatus.ANALYZING,
    )
    run = ExtractionRun.objects.create(
        call=call,
        backend="openai",
        model="gpt-test",
        config_snapshot=[
            {"name": "customer_name", "type": "string", "description": "Customer full name",
             "choices": [], "format": "", "required": False},
            {"name": "interest_level", "type": "enum", "description": "",
             "choices": ["high", "medium", "low", "none"], "format": "", "required": False},
        ],
        next_attempt_at=timezone.now(),
    )  # fmt: skip
    # The first request hangs, as a slow model would, until the worker is killed.
    openai_server.then(Reply(delay=60, body=b"{}"))
    openai_server.default = completion(ANSWER)

    processes.manage("run_scheduler")
    cluster = processes.manage("qcluster")
    assert wait_for(lambda: len(openai_server.received) == 1, 60), "the run never started"
    processes.kill(cluster)
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING

    processes.manage("qcluster")
    assert wait_for(
        lambda: ExtractionRun.objects.get(pk=run.pk).status == RunStatus.SUCCEEDED, 90
    ), "the run was not taken again"

    run.refresh_from_db()
    call.refresh_from_db()
    assert run.attempts == 2
    assert call.runs.count() == 1
    assert call.latest_run == run
    assert call.status == CallStatus.ANALYZED
    assert run.values["customer_name"] == "Maria Gonzalez"
    time.sleep(LEASE_SECONDS + 1)
    assert len(openai_server.received) == 2  # nothing ran it a third time
