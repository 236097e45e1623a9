"""A worker killed between a run's success and the decision on its actions: after a
restart the actions are decided exactly once.

Real processes: the scheduler and a django-q2 cluster run as subprocesses on the test's
database (and broker). The cluster's worker stalls once at the chosen point and is killed
there with SIGKILL; a fresh cluster is started, and the scheduler finds the run whose
actions are undecided once its deadline has passed.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.utils import timezone

from actions.models import ActionRun, FollowUp, Outcome, WebhookDelivery
from agents.models import Agent
from agents.services import agent_import_json
from calls.models import Call, CallStatus, ExtractionRun, RunStatus
from extraction.transcripts import parse_transcript
from tests.fakes.http import Server, serving
from tests.processes import Processes, wait_for

LEASE_SECONDS = 4
TRANSCRIPT = (
    "Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez.\n"
    "Agent: Interested?\nUser: Yes, very interested, sign me up!\n"
    "Agent: Shall we call you back?\nUser: Yes please, call me next Tuesday."
)


@pytest.fixture
def receiver() -> Iterator[Server]:
    with serving() as server:
        yield server


@pytest.fixture
def agent(seed_agent: Agent, receiver: Server) -> Agent:
    """The seed agent (a follow-up call) with a webhook too."""
    webhook = {
        "type": "webhook",
        "name": "CRM lead",
        "condition": {"field": "interest_level", "operator": "==", "value": "high"},
        "config": {"url": f"{receiver.url}/crm"},
    }
    agent_import_json(agent=seed_agent, actions_json=json.dumps(webhook))
    return seed_agent


@pytest.fixture
def processes(worker_id: str, tmp_path: Path) -> Iterator[Processes]:
    started = Processes(
        cluster_name=f"handoff-{worker_id}-{os.getpid()}",
        log_dir=tmp_path,
        EXTRACTION_BACKEND="offline",
        Q_TASK_TIMEOUT=str(LEASE_SECONDS),
        OUTBOUND_ALLOWED_NETWORKS="127.0.0.0/8",
        STALL_MARKER=str(tmp_path / "stalled"),
    )
    yield started
    started.stop_all()


def queued_run(agent: Agent) -> ExtractionRun:
    call = Call.objects.create(
        agent=agent,
        external_id="kill-between-steps",
        started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
        from_number="+905551112233",
        timezone="Europe/Istanbul",
        transcript=parse_transcript(TRANSCRIPT),
        status=CallStatus.ANALYZING,
    )
    return ExtractionRun.objects.create(
        call=call,
        backend="offline",
        config_snapshot=[asdict(field.spec()) for field in agent.fields.all()],
        next_attempt_at=timezone.now(),
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("point", ["queueing", "deciding"])
def test_a_worker_killed_before_the_actions_are_decided_leaves_them_decided_once(
    agent: Agent, receiver: Server, processes: Processes, settings, tmp_path: Path, point: str
) -> None:
    settings.Q_TASK_TIMEOUT = LEASE_SECONDS
    run = queued_run(agent)

    processes.manage("run_scheduler")
    cluster = processes.run("-m", "tests.actions.stalling_cluster", point)
    assert wait_for((tmp_path / "stalled").exists, 60), "the worker never reached the hand-off"
    processes.kill(cluster)

    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert run.actions_decided_at is None
    assert not ActionRun.objects.exists()

    processes.manage("qcluster")
    assert wait_for(
        lambda: ExtractionRun.objects.get(pk=run.pk).actions_decided_at is not None, 45
    ), "the run's actions were never decided"
    assert wait_for(lambda: len(receiver.received) == 1, 30), "the webhook was never sent"

    time.sleep(LEASE_SECONDS + 1)  # long enough for a second decision, if there were one
    decisions = ActionRun.objects.filter(extraction_run=run)
    assert sorted(decisions.values_list("action__name", "outcome")) == [
        ("Auto follow-up", Outcome.FIRED),
        ("CRM lead", Outcome.FIRED),
    ]
    assert FollowUp.objects.filter(source_call=run.call).count() == 1
    assert WebhookDelivery.objects.filter(call=run.call).count() == 1
    assert len(receiver.received) == 1
