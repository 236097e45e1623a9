"""Storing calls. A call posted twice (same agent, same external id) is stored once."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone as dj_timezone

from agents.models import Agent
from calls.analysis import extraction_run_create, extraction_run_enqueue
from calls.handoffs import CALL_ARRIVAL
from calls.models import Call, CallDirection, CallStatus, ExtractionRun
from calls.search import call_search_text
from extraction.text import TextInvalid, check_storable
from extraction.timezones import known_timezones
from extraction.transcripts import TranscriptInvalid, parse_transcript
from infra.queue import broker_outage_tolerated


class CallInvalid(ValueError):
    """A call that cannot be stored; `errors` maps each input key to its problem."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))
        self.errors = errors


def call_errors(
    *, started_at: datetime, ended_at: datetime | None, timezone: str, direction: str
) -> dict[str, str]:
    errors = {}
    if dj_timezone.is_naive(started_at):
        errors["started_at"] = "must include a UTC offset, e.g. 2026-03-10T14:05:00+03:00"
    if ended_at is not None and dj_timezone.is_naive(ended_at):
        errors["ended_at"] = "must include a UTC offset, e.g. 2026-03-10T14:12:00+03:00"
    elif ended_at is not None and "started_at" not in errors and ended_at < started_at:
        errors["ended_at"] = "is before started_at"
    if timezone not in known_timezones():
        errors["timezone"] = f"{timezone!r} is not an IANA time zone (e.g. Europe/Istanbul)"
    if direction not in CallDirection.values:
        errors["direction"] = f"{direction!r} is not inbound or outbound"
    return errors


def unstorable_errors(**inputs: Any) -> dict[str, str]:
    """The inputs holding text that cannot be stored and served as UTF-8, on every way in
    (the API, the admin, the voice platforms), so both databases refuse the same calls."""
    errors = {}
    for key, value in inputs.items():
        try:
            check_storable(value, key)
        except TextInvalid as error:
            errors[key] = str(error)
    return errors


def call_create(
    *,
    agent: Agent,
    started_at: datetime,
    transcript: Any = None,
    external_id: str = "",
    ended_at: datetime | None = None,
    timezone: str = "",
    direction: str = CallDirection.INBOUND,
    from_number: str = "",
    to_number: str = "",
    metadata: dict[str, Any] | None = None,
    follows_up: Call | None = None,
) -> tuple[Call, bool]:
    """Store a finished call; return it and whether it is new.

    Extraction (for a call with a transcript) and the handling of the call's arrival
    are queued once the transaction that stores it commits.
    """
    timezone = timezone or agent.timezone
    errors = call_errors(
        started_at=started_at, ended_at=ended_at, timezone=timezone, direction=direction
    )
    try:
        turns = parse_transcript(transcript)
    except TranscriptInvalid as error:
        errors["transcript"] = str(error)
    errors |= unstorable_errors(
        transcript=transcript,
        metadata=metadata,
        external_id=external_id,
        from_number=from_number,
        to_number=to_number,
    )
    if errors:
        raise CallInvalid(errors)
    external_id = external_id or f"pc_{uuid.uuid4().hex}"
    existing = Call.objects.filter(agent=agent, external_id=external_id).first()
    if existing is not None:
        return existing, False
    fields = {
        "direction": direction,
        "from_number": from_number,
        "to_number": to_number,
        "started_at": started_at,
        "ended_at": ended_at,
        "timezone": timezone,
        "transcript": turns,
        "search_text": call_search_text(values={}, transcript=turns),
        "status": CallStatus.RECEIVED if turns else CallStatus.NO_TRANSCRIPT,
        "metadata": metadata or {},
        "follows_up": follows_up,
        "arrival_due_at": CALL_ARRIVAL.deadline(),
    }
    try:
        with transaction.atomic():
            call = Call.objects.create(agent=agent, external_id=external_id, **fields)
            # Stored a moment ago in this transaction, the call has no run: no lock or lookup.
            run = extraction_run_create(call=call) if turns else None
            transaction.on_commit(lambda: _arrival_and_run_queue(call=call, run=run))
    except IntegrityError:
        return Call.objects.get(agent=agent, external_id=external_id), False
    return call, True


def _arrival_and_run_queue(*, call: Call, run: ExtractionRun | None) -> None:
    # The call is stored whatever the broker does (the answer is 201): the scheduler
    # queues a lost message again at the deadlines its rows carry.
    with broker_outage_tolerated(f"call {call.pk}'s arrival"):
        CALL_ARRIVAL.queue(call.pk)
    if run is not None:
        with broker_outage_tolerated(f"run {run.pk}"):
            extraction_run_enqueue(run_id=run.pk)


def call_metadata_merge(*, call: Call, metadata: dict[str, Any]) -> bool:
    """Merge what a later event of the same call brings (a platform's own analysis) into
    each object-valued key of the stored call's metadata; the call is not analysed again.
    Return whether anything changed."""
    with transaction.atomic():
        locked = Call.objects.select_for_update().only("metadata").get(pk=call.pk)
        merged = dict(locked.metadata)
        for key, addition in metadata.items():
            if isinstance(addition, dict) and addition:
                merged[key] = {**(merged.get(key) or {}), **addition}
        if merged == locked.metadata:
            return False
        Call.objects.filter(pk=call.pk).update(metadata=merged)
    call.metadata = merged
    return True
