"""`evaluate_extraction` against a server that fails, and with stated times labelled."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.fakes.openai_server import ModelServer, completion, error

DATA = Path(__file__).resolve().parent.parent / "data"
SEED_FIELDS = str(DATA / "seed_fields.json")


def write(tmp_path: Path, *calls: dict) -> str:
    path = tmp_path / "calls.jsonl"
    path.write_text("\n".join(json.dumps(call) for call in calls) + "\n")
    return str(path)


def call(call_id: str, said: str, expected: dict, **extra: object) -> dict:
    return {
        "id": call_id,
        "started_at": "2026-03-10T14:05:00+03:00",  # a Tuesday in Istanbul
        "timezone": "Europe/Istanbul",
        "transcript": f"Agent: Shall we call you back?\nUser: {said}",
        "expected": expected,
        **extra,
    }


EMPTY = {"customer_name": None, "interest_level": None, "callback_number": None}


def run(*args: str) -> tuple[str, str | None]:
    out = StringIO()
    try:
        call_command("evaluate_extraction", *args, stdout=out, stderr=StringIO())
    except CommandError as failed:
        return out.getvalue(), str(failed)
    return out.getvalue(), None


@pytest.fixture
def openai_settings(settings, openai_server: ModelServer):
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = openai_server.base_url
    settings.OPENAI_MAX_RETRIES = 0
    settings.EXTRACTION_DEFAULT_MODEL = "default-model"
    return settings


def test_failed_calls_count_as_wrong_are_listed_and_fail_the_command(
    db: None, tmp_path: Path, openai_settings, openai_server: ModelServer
) -> None:
    openai_server.default = error(400, message="model 'default-model' does not exist")
    dataset = write(tmp_path, call("a", "No thanks.", EMPTY), call("b", "No.", EMPTY))

    out, failure = run(dataset, "--fields", SEED_FIELDS, "--backend", "openai")

    assert failure == "2 of 2 call(s) failed"
    lines = out.splitlines()
    assert lines[1].split() == ["customer_name", "0", "2", "0.0%"]  # empty labels: still wrong
    assert "failed a: the server refused the request (400): model 'default-model'" in out
    assert lines[-1] == "2 call(s), 2 failed (counted as wrong); overall 0.0%"


def test_the_default_model_applies_with_a_fields_file(
    db: None, tmp_path: Path, openai_settings, openai_server: ModelServer
) -> None:
    dataset = write(tmp_path, call("a", "No thanks.", EMPTY))

    _, failure = run(dataset, "--fields", SEED_FIELDS, "--backend", "openai")

    assert failure is None
    assert openai_server.last_body()["model"] == "default-model"


def test_each_json_line_carries_what_the_stored_run_would(
    db: None, tmp_path: Path, openai_settings, openai_server: ModelServer
) -> None:
    wrong = completion(
        {
            "values": {"customer_name": "Ali", "interest_level": "very high"},
            "evidence": {"customer_name": "Ali here"},
        }
    )
    openai_server.then(wrong, wrong)
    dataset = write(tmp_path, call("a", "Yes, next Tuesday at 3pm please.", EMPTY))

    out, _ = run(dataset, "--fields", SEED_FIELDS, "--backend", "openai", "--json")

    line = json.loads(out.splitlines()[0])
    assert line["ungrounded"] == ["customer_name"]
    assert line["reasked"] is True
    assert line["notes"] == ["re-asked once with the validation errors"]
    assert line["truncated"] is False
    assert line["null_reasons"]["follow_up_date"] == "not stated in the call"
    assert line["model"] == "gpt-test"


def test_a_date_counts_as_right_only_with_the_stated_time(db: None, tmp_path: Path) -> None:
    on_tuesday = {
        **EMPTY,
        "interest_level": "medium",
        "follow_up_required": True,
        "follow_up_date": "2026-03-17",
    }
    dataset = write(
        tmp_path,
        call("at3", "Yes, call me next Tuesday at 3pm.", on_tuesday, expected_time="15:00"),
        call("wrong", "Yes, call me next Tuesday at 3pm.", on_tuesday, expected_time="16:00"),
        call("day", "Yes, call me next Tuesday.", on_tuesday, expected_time=None),
    )

    out, failure = run(dataset, "--fields", SEED_FIELDS, "--json")

    lines = [json.loads(line) for line in out.splitlines()]
    assert failure is None
    assert lines[0]["times"] == {"follow_up_date": "15:00"}
    assert lines[1]["mismatches"] == {"follow_up_date.time": {"expected": "16:00", "got": "15:00"}}
    assert lines[2]["times"] == {}
    summary = lines[-1]["summary"]
    assert summary["fields"]["follow_up_date"] == {"correct": 2, "labelled": 3, "accuracy": 0.6667}
    assert summary["stated_times"] == {
        "field": "follow_up_date",
        "correct": 2,
        "labelled": 3,
        "accuracy": 0.6667,
    }


def test_a_bad_expected_time_is_named(db: None, tmp_path: Path) -> None:
    dataset = write(tmp_path, call("a", "Yes.", EMPTY, expected_time="3pm"))

    _, failure = run(dataset, "--fields", SEED_FIELDS)

    assert failure == "line 1: expected_time '3pm' is not HH:MM or null"
