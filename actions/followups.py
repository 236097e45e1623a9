"""The follow-up table: booking, changing by hand, and firing each due row exactly once.

Claiming a due row is atomic: `select_for_update(skip_locked=True)` on PostgreSQL, a
conditional UPDATE elsewhere (SQLite ignores row locks). A claim carries a lease: a
row whose worker died is claimed again once the lease expires.
"""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import phonenumbers
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from actions.dialers import DialFailed, dialer_for
from actions.followup_timing import (
    Due,
    callee_zone,
    calling_hours_for,
    due_from_value,
    into_calling_hours,
    short,
)
from actions.models import ActionRun, FollowUp, FollowUpStatus
from agents.models import Agent
from calls.models import Call, CallDirection
from infra.logs import log_context
from infra.queue import enqueue

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


def number_to_call(call: Call, values: dict[str, Any], specs: dict[str, Any]) -> tuple[str, str]:
    """The extracted callback number when there is one, else the customer's number."""
    fallback = customer_number(call)
    for name, spec in specs.items():
        value = values.get(name)
        if spec.format == "phone" and value:
            number = as_e164(str(value), like=fallback or call.to_number)
            if number:
                return number, f"the number from {name}"
            return fallback, f"{name} {value!r} is not a callable number: the caller's number"
    return fallback, "the caller's number"


def due_for(
    *,
    agent: Agent,
    call: Call,
    config: dict[str, Any],
    values: dict,
    specs: dict,
    to: str,
    times: dict | None = None,
) -> list[Due]:
    """The due time and every adjustment made to it, in order; `times` are the run's
    stated times of day for its date fields."""
    use_field = config.get("use_field") or ""
    spec = specs.get(use_field)
    due = due_from_value(
        value=values.get(use_field),
        use_field=use_field,
        value_format=spec.format if spec else "",
        call_end=call.ended_at or call.started_at,
        call_zone=call.zone,
        follow_up_time=agent.follow_up_time,
        fallback_minutes=int(config.get("fallback_delay_minutes") or 0),
        now=timezone.now(),
        stated_time=(times or {}).get(use_field) or "",
    )
    zone = (
        callee_zone(to, ZoneInfo(agent.timezone))
        if agent.calling_hours_zone == "callee"
        else (ZoneInfo(agent.timezone))
    )
    hours = calling_hours_for(
        days=agent.calling_days,
        start=agent.calling_hours_start,
        end=agent.calling_hours_end,
        zone=zone,
    )
    if hours is None:
        return [due]
    moved = into_calling_hours(due.at, hours)
    return [due, moved] if moved.reason else [due]


@dataclass(frozen=True)
class FollowUpPlan:
    """Whom a fired schedule_call would call and when, with every reason."""

    to_number: str
    number_reason: str
    dues: list[Due]

    @property
    def due_at(self) -> datetime:
        return self.dues[-1].at


def followup_plan(
    *,
    agent: Agent,
    call: Call,
    config: dict[str, Any],
    values: dict,
    specs: dict,
    times: dict | None = None,
) -> FollowUpPlan:
    """Plan the follow-up without booking it; ValueError when there is no number to call.

    `agent` and `call` may be unsaved: only their attributes are read.
    """
    to_number, number_reason = number_to_call(call, values, specs)
    if not to_number:
        raise ValueError("no number to call: nothing was extracted and the call has no caller")
    dues = due_for(
        agent=agent, call=call, config=config, values=values, specs=specs, to=to_number, times=times
    )
    return FollowUpPlan(to_number=to_number, number_reason=number_reason, dues=dues)


def followup_book(*, action_run: ActionRun, specs: dict) -> FollowUp:
    """Book the follow-up a fired schedule_call asks for; a pending one for the same
    agent and number is moved instead of stacking a second call."""
    call, action = action_run.call, action_run.action
    plan = followup_plan(
        agent=action.agent,
        call=call,
        config=action.config,
        values=action_run.extraction_run.values,
        specs=specs,
        times=action_run.extraction_run.times,
    )
    reasons = [
        f"booked by {action.name!r} for call {call.external_id}: calling {plan.number_reason}",
        *(due.reason for due in plan.dues if due.reason),
    ]
    return _upsert_pending(
        agent=action.agent,
        to_number=plan.to_number,
        from_number=action.config["from_number"],
        due_at=plan.due_at,
        reasons=reasons,
        source_call=call,
        action_run=action_run,
    )


def _upsert_pending(*, agent: Agent, to_number: str, reasons: list[str], **fields: Any) -> FollowUp:
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
        note(followup, f"rebooked (was due {short(was_due)})")
    for key, value in fields.items():
        setattr(followup, key, value)
    for reason in reasons:
        note(followup, reason)
    followup.save()
    return followup


def followup_book_by_hand(
    *, agent: Agent, to_number: str, from_number: str, due_at: datetime, by: str
) -> FollowUp:
    return _upsert_pending(
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


def followup_reschedule(*, followup: FollowUp, due_at: datetime, by: str) -> bool:
    with transaction.atomic():
        row = FollowUp.objects.select_for_update().get(pk=followup.pk)
        if row.status != FollowUpStatus.PENDING:
            return False
        note(row, f"rescheduled by {by} from {short(row.due_at)} to {short(due_at)}")
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
                f"not fired by {short(cutoff)}: more than "
                f"{settings.FOLLOW_UP_LATENESS_CUTOFF_MINUTES} minutes late",
                status=FollowUpStatus.EXPIRED,
            )
            row.save()
            expired += 1
    return expired


def followups_claim_due(*, now: datetime | None = None, limit: int = 100) -> list[int]:
    """Claim due rows for this process; no row is ever claimed by two claimants at once."""
    now = now or timezone.now()
    if connection.features.has_select_for_update_skip_locked:
        return _claim_locked(now, limit)
    return _claim_conditional(now, limit)


def _claim_update(row_ids: list[int], now: datetime) -> int:
    return (
        claimable(now)
        .filter(pk__in=row_ids)
        .update(status=FollowUpStatus.CLAIMED, lease_expires_at=now + lease_duration())
    )


def _claim_locked(now: datetime, limit: int) -> list[int]:
    with transaction.atomic():
        row_ids = list(
            claimable(now)
            .select_for_update(skip_locked=True)
            .order_by("due_at")
            .values_list("pk", flat=True)[:limit]
        )
        _claim_update(row_ids, now)
    return row_ids


def _claim_conditional(now: datetime, limit: int) -> list[int]:
    candidates = claimable(now).order_by("due_at").values_list("pk", flat=True)[:limit]
    return [row_id for row_id in list(candidates) if _claim_update([row_id], now)]


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
    """Dial claimed follow-ups one after the other; one that crashes does not stop the
    others, and keeps its lease, so the scheduler claims it again when the lease expires."""
    for followup_id in followup_ids:
        with follow_up_log_context(followup_id):
            try:
                followup_dial(followup_id=followup_id)
            except Exception:
                logger.exception("dialling follow-up %s crashed", followup_id)


def follow_up_log_context(followup_id: int) -> AbstractContextManager[None]:
    """Log lines written while dialling name the follow-up and the call it came from."""
    call_id = FollowUp.objects.filter(pk=followup_id).values_list("source_call_id", flat=True)
    return log_context(call_id=call_id.first(), follow_up_id=followup_id)


def followup_dial(*, followup_id: int) -> None:
    """Hand a claimed follow-up to the dialer; retry on the dial schedule on failure."""
    with transaction.atomic():
        row = FollowUp.objects.select_for_update().get(pk=followup_id)
        if row.status not in (FollowUpStatus.CLAIMED, FollowUpStatus.DIALING):
            return
        dialer = dialer_for(settings.FOLLOW_UP_DIALER)
        row.attempts += 1
        row.dialer = dialer.name
        note(
            row,
            f"handed to the {dialer.name} dialer (attempt {row.attempts})",
            status=FollowUpStatus.DIALING,
        )
        row.fired_at = timezone.now()
        row.lease_expires_at = row.fired_at + lease_duration()
        row.save()
    try:
        reference = dialer.dial(row)
    except DialFailed as error:
        followup_dial_failed(followup=row, reason=str(error), retryable=not error.permanent)
        return
    # No lease while the call waits for the voice runtime or for its result: nothing
    # re-dials a call that a dialer has accepted.
    FollowUp.objects.filter(pk=row.pk).update(dialer_reference=reference, lease_expires_at=None)


def followup_dial_failed(*, followup: FollowUp, reason: str, retryable: bool) -> None:
    """Book the next dial attempt on the retry schedule, or give up."""
    schedule = settings.FOLLOW_UP_DIAL_RETRY_MINUTES
    with transaction.atomic():
        row = FollowUp.objects.select_for_update().get(pk=followup.pk)
        if row.status not in (FollowUpStatus.CLAIMED, FollowUpStatus.DIALING):
            return
        row.lease_expires_at = None
        if retryable and row.attempts <= len(schedule):
            row.due_at = timezone.now() + timedelta(minutes=schedule[row.attempts - 1])
            note(row, f"{reason}; retrying at {short(row.due_at)}", status=FollowUpStatus.PENDING)
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
    claimed = []
    for row_id in list(waiting.order_by("due_at").values_list("pk", flat=True)[: limit * 2]):
        if len(claimed) == limit:
            break
        if waiting.filter(pk=row_id).update(lease_expires_at=now + runtime_lease()):
            claimed.append(row_id)
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
