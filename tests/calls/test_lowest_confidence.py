"""Each call keeps the lowest confidence of its latest analysis, for the list to filter on."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from calls.models import Call

BEFORE = [("calls", "0006_run_confidences")]


def test_a_succeeded_run_stores_its_lowest_confidence_on_the_call(analysed_call: Call) -> None:
    confidences = analysed_call.latest_run.confidences
    known = [number for number in confidences.values() if number is not None]

    assert known
    assert analysed_call.lowest_confidence == min(known)


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_in_the_lowest_confidence_of_analysed_calls() -> None:
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    agent = old.get_model("agents", "Agent").objects.create(name="A", slug="a", timezone="UTC")
    OldCall = old.get_model("calls", "Call")
    OldRun = old.get_model("calls", "ExtractionRun")
    started = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)
    for external_id, confidences in [
        ("trusted", {"name": 0.9, "level": 0.72}),
        ("unknown", {"name": None}),
        ("older", {}),
    ]:
        call = OldCall.objects.create(
            agent=agent, external_id=external_id, started_at=started, timezone="UTC"
        )
        call.latest_run = OldRun.objects.create(
            call=call, status="succeeded", confidences=confidences
        )
        call.save()
    OldCall.objects.create(agent=agent, external_id="waiting", started_at=started, timezone="UTC")

    MigrationExecutor(connection).migrate(latest)

    lowest = dict(Call.objects.values_list("external_id", "lowest_confidence"))
    assert lowest == {"trusted": 0.72, "unknown": None, "older": None, "waiting": None}
