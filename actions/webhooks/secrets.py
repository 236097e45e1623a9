"""Webhook signing secrets: set, rotated with a grace period, never shown twice."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from actions.models import WebhookSecret
from actions.signing import generate_secret
from agents.models import Action


def webhook_secret_set(*, action: Action, secret: str = "") -> str:
    """Give the action a signing secret (a new one when empty) and return it, once."""
    secret = secret or generate_secret()
    WebhookSecret.objects.create(action=action, secret=secret)
    return secret


def webhook_secret_rotate(
    *, action: Action, secret: str = "", grace: timedelta | None = None
) -> str:
    """Start signing with a new secret (given or generated); old ones stay valid for `grace`."""
    grace = grace if grace is not None else timedelta(hours=settings.WEBHOOK_ROTATION_GRACE_HOURS)
    now = timezone.now()
    action.webhook_secrets.filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now + grace)
    ).update(expires_at=now + grace)
    return webhook_secret_set(action=action, secret=secret)


def active_secrets(action: Action) -> list[str]:
    """The secrets that sign now, newest first."""
    now = timezone.now()
    return list(
        action.webhook_secrets.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .order_by("-created_at", "-id")
        .values_list("secret", flat=True)
    )
