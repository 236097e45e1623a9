"""With Redis away (the throttle's cache and the task broker), a posted call is stored
and answered 201, and the scheduler queues its analysis once its deadline has passed."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from redis.exceptions import ConnectionError as RedisConnectionError
from rest_framework.test import APIClient

from agents.models import Agent
from calls.models import Call, CallStatus, RunStatus
from postcall_site.scheduler import tick
from tests.api.test_calls_api import body

REFUSED = "Error 111 connecting to 127.0.0.1:6390. Connection refused."


@pytest.fixture
def redis_away(monkeypatch, settings, free_tcp_port: int) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_tcp_port}/0",
        }
    }

    def refuse(*args: object, **options: object) -> str:
        raise RedisConnectionError(REFUSED)

    monkeypatch.setattr("infra.queue.async_task", refuse)


@pytest.mark.django_db(transaction=True)
def test_a_call_posted_while_redis_is_away_is_stored_then_analysed(
    runtime: APIClient, seed_agent: Agent, redis_away: None, monkeypatch, settings, caplog
) -> None:
    with caplog.at_level(logging.WARNING):
        response = runtime.post("/api/v1/calls/", body(), format="json")

    assert response.status_code == 201, response.json()
    call = Call.objects.get(external_id="rt-1")
    run = call.runs.get()
    assert run.status == RunStatus.QUEUED
    assert "ingest throttle skipped, its cache is away" in caplog.text
    assert f"run {run.pk} not queued, the broker is away" in caplog.text

    monkeypatch.undo()
    with time_machine.travel(
        timezone.now() + timedelta(seconds=settings.Q_QUEUED_DEADLINE_SECONDS + 1)
    ):
        tick()

    call.refresh_from_db()
    assert call.status == CallStatus.ANALYZED
    assert call.arrival_handled_at is not None
