"""A task result that django-q2 could not store is logged with the task's name and, on the
Redis broker, counted by /metrics."""

from __future__ import annotations

import logging
import uuid

import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from infra.cluster import ResultSink

pytestmark = pytest.mark.django_db


class BrokenTaskTable:
    class objects:
        @staticmethod
        def get(**lookup: object) -> None:
            raise RuntimeError("connection to server at 127.0.0.1, port 5432 failed")


def failed_task() -> dict:
    return {
        "id": uuid.uuid4().hex,
        "name": "extraction-run-7",
        "func": "calls.tasks.execute_extraction_run",
        "args": (7,),
        "kwargs": {},
        "started": timezone.now(),
        "stopped": timezone.now(),
        "result": "boom",
        "success": False,
    }


def unsaved_count(client) -> float:
    body = client.get("/metrics").content.decode()
    for family in text_string_to_metric_families(body):
        for sample in family.samples:
            if sample.name == "postcall_task_results_unsaved_total":
                return sample.value
    raise AssertionError("no postcall_task_results_unsaved_total in /metrics")


def test_a_result_that_could_not_be_saved_is_logged_and_counted(
    client, settings, monkeypatch, caplog
) -> None:
    before = unsaved_count(client)
    monkeypatch.setattr("django_q.monitor.Task", BrokenTaskTable)

    with caplog.at_level(logging.ERROR):
        ResultSink().put(failed_task())

    assert "the result of task extraction-run-7 (calls.tasks.execute_extraction_run)" in caplog.text
    assert unsaved_count(client) == before + (1 if settings.REDIS_URL else 0)


def test_a_saved_result_is_not_counted(client, settings, caplog) -> None:
    before = unsaved_count(client)

    with caplog.at_level(logging.ERROR):
        ResultSink().put(failed_task())

    assert "was not saved" not in caplog.text
    assert unsaved_count(client) == before
