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

# The action type that decides, during a call, whether to transfer it.
TRANSFER_CALL = "transfer_call"


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
    fields = {
        "direction": direction,
        "from_number": from_number,
        "to_number": to_number,
        "started_at": started_at,
        "ended_at": ended_at,
        "timezone": timezone,
        "transcript": turns,
        "search_text": call_search_text(values={}, transcript=turns),
        # A call with a transcript gets its run in the same transaction.
        "status": CallStatus.ANALYZING if turns else CallStatus.NO_TRANSCRIPT,
        "metadata": metadata or {},
        "follows_up": follows_up,
        "arrival_due_at": (
            CALL_ARRIVAL.deadline() if arrival_needed(agent=agent, direction=direction) else None
        ),
    }
    # A call posted again is found by the unique (agent, external id) refusing the insert:
    # no lookup before every new call.
    try:
        with transaction.atomic():
            call = Call.objects.create(agent=agent, external_id=external_id, **fields)
            # Stored a moment ago in this transaction, the call has no run: no lock or lookup.
            run = extraction_run_create(call=call) if turns else None
            transaction.on_commit(lambda: _arrival_and_run_queue(call=call, run=run))
    except IntegrityError:
        return Call.objects.get(agent=agent, external_id=external_id), False
    return call, True


def arrival_needed(*, agent: Agent, direction: str) -> bool:
    """Whether a new call of `agent` has anything to do on arrival: pending follow-ups to
    the caller to cancel, or transfer decisions made while it was live to tie to it (an
    agent decides transfers with a transfer_call action)."""
    if direction == CallDirection.INBOUND and agent.cancel_follow_up_on_inbound:
        return True
    return agent.actions.filter(type=TRANSFER_CALL).exists()


def _arrival_and_run_queue(*, call: Call, run: ExtractionRun | None) -> None:
    # The call is stored whatever the broker does (the answer is 201): the scheduler
    # queues a lost message again at the deadlines its rows carry.
    if call.arrival_due_at is not None:
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
