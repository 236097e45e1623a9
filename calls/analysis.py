"""A call's AI Analysis: extraction runs, from queueing to the stored result.

A run is claimed with a conditional UPDATE and a lease before it works, so two
workers never analyse the same run at once. A queued run carries a deadline
(`next_attempt_at`, Q_QUEUED_DEADLINE_SECONDS after it is created): if no worker has
claimed it by then (its queue message was lost, or it waits for a retry), the scheduler
queues it again, and from then on every Q_TASK_TIMEOUT; a run whose worker died is put
back in the queue once its lease has expired. A run that succeeds hands the
decision on its actions over durably (`calls/handoffs.py`).
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

from agents.models import AgentVersion
from agents.versions import agent_current_version, version_field_specs
from calls.confidences import lowest_confidence
from calls.handoffs import RUN_ACTIONS
from calls.models import Call, CallStatus, ExtractionRun, RerunBatch, RunFailure, RunStatus
from calls.search import call_search_text
from calls.values import replace_call_values
from extraction.engine import (
    Backend,
    Extraction,
    backend_named,
    default_extractor,
    extract_grouped,
    extractor_backends,
)
from extraction.text import TextInvalid, check_storable, storable_text
from extraction.types import BackendError, ExtractionRequest, specs_from_snapshot
from infra.claims import claim_batch, claim_one, seconds_from_now
from infra.queue import enqueue, enqueue_each
from infra.retry import RetryPolicy

logger = logging.getLogger(__name__)

# Seconds after attempt 1 and 2; the third failed attempt gives up.
RUN_RETRY = RetryPolicy((30, 120))


def lease_duration() -> timedelta:
    return timedelta(seconds=settings.Q_TASK_TIMEOUT)


def run_in_progress(call: Call) -> ExtractionRun | None:
    return call.runs.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).first()


class VersionNotOfAgent(ValueError):
    """A version picked for a run belongs to another agent than the call's."""


def extraction_run_start(
    *,
    call: Call,
    fire_actions: bool = True,
    batch: RerunBatch | None = None,
    version: AgentVersion | None = None,
) -> ExtractionRun:
    """Queue a new run of the agent's current fields, or of the fields of `version`; an
    unfinished run is returned instead."""
    with transaction.atomic():
        Call.objects.select_for_update().filter(pk=call.pk).first()
        existing = run_in_progress(call)
        if existing is not None:
            return existing
        run = extraction_run_create(
            call=call, fire_actions=fire_actions, batch=batch, version=version
        )
        Call.objects.filter(pk=call.pk).update(status=CallStatus.ANALYZING)
        transaction.on_commit(lambda: extraction_run_enqueue(run_id=run.pk))
    return run


def extraction_run_create(
    *,
    call: Call,
    fire_actions: bool = True,
    batch: RerunBatch | None = None,
    version: AgentVersion | None = None,
) -> ExtractionRun:
    """Create a run that a worker must claim within a lease. The caller holds the call (it
    has just stored it, or locked it and found no unfinished run), marks it analysing and
    queues the run after commit, with `extraction_run_enqueue`.

    Without `version` the run extracts the agent's current fields and records the
    current version; with one, it extracts that version's fields."""
    if version is not None and version.agent_id != call.agent_id:
        raise VersionNotOfAgent(f"version {version.number} is not a version of this call's agent")
    if version is None:
        version = agent_current_version(agent=call.agent)
        specs = [field.spec() for field in call.agent.fields.all()]
    else:
        specs = version_field_specs(version)
    run = ExtractionRun.objects.create(
        call=call,
        backend=settings.EXTRACTION_BACKEND,
        model=call.agent.extraction_model or settings.EXTRACTION_DEFAULT_MODEL,
        config_snapshot=[asdict(spec) for spec in specs],
        agent_version=version,
        fire_actions=fire_actions,
        batch=batch,
        next_attempt_at=seconds_from_now(settings.Q_QUEUED_DEADLINE_SECONDS),
    )
    return run


def extraction_run_enqueue(*, run_id: int) -> None:
    enqueue("calls.tasks.execute_extraction_run", run_id, task_name=f"extraction-run-{run_id}")


def extraction_run_claim(*, run_id: int) -> bool:
    """Take the run for this worker; False when another worker holds it or it is done."""
    now = timezone.now()
    claimable = ExtractionRun.objects.filter(
        Q(status=RunStatus.QUEUED) | Q(status=RunStatus.RUNNING, lease_expires_at__lt=now)
    )
    return claim_one(
        claimable,
        run_id,
        status=RunStatus.RUNNING,
        next_attempt_at=None,
        lease_expires_at=now + lease_duration(),
        attempts=F("attempts") + 1,
        started_at=now,
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
        settings.EXTRACTION_MAX_OUTPUT_TOKENS,
        settings.OPENAI_LOGPROBS,
    )


@lru_cache(maxsize=4)
def _backend(name: str, *configuration: object) -> Backend:
    return backend_named(name)


def run_extraction(run: ExtractionRun) -> Extraction:
    """Extract the run's fields, each with its own extractor: the run's backend and model
    unless the field names another."""
    return extract_grouped(
        request_for(run),
        default=default_extractor(run.backend, run.model),
        backend_for=extractor_backends(backend_for(run.backend), build=backend_for),
    )


def extraction_run_execute(*, run_id: int) -> None:
    """Do one attempt of a run; safe to call any number of times for the same run."""
    if not extraction_run_claim(run_id=run_id):
        return
    run = ExtractionRun.objects.select_related("call__agent").get(pk=run_id)
    try:
        extraction = run_extraction(run)
    except BackendError as error:
        _record_backend_error(run, error)
        return
    except Exception as error:
        # A bug must not leave the run looking busy forever: record it, then let
        # django-q2 log the traceback.
        logger.exception("extraction run %s crashed", run_id)
        run.raw_answer = ""
        _record_failure(run, RunFailure.INTERNAL_ERROR, f"internal error: {error!r}")
        raise
    try:
        check_storable(extraction_as_stored(extraction), "the answer")
    except TextInvalid as error:
        run.raw_answer = storable_text(extraction.answer.raw)
        _record_failure(run, RunFailure.BAD_ANSWER, f"the answer could not be stored: {error}")
        return
    _record_success(run, extraction)


def extraction_as_stored(extraction: Extraction) -> dict[str, object]:
    answer, result = extraction.answer, extraction.result
    return {
        "values": result.values,
        "evidence": result.evidence,
        "errors": result.errors,
        "notes": list(answer.notes),
        "raw": answer.raw,
        "refusal": answer.refusal or "",
        "model": answer.model or "",
    }


# Left as they are by a success: what the run was queued with, and its claim. Writing
# only the rest spares encoding the config snapshot again on every run.
UNCHANGED_BY_SUCCESS = {
    "id", "call", "config_snapshot", "agent_version", "backend", "fire_actions", "batch",
    "attempts", "next_attempt_at", "actions_decided_at", "actions_attempts", "created_at",
    "started_at",
}  # fmt: skip


def success_fields() -> list[str]:
    return [
        field.name
        for field in ExtractionRun._meta.concrete_fields
        if field.name not in UNCHANGED_BY_SUCCESS
    ]


def _record_success(run: ExtractionRun, extraction: Extraction) -> None:
    answer, result = extraction.answer, extraction.result
    run.status = RunStatus.SUCCEEDED
    run.model = answer.model or run.model
    run.values = result.values
    run.evidence = result.evidence
    run.field_errors = result.errors
    run.ungrounded = result.ungrounded
    run.times, run.null_reasons = result.times, result.reasons
    run.confidences, run.confidence_reasons = result.confidences, result.confidence_reasons
    run.notes = [
        *answer.notes,
        *(["re-asked once with the validation errors"] if extraction.reasked else []),
    ]
    run.tokens_in, run.tokens_out = extraction.tokens_in, extraction.tokens_out
    run.latency_ms = extraction.latency_ms
    run.field_extractors = extraction.field_extractors()
    run.extractor_groups = [group.as_json() for group in extraction.groups]
    run.partial = extraction.partial
    run.raw_answer = answer.raw
    run.refusal = answer.refusal
    run.truncated = answer.truncated
    run.failure_kind = ""
    run.failure_reason = ""
    run.finished_at = timezone.now()
    run.lease_expires_at = None
    decides = actions_to_decide(run)
    run.actions_due_at = RUN_ACTIONS.deadline() if decides else None
    with transaction.atomic():
        run.save(update_fields=success_fields())
        Call.objects.filter(pk=run.call_id).update(
            latest_run=run,
            status=CallStatus.ANALYZED,
            search_text=call_search_text(values=run.values, transcript=run.call.transcript),
            lowest_confidence=lowest_confidence(run.confidences),
        )
        replace_call_values(call=run.call, values=run.values)
        # The run is stored whatever happens next: a failure to queue the decision is
        # logged, not the extraction's failure, and the scheduler queues it later.
        if decides:
            transaction.on_commit(lambda: RUN_ACTIONS.queue(run.pk), robust=True)


def actions_to_decide(run: ExtractionRun) -> bool:
    """Whether the run has a decision step: an agent with no action switched on has
    nothing to decide, and its runs queue no task for it."""
    return run.call.agent.actions.filter(enabled=True).exists()


def _record_backend_error(run: ExtractionRun, error: BackendError) -> None:
    logger.warning("extraction run %s attempt %s failed: %s", run.pk, run.attempts, error)
    run.raw_answer = error.raw
    run.tokens_in, run.tokens_out = error.tokens_in, error.tokens_out
    run.notes = list(error.notes)
    if not error.retryable:
        _record_failure(run, RunFailure(error.kind) if error.kind else "", str(error))
        return
    delay = RUN_RETRY.delay_after(run.attempts)
    if delay is None:
        reason = f"gave up after {run.attempts} attempts: {error}"
        _record_failure(run, RunFailure.RETRIES_EXHAUSTED, reason)
        return
    run.failure_reason = str(error)
    run.lease_expires_at = None
    run.status = RunStatus.QUEUED
    run.next_attempt_at = seconds_from_now(delay)
    run.save()


def _record_failure(run: ExtractionRun, kind: RunFailure | str, reason: str) -> None:
    run.status = RunStatus.FAILED
    run.failure_kind = kind
    run.failure_reason = reason
    run.finished_at = timezone.now()
    run.lease_expires_at = None
    with transaction.atomic():
        run.save()
        if run.call.latest_run_id is None:
            Call.objects.filter(pk=run.call_id).update(status=CallStatus.FAILED)
        else:
            Call.objects.filter(pk=run.call_id).update(status=CallStatus.ANALYZED)


def extraction_runs_dispatch() -> int:
    """Queue runs that are due again: retries, runs whose worker died and runs whose queue
    message was lost. Return how many were queued."""
    now = timezone.now()
    abandoned = ExtractionRun.objects.filter(status=RunStatus.RUNNING, lease_expires_at__lt=now)
    abandoned.filter(attempts__gte=RUN_RETRY.max_attempts).update(
        status=RunStatus.FAILED,
        finished_at=now,
        lease_expires_at=None,
        failure_kind=RunFailure.WORKER_LOST,
        failure_reason=f"the worker stopped during each of {RUN_RETRY.max_attempts} attempts",
    )
    abandoned.update(status=RunStatus.QUEUED, next_attempt_at=now, lease_expires_at=None)
    # Only the scheduler that moves the deadline queues the run.
    run_ids = claim_batch(
        ExtractionRun.objects.filter(status=RunStatus.QUEUED, next_attempt_at__lte=now),
        order_by="next_attempt_at",
        limit=100,
        next_attempt_at=now + lease_duration(),
    )
    enqueue_each(
        run_ids, lambda run_id: extraction_run_enqueue(run_id=run_id), unqueued=runs_due_soon
    )
    return len(run_ids)


def runs_due_soon(run_ids: list[int]) -> None:
    ExtractionRun.objects.filter(pk__in=run_ids, status=RunStatus.QUEUED).update(
        next_attempt_at=seconds_from_now(settings.Q_QUEUED_DEADLINE_SECONDS)
    )
