"""`evaluate_extraction` reports precision and recall beside accuracy, with their counts.

Each call below is built so that the offline extractor's answer is known: "My name is
Ali Veli." fills the name, "No thanks." fills none, and "next Tuesday at 3pm" fills the
date 2026-03-17 with the time 15:00. Only the fields a test is about are labelled.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from tests.fakes.openai_server import ModelServer, completion, error

SEED_FIELDS = str(Path(__file__).resolve().parent.parent / "data" / "seed_fields.json")
NAMED = "My name is Ali Veli."
REFUSED = "No thanks."
AT_THREE = "Yes, call me next Tuesday at 3pm."


def call(call_id: str, said: str, expected: dict[str, Any], **extra: object) -> dict[str, Any]:
    return {
        "id": call_id,
        "started_at": "2026-03-10T14:05:00+03:00",  # a Tuesday in Istanbul
        "timezone": "Europe/Istanbul",
        "transcript": f"Agent: Who's calling, and shall we call you back?\nUser: {said}",
        "expected": expected,
        **extra,
    }


def write(tmp_path: Path, *calls: dict[str, Any]) -> str:
    path = tmp_path / "calls.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in calls))
    return str(path)


def run(*args: str) -> tuple[str, str | None]:
    out = StringIO()
    try:
        call_command("evaluate_extraction", *args, stdout=out, stderr=StringIO())
    except CommandError as failed:
        return out.getvalue(), str(failed)
    return out.getvalue(), None


def summary_of(dataset: str, *args: str) -> dict[str, Any]:
    out, _ = run(dataset, "--fields", SEED_FIELDS, "--json", *args)
    return json.loads(out.splitlines()[-1])["summary"]


def row(table: str, header: str, name: str) -> str:
    """`name`'s row, one space between cells, in the table whose header starts with `header`."""
    lines = [" ".join(line.split()) for line in table.splitlines()]
    start = next(n for n, line in enumerate(lines) if line.startswith(f"field {header} "))
    return next(line for line in lines[start + 1 :] if line.startswith(f"{name} "))


def test_a_value_filled_where_the_label_is_null_lowers_precision_not_recall(
    db: None, tmp_path: Path
) -> None:
    dataset = write(
        tmp_path,
        call("right", NAMED, {"customer_name": "Ali Veli"}),
        call("unstated", NAMED, {"customer_name": None}),
    )

    summary = summary_of(dataset, "--backend", "offline")

    assert summary["scores"]["customer_name"] == {
        "correct": 1,
        "labelled": 2,
        "accuracy": 0.5,
        "filled": 2,
        "filled_right": 1,
        "precision": 0.5,
        "stated": 1,
        "found": 1,
        "recall": 1.0,
    }


def test_a_stated_value_missed_lowers_recall_and_a_right_null_counts_in_neither(
    db: None, tmp_path: Path
) -> None:
    dataset = write(
        tmp_path,
        call("right", NAMED, {"customer_name": "Ali Veli"}),
        call("missed", REFUSED, {"customer_name": "Maria Gonzalez"}),
        call("silent", REFUSED, {"customer_name": None}),
    )

    summary = summary_of(dataset, "--backend", "offline")

    assert summary["scores"]["customer_name"] == {
        "correct": 2,
        "labelled": 3,
        "accuracy": 0.6667,
        "filled": 1,
        "filled_right": 1,
        "precision": 1.0,
        "stated": 2,
        "found": 1,
        "recall": 0.5,
    }
    assert summary["fields"]["customer_name"] == {"correct": 2, "labelled": 3, "accuracy": 0.6667}


def test_the_table_shows_the_figures_with_their_counts_and_a_dash_for_none(
    db: None, tmp_path: Path
) -> None:
    dataset = write(
        tmp_path,
        call("right", NAMED, {"customer_name": "Ali Veli"}),
        call("unstated", NAMED, {"customer_name": None}),
        call("missed", REFUSED, {"customer_name": "Maria Gonzalez"}),
        call("missed too", REFUSED, {"customer_name": "Kemal Yilmaz"}),
    )

    table, failure = run(dataset, "--fields", SEED_FIELDS, "--backend", "offline")

    assert failure is None
    assert row(table, "correct", "customer_name") == "customer_name 1 4 25.0%"
    # filled, right among them, precision; stated, found, recall
    assert row(table, "filled", "customer_name") == "customer_name 2 1 50.0% 3 1 33.3%"
    assert row(table, "filled", "callback_number") == "callback_number 0 0 — 0 0 —"
    assert row(table, "filled", "overall") == "overall 2 1 50.0% 3 1 33.3%"
    assert table.splitlines()[-1] == "4 call(s), 0 failed (counted as wrong); overall 25.0%"
    summary = summary_of(dataset, "--backend", "offline")
    assert (summary["overall_accuracy"], summary["overall_precision"]) == (0.25, 0.5)
    assert summary["overall_recall"] == 0.3333


def test_a_date_with_the_wrong_time_is_filled_but_not_right(db: None, tmp_path: Path) -> None:
    on_tuesday = {"follow_up_date": "2026-03-17"}
    dataset = write(
        tmp_path,
        call("at 3", AT_THREE, on_tuesday, expected_time="15:00"),
        call("at 4", AT_THREE, on_tuesday, expected_time="16:00"),
        call("no date", REFUSED, {"follow_up_date": None}, expected_time=None),
    )

    summary = summary_of(dataset, "--backend", "offline")

    scores = summary["scores"]["follow_up_date"]
    assert (scores["correct"], scores["labelled"]) == (2, 3)
    assert (scores["filled"], scores["filled_right"], scores["precision"]) == (2, 1, 0.5)
    assert (scores["stated"], scores["found"], scores["recall"]) == (2, 1, 0.5)


@pytest.fixture
def openai_settings(settings, openai_server: ModelServer):
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = openai_server.base_url
    settings.OPENAI_MAX_RETRIES = 0
    return settings


def test_a_failed_call_lowers_accuracy_and_recall_but_not_precision(
    db: None, tmp_path: Path, openai_settings, openai_server: ModelServer
) -> None:
    named = {"customer_name": "Ali Veli"}
    openai_server.then(
        completion({"values": named, "evidence": {"customer_name": NAMED}}),
        error(400, message="model 'gpt-x' does not exist"),
    )
    dataset = write(tmp_path, call("answered", NAMED, named), call("failed", NAMED, named))

    table, failure = run(dataset, "--fields", SEED_FIELDS, "--backend", "openai")

    assert failure == "1 of 2 call(s) failed"
    assert row(table, "correct", "customer_name") == "customer_name 1 2 50.0%"
    assert row(table, "filled", "customer_name") == "customer_name 1 1 100.0% 2 1 50.0%"
    assert "(a failed call fills nothing: it lowers recall, not precision)" in table
