"""Secrets rotated with a grace period: webhook signing secrets and the voice platforms'
keys alike. Each secret row has `secret`, `created_at` and `expires_at` (null: in force)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone


def secrets_expire_for_rotation(secrets: QuerySet[Any], *, grace: timedelta | None) -> None:
    """Let the secrets in force now stay valid for `grace` (WEBHOOK_ROTATION_GRACE_HOURS by
    default) while the other side changes to the new one; none is ever extended."""
    grace = grace if grace is not None else timedelta(hours=settings.WEBHOOK_ROTATION_GRACE_HOURS)
    deadline = timezone.now() + grace
    secrets.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=deadline)).update(
        expires_at=deadline
    )


def secrets_in_force(secrets: QuerySet[Any]) -> list[str]:
    """The secrets valid now, newest first: during a rotation, old and new."""
    now = timezone.now()
    return list(
        secrets.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .order_by("-created_at", "-id")
        .values_list("secret", flat=True)
    )
