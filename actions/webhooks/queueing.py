"""Storing webhook deliveries and handing them to the task workers.

A delivery is claimed (status `delivering` with a lease) before each attempt, by the
code that queues it; a claim whose worker died expires and the scheduler claims the
row again, so a queued delivery survives a crash.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from actions.models import ActionRun, DeliveryStatus, WebhookDelivery
from actions.signing import new_message_id
from agents.models import Action
from calls.models import Call
from infra.claims import claim_and_enqueue, due_or_abandoned

ATTEMPT_TASK = "actions.tasks.attempt_delivery"


def lease_duration() -> timedelta:
    return timedelta(seconds=settings.Q_TASK_TIMEOUT)


def delivery_create(
    *,
    action: Action,
    url: str,
    event_type: str,
    body: bytes,
    call: Call | None = None,
    action_run: ActionRun | None = None,
    method: str = "POST",
    content_type: str = "application/json",
) -> WebhookDelivery:
    """Store a delivery and send its first attempt as soon as the transaction commits."""
    delivery = WebhookDelivery.objects.create(
        action=action,
        action_run=action_run,
        call=call,
        event_type=event_type,
        message_id=new_message_id(),
        url=url,
        method=method,
        content_type=content_type,
        body=body.decode(),
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(lambda: deliveries_dispatch(ids=[delivery.pk]))
    return delivery


def delivery_create_test(
    *,
    action: Action,
    url: str,
    event_type: str,
    body: bytes,
    method: str = "POST",
    content_type: str = "application/json",
) -> WebhookDelivery:
    """Store a test delivery, claimed for the attempt the caller makes at once; never
    retried."""
    return WebhookDelivery.objects.create(
        action=action,
        event_type=event_type,
        is_test=True,
        message_id=new_message_id(),
        url=url,
        method=method,
        content_type=content_type,
        body=body.decode(),
        status=DeliveryStatus.DELIVERING,
        lease_expires_at=timezone.now() + lease_duration(),
    )


def due_deliveries(now: datetime) -> QuerySet[WebhookDelivery]:
    return due_or_abandoned(
        WebhookDelivery.objects.all(),
        waiting=DeliveryStatus.PENDING,
        claimed=DeliveryStatus.DELIVERING,
        now=now,
    )


def deliveries_dispatch(*, ids: list[int] | None = None, limit: int = 100) -> int:
    """Claim due deliveries (all, or these) and queue an attempt for each; return how many."""
    if not settings.WEBHOOKS_ENABLED:
        return 0
    now = timezone.now()
    candidates = due_deliveries(now)
    if ids is not None:
        candidates = candidates.filter(pk__in=ids)
    return claim_and_enqueue(
        candidates,
        claimed=DeliveryStatus.DELIVERING,
        lease_expires_at=now + lease_duration(),
        task=ATTEMPT_TASK,
        limit=limit,
    )


def delivery_resend(*, delivery: WebhookDelivery) -> None:
    """Send a delivery again now, with the same webhook-id."""
    WebhookDelivery.objects.filter(pk=delivery.pk).exclude(status=DeliveryStatus.DELIVERING).update(
        status=DeliveryStatus.PENDING, next_attempt_at=timezone.now(), finished_at=None
    )
    transaction.on_commit(lambda: deliveries_dispatch(ids=[delivery.pk]))
