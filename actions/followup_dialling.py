"""Dialling claimed follow-ups. A failed dial is retried on FOLLOW_UP_DIAL_RETRY_MINUTES
by the one retry policy (`infra/retry.py`).

A hand-off to a dialer is made under a key (`FollowUp.dial_key`) that stays on the row
until the dialer's answer settles it. A row taken again while its key is still there (its
worker died, or the dial timed out after the request went out) may already be ringing: it
is handed again with the same key to a dialer that deduplicates, and to no other.
"""

from __future__ import annotations

import logging
import time
from contextlib import AbstractContextManager
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from actions.dialers import DIALERS, Dialer, DialFailed, dialer_for, idempotency_key
from actions.followup_dispatch import lease_duration
from actions.followups import note
from actions.models import FollowUp, FollowUpStatus
from extraction.timezones import local_text
from infra.claims import seconds_from_now
from infra.logs import log_context
from infra.retry import RetryPolicy

logger = logging.getLogger(__name__)


def followups_dial(*, follow_up_ids: list[int]) -> None:
    """Dial claimed follow-ups one after the other, within the task's time limit; one that
    crashes does not stop the others, and keeps its lease, so the scheduler claims it
    again when the lease expires."""
    # A task cut by its timeout could be cut mid-dial, leaving that call in doubt: the
    # rows whose worst-case dial would not fit are given back instead, undialled.
    deadline = time.monotonic() + settings.Q_TASK_TIMEOUT - settings.FOLLOW_UP_DIAL_MARGIN_SECONDS
    worst_case = dialer_for(settings.FOLLOW_UP_DIALER).worst_case_seconds()
    for index, follow_up_id in enumerate(follow_up_ids):
        if time.monotonic() + worst_case > deadline:
            followups_release(follow_up_ids=follow_up_ids[index:])
            return
        with follow_up_log_context(follow_up_id):
            try:
                followup_dial(follow_up_id=follow_up_id)
            except Exception:
                logger.exception("dialling follow-up %s crashed", follow_up_id)


def followups_release(*, follow_up_ids: list[int]) -> int:
    """Give claimed rows back undialled: the scheduler claims them again at its next tick."""
    released = FollowUp.objects.filter(pk__in=follow_up_ids, status=FollowUpStatus.CLAIMED).update(
        lease_expires_at=timezone.now()
    )
    logger.warning(
        "released %s follow-up(s) undialled: the dial task's time was running out", released
    )
    return released


def follow_up_log_context(follow_up_id: int) -> AbstractContextManager[None]:
    """Log lines written while dialling name the follow-up and the call it came from."""
    call_id = FollowUp.objects.filter(pk=follow_up_id).values_list("source_call_id", flat=True)
    return log_context(call_id=call_id.first(), follow_up_id=follow_up_id)


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


def followup_dial(*, follow_up_id: int) -> None:
    """Hand a claimed follow-up to the dialer; retry on the dial schedule on failure."""
    with transaction.atomic():
        row = FollowUp.objects.select_for_update().get(pk=follow_up_id)
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
