"""Webhook signing secrets: set, rotated with a grace period, never shown twice."""

from __future__ import annotations

from datetime import timedelta

from actions.models import WebhookSecret
from actions.signing import generate_secret
from agents.models import Action
from infra.secrets import secrets_expire_for_rotation, secrets_in_force


def webhook_secret_set(*, action: Action, secret: str = "") -> str:
    """Give the action a signing secret (a new one when empty) and return it, once."""
    secret = secret or generate_secret()
    WebhookSecret.objects.create(action=action, secret=secret)
    return secret


def webhook_secret_rotate(
    *, action: Action, secret: str = "", grace: timedelta | None = None
) -> str:
    """Start signing with a new secret (given or generated); old ones stay valid for `grace`."""
    secrets_expire_for_rotation(action.webhook_secrets.all(), grace=grace)
    return webhook_secret_set(action=action, secret=secret)


def active_secrets(action: Action) -> list[str]:
    """The secrets that sign now, newest first."""
    return secrets_in_force(action.webhook_secrets.all())
