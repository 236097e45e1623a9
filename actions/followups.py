"""Booking follow-up calls, and changing a booked one by hand.

A pending follow-up to a number is moved, not doubled, when the same agent books that
number again (a unique constraint settles races). Each change is noted on the row's
history with its reason.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import phonenumbers
from django.db import IntegrityError, transaction
from django.utils import timezone

from actions.models import FollowUp, FollowUpStatus
from agents.models import Agent
from calls.models import Call, CallDirection
from extraction.timezones import local_text


def note(followup: FollowUp, reason: str, *, status: str | None = None) -> None:
    """Append a transition or adjustment, with its reason, to the row's history."""
    entry: dict[str, Any] = {"at": timezone.now().isoformat(), "reason": reason}
    if status is not None and status != followup.status:
        entry["from"], entry["to"] = followup.status, status
        followup.status = status
    followup.history = [*followup.history, entry]


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
