"""/healthz and /readyz: what an orchestrator sees when it probes an instance."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

# Orchestrators probe an instance by its IP address, which ALLOWED_HOSTS does not list.
POD_HOST = "10.1.2.3:8000"


def test_healthz_answers_without_touching_the_database(client) -> None:
    # No django_db mark: any query here would fail the test.
    response = client.get("/healthz", HTTP_HOST=POD_HOST)

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_needs_no_login_and_refuses_writes(client) -> None:
    assert client.get("/healthz/").status_code == 200
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_readyz_lists_every_check_as_ok(client) -> None:
    response = client.get("/readyz", HTTP_HOST=POD_HOST)

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": {"ok": True},
            "migrations": {"ok": True},
            "broker": {"ok": True},
            "cluster": {"ok": True},
        },
    }


@pytest.mark.django_db
def test_readyz_is_503_when_the_redis_broker_does_not_answer(
    client, settings, closed_port: int
) -> None:
    settings.REDIS_URL = f"redis://127.0.0.1:{closed_port}/0"

    response = client.get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["broker"]["ok"] is False
    assert "ConnectionError" in body["checks"]["broker"]["error"]


@pytest.mark.django_db
def test_readyz_is_503_while_a_migration_is_unapplied(client) -> None:
    (latest,) = [name for app, name in MigrationLoader(connection).graph.leaf_nodes("actions")]
    MigrationRecorder(connection).record_unapplied("actions", latest)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == {
        "ok": False,
        "error": f"RuntimeError: 1 unapplied migration(s): actions.{latest}",
    }
