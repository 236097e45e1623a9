"""Re-running the analysis of many calls at once, with progress a person can watch."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F

from agents.models import AgentVersion
from calls.analysis import extraction_run_start
from calls.models import Call, RerunBatch, RunStatus
from infra.queue import enqueue

CHUNK_SIZE = 200


@dataclass(frozen=True)
class BatchProgress:
    total: int
    queued: int
    skipped: int
    succeeded: int
    failed: int

    @property
    def finished(self) -> int:
        return self.succeeded + self.failed + self.skipped

    @property
    def done(self) -> bool:
        return self.finished >= self.total

    @property
    def percent(self) -> int:
        return 100 if not self.total else self.finished * 100 // self.total


def rerun_batch_create(
    *,
    call_ids: Sequence[int],
    fire_actions: bool,
    by: str,
    version: AgentVersion | None = None,
) -> RerunBatch:
    """Record the batch now; its runs are created by a worker so a large batch never blocks.

    Each call runs with its agent's current version, or with `version` (calls of other
    agents are then left out)."""
    batch = RerunBatch.objects.create(
        created_by=by,
        fire_actions=fire_actions,
        agent_version=version,
        call_ids=list(call_ids),
        total=len(call_ids),
    )
    transaction.on_commit(
        lambda: enqueue(
            "calls.tasks.queue_rerun_batch", batch.pk, task_name=f"rerun-batch-{batch.pk}"
        )
    )
    return batch


def chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def rerun_batch_queue(*, batch_id: int) -> None:
    """Queue a run for each call of the batch, skipping calls that cannot run now.

    A task retried after its worker died starts after the calls already counted.
    """
    batch = RerunBatch.objects.select_related("agent_version").get(pk=batch_id)
    version = batch.agent_version
    remaining = batch.call_ids[batch.queued + batch.skipped :]
    for chunk in chunks(remaining, CHUNK_SIZE):
        calls = Call.objects.select_related("agent").in_bulk(chunk)
        queued = 0
        for call_id in chunk:
            call = calls.get(call_id)
            if (
                call is not None
                and call.transcript
                and (version is None or version.agent_id == call.agent_id)
            ):
                run = extraction_run_start(
                    call=call, fire_actions=batch.fire_actions, batch=batch, version=version
                )
                queued += run.batch_id == batch.pk
        RerunBatch.objects.filter(pk=batch.pk).update(
            queued=F("queued") + queued, skipped=F("skipped") + len(chunk) - queued
        )


def rerun_batch_progress(*, batch: RerunBatch) -> BatchProgress:
    counts = dict(batch.runs.values_list("status").annotate(total=Count("id")))
    batch.refresh_from_db(fields=["queued", "skipped"])
    return BatchProgress(
        total=batch.total,
        queued=batch.queued,
        skipped=batch.skipped,
        succeeded=counts.get(RunStatus.SUCCEEDED, 0),
        failed=counts.get(RunStatus.FAILED, 0),
    )
