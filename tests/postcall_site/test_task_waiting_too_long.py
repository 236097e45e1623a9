"""A task that has waited Q_STALL_SECONDS for a worker: /readyz says the cluster is not
taking tasks, and /metrics says the cluster is stalled."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django_q.brokers import Broker, get_broker
from django_q.conf import Conf
from django_q.tasks import async_task
from prometheus_client.parser import text_string_to_metric_families

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker(monkeypatch, worker_id: str) -> Iterator[Broker]:
    """A queue of this test's own, so that parallel tests do not see its tasks."""
    monkeypatch.setattr(Conf, "CLUSTER_NAME", f"waiting-{worker_id}")
    broker = get_broker()
    broker.purge_queue()
    yield broker
    broker.purge_queue()


def queue_a_task(broker: Broker) -> None:
    async_task("math.floor", 1.5, sync=False, broker=broker)


def stall_metrics(client) -> dict[str, float]:
    body = client.get("/metrics").content.decode()
    return {
        sample.name: sample.value
        for family in text_string_to_metric_families(body)
        for sample in family.samples
        if sample.name in ("postcall_cluster_stalled", "postcall_task_queue_oldest_seconds")
    }


def test_a_task_waiting_longer_than_the_stall_time_makes_the_site_not_ready(
    client, settings, broker: Broker
) -> None:
    settings.Q_STALL_SECONDS = 120
    queue_a_task(broker)

    with time_machine.travel(timezone.now() + timedelta(seconds=150)):
        response = client.get("/readyz")

    assert response.status_code == 503
    check = response.json()["checks"]["cluster"]
    assert check["ok"] is False
    assert "the oldest task has waited 150 s" in check["error"]
    assert "not taking tasks" in check["error"]


def test_a_task_waiting_less_than_the_stall_time_keeps_the_site_ready(
    client, settings, broker: Broker
) -> None:
    settings.Q_STALL_SECONDS = 120
    queue_a_task(broker)

    with time_machine.travel(timezone.now() + timedelta(seconds=60)):
        response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["checks"]["cluster"] == {"ok": True}


def test_the_metrics_say_how_long_the_oldest_task_waited_and_whether_that_is_a_stall(
    client, settings, broker: Broker
) -> None:
    settings.Q_STALL_SECONDS = 120
    assert stall_metrics(client) == {
        "postcall_cluster_stalled": 0,
        "postcall_task_queue_oldest_seconds": 0,
    }
    queue_a_task(broker)

    with time_machine.travel(timezone.now() + timedelta(seconds=150)):
        figures = stall_metrics(client)

    assert figures["postcall_cluster_stalled"] == 1
    assert figures["postcall_task_queue_oldest_seconds"] == pytest.approx(150, abs=5)
