"""Calls analysed before their values were kept for counting are counted once it is added."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from calls.models import CallValue

BEFORE = [("calls", "0004_field_reviews")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_latest_values_of_every_analysed_call() -> None:
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    agent = old.get_model("agents", "Agent").objects.create(name="A", slug="a", timezone="UTC")
    Call, Run = old.get_model("calls", "Call"), old.get_model("calls", "ExtractionRun")
    started = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)
    analysed = Call.objects.create(agent=agent, external_id="old", started_at=started)
    Run.objects.create(call=analysed, status="succeeded", values={"interest_level": "low"})
    latest_run = Run.objects.create(
        call=analysed,
        status="succeeded",
        values={"interest_level": "high", "follow_up_required": True, "callback_number": None},
    )
    analysed.latest_run = latest_run
    analysed.save()
    failed = Call.objects.create(agent=agent, external_id="failed", started_at=started)
    Run.objects.create(call=failed, status="failed", values={"interest_level": "high"})

    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    kept = CallValue.objects.values_list("call__external_id", "field", "value", "started_at")
    assert sorted(kept) == [
        ("old", "follow_up_required", "true", started),
        ("old", "interest_level", '"high"', started),
    ]
