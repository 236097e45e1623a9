"""Calls stored before the search text existed become searchable when it is added."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from calls.models import Call

BEFORE = [("calls", "0002_run_versions")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_in_every_stored_calls_search_text() -> None:
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    agent = old.get_model("agents", "Agent").objects.create(name="A", slug="a", timezone="UTC")
    call = old.get_model("calls", "Call").objects.create(
        agent=agent,
        external_id="old",
        started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
        timezone="UTC",
        transcript=[{"role": "user", "text": "About the blue panels."}],
    )
    run = old.get_model("calls", "ExtractionRun").objects.create(
        call=call, status="succeeded", values={"customer_name": "José Ñúñez", "level": None}
    )
    call.latest_run = run
    call.save()

    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    assert Call.objects.get(external_id="old").search_text == "josé ñúñez\nabout the blue panels."
