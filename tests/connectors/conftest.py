from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client

from agents.models import Agent
from connectors.models import Connection
from connectors.services import connection_create
from tests.api.conftest import client_with, writer  # noqa: F401

SECRET = "s3cret-key-for-tests-0123456789"
STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)  # 14:05 in Istanbul, the agent's zone


@pytest.fixture
def connect(seed_agent: Agent) -> Callable[..., Connection]:
    def make(platform: str, *, secret: str = SECRET, **options: Any) -> Connection:
        return connection_create(
            agent=seed_agent, platform=platform, secret=secret, options=options
        )

    return make


@pytest.fixture
def deliver(client: Client, django_capture_on_commit_callbacks) -> Callable[..., Any]:
    """POST raw bytes to a connection's URL as the platform would; what the transaction
    queued (the analysis) runs once it commits."""

    def post(connection: Connection, body: bytes, headers: dict[str, str]) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"/hooks/{connection.platform}/{connection.token}/",
                data=body,
                content_type="application/json",
                headers=headers,
            )

    return post
