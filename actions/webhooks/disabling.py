"""Switching off a webhook action whose receiver is gone or keeps failing."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings

from actions.models import DeliveryStatus, WebhookDelivery
from agents.models import Action


def action_disable(*, action: Action, reason: str) -> None:
    """Switch the action off, saying why, and fail the deliveries still waiting for it."""
    Action.objects.filter(pk=action.pk).update(enabled=False, disabled_reason=reason)
    WebhookDelivery.objects.filter(action=action, status__in=[DeliveryStatus.PENDING]).update(
        status=DeliveryStatus.FAILED, next_attempt_at=None, last_error=f"action disabled: {reason}"
    )


def action_disable_if_failing_too_long(*, action: Action, now: datetime) -> None:
    """Switch the action off when every delivery since its last success, for longer than
    WEBHOOK_DISABLE_AFTER_FAILING_HOURS, has failed."""
    window = timedelta(hours=settings.WEBHOOK_DISABLE_AFTER_FAILING_HOURS)
    last_success = (
        action.deliveries.filter(status=DeliveryStatus.SUCCEEDED)
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
    failing = action.deliveries.filter(attempt_count__gt=0, is_test=False).exclude(
        status=DeliveryStatus.SUCCEEDED
    )
    if last_success is not None:
        failing = failing.filter(created_at__gt=last_success)
    first_failure = failing.order_by("created_at").values_list("created_at", flat=True).first()
    if first_failure is not None and now - first_failure > window:
        action_disable(
            action=action,
            reason=f"every delivery has failed since {first_failure:%Y-%m-%d %H:%M} UTC "
            f"(more than {window.total_seconds() / 3600:g} hours)",
        )
