"""The queue dialer's calls: the voice runtime takes the follow-ups waiting, each once,
and reports how each went."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from actions.followup_dialling import followup_dial_failed
from actions.followups import note
from actions.models import FollowUp, FollowUpStatus
from agents.models import Agent
from calls.models import Call
from infra.claims import claim_batch


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
