"""The follow-up table: booking, changing by hand, and firing each due row exactly once.

Due rows are claimed with the one claim helper (`infra/claims.py`), with a lease: a row
whose worker died is claimed again once the lease expires. A failed dial is retried on
FOLLOW_UP_DIAL_RETRY_MINUTES by the one retry policy (`infra/retry.py`).

A hand-off to a dialer is made under a key (`FollowUp.dial_key`) that stays on the row
until the dialer's answer settles it. A row taken again while its key is still there (its
worker died, or the dial timed out after the request went out) may already be ringing: it
is handed again with the same key to a dialer that deduplicates, and to no other.
"""

from __future__ import annotations

import logging
import time
from contextlib import AbstractContextManager
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import phonenumbers
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from actions.dialers import DIALERS, Dialer, DialFailed, dialer_for, idempotency_key
from actions.models import FollowUp, FollowUpStatus
from agents.models import Agent
from calls.models import Call, CallDirection
from extraction.timezones import local_text
from infra.claims import claim_batch, seconds_from_now
from infra.logs import log_context
from infra.queue import enqueue
from infra.retry import RetryPolicy

logger = logging.getLogger(__name__)

DIAL_BATCH_SIZE = 10


def note(followup: FollowUp, reason: str, *, status: str | None = None) -> None:
    """Append a transition or adjustment, with its reason, to the row's history."""
    entry: dict[str, Any] = {"at": timezone.now().isoformat(), "reason": reason}
    if status is not None and status != followup.status:
        entry["from"], entry["to"] = followup.status, status
        followup.status = status
    followup.history = [*followup.history, entry]


# Booking


def customer_number(call: Call) -> str:
    return call.from_number if call.direction == CallDirection.INBOUND else call.to_number


def as_e164(number: str, *, like: str) -> str | None:
    """Read an extracted number (digits, maybe without country code) as E.164."""
    region = None
    try:
        region = phonenumbers.region_code_for_number(phonenumbers.parse(like, None))
    except phonenumbers.NumberParseException:
        region = None
    for candidate, candidate_region in ((f"+{number}", None), (number, region)):
        try:
            parsed = phonenumbers.parse(candidate, candidate_region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return None


def followup_book(*, agent: Agent, to_number: str, reasons: list[str], **fields: Any) -> FollowUp:
    """Book a follow-up; a pending one for the same agent and number is moved instead of
    stacking a second call."""
    for _ in range(3):
        try:
            with transaction.atomic():
                return _upsert_pending_once(
                    agent=agent, to_number=to_number, reasons=reasons, **fields
                )
        except IntegrityError:
            # Another booking for the same number won the race; update it instead.
            continue
    raise RuntimeError(f"could not book a follow-up for {to_number}")


def _upsert_pending_once(
    *, agent: Agent, to_number: str, reasons: list[str], **fields: Any
) -> FollowUp:
    existing = (
        FollowUp.objects.select_for_update()
        .filter(agent=agent, to_number=to_number, status=FollowUpStatus.PENDING)
        .first()
    )
    followup = existing or FollowUp(agent=agent, to_number=to_number)
    if existing is not None:
        was_due = existing.due_at.astimezone(ZoneInfo(agent.timezone))
        note(followup, f"rebooked (was due {local_text(was_due)})")
        # A new booking asks for a new call: a dialer must not take it for a repeat.
        followup.dial_key = ""
    for key, value in fields.items():
        setattr(followup, key, value)
    for reason in reasons:
        note(followup, reason)
    followup.save()
    return followup


def followup_book_by_hand(
    *, agent: Agent, to_number: str, from_number: str, due_at: datetime, by: str
) -> FollowUp:
    return followup_book(
        agent=agent,
        to_number=to_number,
        from_number=from_number,
        due_at=due_at,
        reasons=[f"booked by hand by {by}"],
    )


def followup_cancel(*, followup: FollowUp, reason: str) -> bool:
    """Cancel a follow-up that has not been handed to a dialer yet."""
    with transaction.atomic():
        row = FollowUp.objects.select_for_update().get(pk=followup.pk)
        if row.status not in (FollowUpStatus.PENDING, FollowUpStatus.CLAIMED):
            return False
        note(row, reason, status=FollowUpStatus.CANCELED)
        row.lease_expires_at = None
        row.save()
    return True


def followup_reschedule(*, followup: FollowUp, due_at: datetime, by: str, reason: str = "") -> bool:
    """Move a pending follow-up to `due_at`; the history says who moved it, and why."""
    with transaction.atomic():
        row = FollowUp.objects.select_for_update().get(pk=followup.pk)
        if row.status != FollowUpStatus.PENDING:
            return False
        moved = (
            f"rescheduled by {by} from {local_text(row.due_at, row.zone)} "
            f"to {local_text(due_at, row.zone)}"
        )
        note(row, f"{moved}: {reason}" if reason else moved)
        row.due_at = due_at
        row.save()
    return True


def followups_cancel_on_inbound(*, call: Call) -> int:
    """Cancel pending follow-ups to a number that has just called the agent again."""
    if call.direction != CallDirection.INBOUND or not call.agent.cancel_follow_up_on_inbound:
        return 0
    canceled = 0
    pending = FollowUp.objects.filter(
        agent=call.agent,
        to_number=call.from_number,
        status=FollowUpStatus.PENDING,
        due_at__gt=call.started_at,
    ).exclude(source_call=call)
    for followup in pending:
        canceled += followup_cancel(
            followup=followup,
            reason=f"the number called the agent again (call {call.external_id}) before it was due",
        )
    return canceled


# Firing


def lease_duration() -> timedelta:
    return timedelta(seconds=settings.FOLLOW_UP_LEASE_SECONDS)


def claimable(now: datetime) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(
        Q(status=FollowUpStatus.PENDING, due_at__lte=now)
        | Q(status__in=[FollowUpStatus.CLAIMED, FollowUpStatus.DIALING], lease_expires_at__lt=now)
    )


def followups_expire_late(now: datetime) -> int:
    cutoff = now - timedelta(minutes=settings.FOLLOW_UP_LATENESS_CUTOFF_MINUTES)
    expired = 0
    for followup in FollowUp.objects.filter(status=FollowUpStatus.PENDING, due_at__lt=cutoff):
        with transaction.atomic():
            row = FollowUp.objects.select_for_update().get(pk=followup.pk)
            if row.status != FollowUpStatus.PENDING:
                continue
            note(
                row,
                f"not fired by {local_text(cutoff, row.zone)}: more than "
                f"{settings.FOLLOW_UP_LATENESS_CUTOFF_MINUTES} minutes late",
                status=FollowUpStatus.EXPIRED,
            )
            row.save()
            expired += 1
    return expired


def followups_claim_due(*, now: datetime | None = None, limit: int = 100) -> list[int]:
    """Claim due rows for this process; no row is ever claimed by two claimants at once."""
    now = now or timezone.now()
    return claim_batch(
        claimable(now),
        order_by="due_at",
        limit=limit,
        status=FollowUpStatus.CLAIMED,
        lease_expires_at=now + lease_duration(),
    )


def followups_dispatch() -> int:
    """Expire rows too late to call, claim due rows and hand them to dial tasks."""
    now = timezone.now()
    followups_expire_late(now)
    row_ids = followups_claim_due(now=now)
    # A task's own cost (a broker round trip, a result to record) bounded a burst to
    # ~50 rows a second; a few rows a task pay it once, and a slow dialer delays few rows.
    for start in range(0, len(row_ids), DIAL_BATCH_SIZE):
        enqueue("actions.tasks.dial_follow_ups", row_ids[start : start + DIAL_BATCH_SIZE])
    return len(row_ids)


def followups_dial(*, followup_ids: list[int]) -> None:
    """Dial claimed follow-ups one after the other, within the task's time limit; one that
    crashes does not stop the others, and keeps its lease, so the scheduler claims it
    again when the lease expires."""
    # A task cut by its timeout could be cut mid-dial, leaving that call in doubt: the
    # rows whose worst-case dial would not fit are given back instead, undialled.
    deadline = time.monotonic() + settings.Q_TASK_TIMEOUT - settings.FOLLOW_UP_DIAL_MARGIN_SECONDS
    worst_case = dialer_for(settings.FOLLOW_UP_DIALER).worst_case_seconds()
    for index, followup_id in enumerate(followup_ids):
        if time.monotonic() + worst_case > deadline:
            followups_release(followup_ids=followup_ids[index:])
            return
        with follow_up_log_context(followup_id):
            try:
                followup_dial(followup_id=followup_id)
            except Exception:
                logger.exception("dialling follow-up %s crashed", followup_id)


def followups_release(*, followup_ids: list[int]) -> int:
    """Give claimed rows back undialled: the scheduler claims them again at its next tick."""
    released = FollowUp.objects.filter(pk__in=followup_ids, status=FollowUpStatus.CLAIMED).update(
        lease_expires_at=timezone.now()
    )
    logger.warning(
        "released %s follow-up(s) undialled: the dial task's time was running out", released
    )
    return released


def follow_up_log_context(followup_id: int) -> AbstractContextManager[None]:
    """Log lines written while dialling name the follow-up and the call it came from."""
    call_id = FollowUp.objects.filter(pk=followup_id).values_list("source_call_id", flat=True)
    return log_context(call_id=call_id.first(), follow_up_id=followup_id)


def repeat_refusal(row: FollowUp, dialer: Dialer) -> str | None:
    """Why a hand-off whose outcome is unknown must not be repeated through `dialer`."""
    if row.dialer != dialer.name:
        return f"the dialer is now {dialer.name}, which cannot recognise the earlier request"
    if not dialer.deduplicates:
        return f"the {dialer.name} dialer cannot recognise a repeated request"
    return None


def give_up_in_doubt(row: FollowUp, *, cause: str, refusal: str) -> None:
    row.lease_expires_at = None
    note(
        row,
        f"the call may already have been placed by the {row.dialer} dialer ({cause}); "
        f"not dialled again: {refusal}",
        status=FollowUpStatus.FAILED,
    )
    row.save()


def followup_dial(*, followup_id: int) -> None:
    """Hand a claimed follow-up to the dialer; retry on the dial schedule on failure."""
    with transaction.atomic():
        row = FollowUp.objects.select_for_update().get(pk=followup_id)
        # A row already dialing is being handed over by another worker.
        if row.status != FollowUpStatus.CLAIMED:
            return
        dialer = dialer_for(settings.FOLLOW_UP_DIALER)
        if row.dial_key:
            refusal = repeat_refusal(row, dialer)
            if refusal is not None:
                cause = f"hand-off {row.dial_key} was never answered"
                give_up_in_doubt(row, cause=cause, refusal=refusal)
                return
        row.attempts += 1
        if row.dial_key:
            reason = (
                f"handed again to the {dialer.name} dialer with the same key {row.dial_key} "
                f"(attempt {row.attempts}): the last hand-off was never answered"
            )
        else:
            row.dial_key = idempotency_key(row)
            reason = f"handed to the {dialer.name} dialer (attempt {row.attempts})"
        note(row, reason, status=FollowUpStatus.DIALING)
        row.dialer = dialer.name
        row.fired_at = timezone.now()
        # Nobody takes the row again while its dial may still be going on.
        row.lease_expires_at = row.fired_at + lease_duration() + dial_duration(dialer)
        row.save()
    try:
        reference = dialer.dial(row)
    except DialFailed as error:
        followup_dial_failed(
            followup=row,
            reason=str(error),
            retryable=not error.permanent,
            in_doubt=error.in_doubt,
        )
        return
    # No lease while the call waits for the voice runtime or for its result: nothing
    # re-dials a call that a dialer has accepted.
    FollowUp.objects.filter(pk=row.pk).update(dialer_reference=reference, lease_expires_at=None)


def dial_duration(dialer: Dialer) -> timedelta:
    return timedelta(seconds=dialer.worst_case_seconds())


def dial_retry_policy() -> RetryPolicy:
    return RetryPolicy(tuple(minutes * 60.0 for minutes in settings.FOLLOW_UP_DIAL_RETRY_MINUTES))


def followup_dial_failed(
    *, followup: FollowUp, reason: str, retryable: bool, in_doubt: bool = False
) -> None:
    """Book the next dial attempt on the retry schedule, or give up.

    A failure the dialer answered settles the hand-off: the next attempt gets a new key.
    One `in_doubt` keeps the key, or ends the follow-up when the dialer cannot deduplicate.
    """
    with transaction.atomic():
        row = FollowUp.objects.select_for_update().get(pk=followup.pk)
        if row.status not in (FollowUpStatus.CLAIMED, FollowUpStatus.DIALING):
            return
        if in_doubt:
            refusal = repeat_refusal(row, DIALERS[row.dialer]())
            if refusal is not None:
                give_up_in_doubt(row, cause=reason, refusal=refusal)
                return
        else:
            row.dial_key = ""
        row.lease_expires_at = None
        delay = dial_retry_policy().delay_after(row.attempts) if retryable else None
        if delay is not None:
            row.due_at = seconds_from_now(delay)
            note(
                row,
                f"{reason}; retrying at {local_text(row.due_at, row.zone)}",
                status=FollowUpStatus.PENDING,
            )
        else:
            note(
                row,
                f"{reason}; giving up after {row.attempts} attempt(s)",
                status=FollowUpStatus.FAILED,
            )
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:
            note(row, "a newer follow-up to this number is pending", status=FollowUpStatus.CANCELED)
            row.save()


# The outbound queue and results


def outbound_queue_claim(*, limit: int, agent: Agent | None = None) -> list[FollowUp]:
    """Hand the voice runtime the next calls waiting in the queue dialer, each once.

    A claimed call whose result is not reported within the lease goes back to the
    scheduler, which queues it again as a new attempt.
    """
    now = timezone.now()
    waiting = FollowUp.objects.filter(
        status=FollowUpStatus.DIALING, dialer="queue", lease_expires_at__isnull=True
    )
    if agent is not None:
        waiting = waiting.filter(agent=agent)
    claimed = claim_batch(
        waiting, order_by="due_at", limit=limit, lease_expires_at=now + runtime_lease()
    )
    return list(FollowUp.objects.filter(pk__in=claimed).select_related("agent", "source_call"))


def runtime_lease() -> timedelta:
    return timedelta(seconds=settings.FOLLOW_UP_RUNTIME_LEASE_SECONDS)


RESULT_OUTCOMES = ("answered", "no_answer", "busy", "failed")


def followup_report_result(
    *, followup: FollowUp, outcome: str, detail: str = "", call: Call | None = None
) -> FollowUp:
    """Record how a dialled follow-up went; no answer or busy can book a retry."""
    if outcome not in RESULT_OUTCOMES:
        raise ValueError(f"outcome {outcome!r} is not one of {', '.join(RESULT_OUTCOMES)}")
    reason = f"the dialer reported {outcome}" + (f": {detail}" if detail else "")
    if outcome != "answered":
        followup_dial_failed(
            followup=followup, reason=reason, retryable=outcome in settings.FOLLOW_UP_RETRY_ON
        )
        followup.refresh_from_db()
        return followup
    with transaction.atomic():
        row = FollowUp.objects.select_for_update().get(pk=followup.pk)
        if row.status != FollowUpStatus.DIALING:
            raise ValueError(f"follow-up {row.pk} is {row.status}, not dialing")
        note(row, reason, status=FollowUpStatus.DONE)
        row.lease_expires_at = None
        row.result_call = call
        row.save()
    return row
