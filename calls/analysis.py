"""A call's AI Analysis: extraction runs, from queueing to the stored result.

A run is claimed with a conditional UPDATE and a lease before it works, so two
workers never analyse the same run at once. A queued run carries a deadline
(`next_attempt_at`): if no worker has claimed it by then (its queue message was lost,
or it waits for a retry), the scheduler queues it again; a run whose worker died is
put back in the queue once its lease has expired.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from actions.services import actions_decide_for_run
from calls.models import Call, CallStatus, ExtractionRun, RerunBatch, RunStatus
from extraction.engine import Backend, Extraction, backend_named, extract
from extraction.types import BackendError, ExtractionRequest, specs_from_snapshot
from infra.queue import enqueue

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
RETRY_DELAYS_SECONDS = (30, 120, 600)


def lease_duration() -> timedelta:
    return timedelta(seconds=settings.Q_TASK_TIMEOUT)


def run_in_progress(call: Call) -> ExtractionRun | None:
    return call.runs.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).first()


def extraction_run_start(
    *, call: Call, fire_actions: bool = True, backend: str = "", batch: RerunBatch | None = None
) -> ExtractionRun:
    """Queue a new run of the agent's current fields; an unfinished run is returned instead."""
    with transaction.atomic():
        Call.objects.select_for_update().filter(pk=call.pk).first()
        existing = run_in_progress(call)
        if existing is not None:
            return existing
        return extraction_run_queue(
            call=call, fire_actions=fire_actions, backend=backend, batch=batch
        )


def extraction_run_queue(
    *, call: Call, fire_actions: bool = True, backend: str = "", batch: RerunBatch | None = None
) -> ExtractionRun:
    """Create a run and queue it after commit. The caller holds the call: it has just
    stored it, or locked it and found no unfinished run."""
    run = ExtractionRun.objects.create(
        call=call,
        backend=backend or settings.EXTRACTION_BACKEND,
        model=call.agent.extraction_model or settings.EXTRACTION_DEFAULT_MODEL,
        config_snapshot=[asdict(field.spec()) for field in call.agent.fields.all()],
        fire_actions=fire_actions,
        batch=batch,
        next_attempt_at=timezone.now() + lease_duration(),
    )
    Call.objects.filter(pk=call.pk).update(status=CallStatus.ANALYZING)
    transaction.on_commit(lambda: enqueue_run(run.pk))
    return run


def enqueue_run(run_id: int) -> None:
    enqueue("calls.tasks.execute_extraction_run", run_id, task_name=f"extraction-run-{run_id}")


def claim_run(run_id: int) -> bool:
    """Take the run for this worker; False when another worker holds it or it is done."""
    now = timezone.now()
    claimable = Q(status=RunStatus.QUEUED) | Q(status=RunStatus.RUNNING, lease_expires_at__lt=now)
    return bool(
        ExtractionRun.objects.filter(claimable, pk=run_id).update(
            status=RunStatus.RUNNING,
            next_attempt_at=None,
            lease_expires_at=now + lease_duration(),
            attempts=F("attempts") + 1,
            started_at=now,
        )
    )


def request_for(run: ExtractionRun) -> ExtractionRequest:
    call = run.call
    return ExtractionRequest(
        fields=tuple(specs_from_snapshot(run.config_snapshot).values()),
        turns=call.turns(),
        started_at=call.started_at,
        timezone=call.zone,
        model=run.model,
    )


def backend_for(name: str) -> Backend:
    """The backend `name`, built once per process and configuration: building the OpenAI
    client (its TLS context) took ~20 ms of CPU a run, and its connection pool keeps the
    connection to the model open from one run to the next."""
    return _backend(
        name,
        settings.OPENAI_API_KEY,
        settings.OPENAI_BASE_URL,
        settings.OPENAI_TIMEOUT_SECONDS,
        settings.OPENAI_MAX_RETRIES,
        settings.EXTRACTION_MAX_INPUT_TOKENS,
    )


@lru_cache(maxsize=4)
def _backend(name: str, *configuration: object) -> Backend:
    return backend_named(name)


def extraction_run_execute(*, run_id: int) -> None:
    """Do one attempt of a run; safe to call any number of times for the same run."""
    if not claim_run(run_id):
        return
    run = ExtractionRun.objects.select_related("call__agent").get(pk=run_id)
    try:
        extraction = extract(request_for(run), backend_for(run.backend))
    except BackendError as error:
        _record_backend_error(run, error)
        return
    except Exception as error:
        # A bug must not leave the run looking busy forever: record it, then let
        # django-q2 log the traceback.
        logger.exception("extraction run %s crashed", run_id)
        _record_backend_error(run, BackendError(f"internal error: {error!r}", retryable=False))
        raise
    _record_success(run, extraction)


def _record_success(run: ExtractionRun, extraction: Extraction) -> None:
    answer, result = extraction.answer, extraction.result
    run.status = RunStatus.SUCCEEDED
    run.model = answer.model or run.model
    run.values = result.values
    run.evidence = result.evidence
    run.field_errors = result.errors
    run.ungrounded = result.ungrounded
    run.times, run.null_reasons = result.times, result.reasons
    run.notes = [
        *answer.notes,
        *(["re-asked once with the validation errors"] if extraction.reasked else []),
    ]
    run.tokens_in, run.tokens_out = extraction.tokens_in, extraction.tokens_out
    run.latency_ms = extraction.latency_ms
    run.raw_answer = answer.raw
    run.refusal = answer.refusal
    run.truncated = answer.truncated
    run.failure_reason = ""
    run.finished_at = timezone.now()
    run.lease_expires_at = None
    with transaction.atomic():
        run.save()
        Call.objects.filter(pk=run.call_id).update(latest_run=run, status=CallStatus.ANALYZED)
        transaction.on_commit(lambda: actions_decide_for_run(run_id=run.pk))


def _record_backend_error(run: ExtractionRun, error: BackendError) -> None:
    logger.warning("extraction run %s attempt %s failed: %s", run.pk, run.attempts, error)
    run.failure_reason = str(error)
    run.raw_answer = error.raw
    run.lease_expires_at = None
    if error.retryable and run.attempts < MAX_ATTEMPTS:
        run.status = RunStatus.QUEUED
        run.next_attempt_at = timezone.now() + timedelta(seconds=retry_delay(run.attempts))
        run.save()
        return
    run.status = RunStatus.FAILED
    run.finished_at = timezone.now()
    if error.retryable:
        run.failure_reason = f"gave up after {run.attempts} attempts: {error}"
    with transaction.atomic():
        run.save()
        if run.call.latest_run_id is None:
            Call.objects.filter(pk=run.call_id).update(status=CallStatus.FAILED)
        else:
            Call.objects.filter(pk=run.call_id).update(status=CallStatus.ANALYZED)


def retry_delay(attempts: int) -> int:
    """Seconds before the next attempt of a run that has made `attempts` attempts."""
    return RETRY_DELAYS_SECONDS[min(attempts, len(RETRY_DELAYS_SECONDS)) - 1]


def extraction_runs_dispatch() -> int:
    """Queue runs that are due again: retries, runs whose worker died and runs whose queue
    message was lost. Return how many were queued."""
    now = timezone.now()
    abandoned = ExtractionRun.objects.filter(status=RunStatus.RUNNING, lease_expires_at__lt=now)
    abandoned.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=RunStatus.FAILED,
        finished_at=now,
        lease_expires_at=None,
        failure_reason=f"the worker stopped during each of {MAX_ATTEMPTS} attempts",
    )
    abandoned.update(status=RunStatus.QUEUED, next_attempt_at=now, lease_expires_at=None)
    due = ExtractionRun.objects.filter(status=RunStatus.QUEUED, next_attempt_at__lte=now)
    queued = 0
    for run_id in list(due.values_list("pk", flat=True)[:100]):
        # Only the scheduler that moves the deadline queues the run.
        if due.filter(pk=run_id).update(next_attempt_at=now + lease_duration()):
            enqueue_run(run_id)
            queued += 1
    return queued
