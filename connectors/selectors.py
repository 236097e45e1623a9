"""Reading connections: their URL, their secrets, what they received."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from connectors.models import Connection, Delivery
from infra.secrets import secrets_in_force


def connection_url(connection: Connection) -> str:
    """The URL to paste into the platform's dashboard."""
    return f"{settings.PUBLIC_BASE_URL}/hooks/{connection.platform}/{connection.token}/"


def connection_for_delivery(*, platform: str, token: str) -> Connection | None:
    """The enabled connection a platform posts to at this URL, else None."""
    return (
        Connection.objects.select_related("agent")
        .filter(platform=platform, token=token, is_enabled=True)
        .first()
    )


def active_secrets(connection: Connection) -> list[str]:
    """The secrets that verify now, newest first: during a rotation, old and new."""
    return secrets_in_force(connection.secrets.all())


def connection_deliveries(*, connection: Connection, limit: int = 50) -> list[Delivery]:
    """The latest deliveries, newest first, without their bodies."""
    return list(
        Delivery.objects.filter(connection=connection)
        .select_related("call")
        .defer("body", "headers")
        .order_by("-received_at", "-id")[:limit]
    )


def agent_connections(*, agent_id: int) -> QuerySet[Connection]:
    return Connection.objects.filter(agent_id=agent_id).order_by("platform")
