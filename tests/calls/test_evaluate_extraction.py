"""`evaluate_extraction` measures a config on labelled calls, storing nothing."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from agents.models import Agent
from calls.models import Call

DATA = Path(__file__).resolve().parent.parent / "data"


def run(*args: str) -> str:
    out = StringIO()
    call_command("evaluate_extraction", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_prints_per_field_accuracy_for_a_fields_file(db: None) -> None:
    report = run(str(DATA / "eval_blind.jsonl"), "--fields", str(DATA / "seed_fields.json"))

    lines = report.splitlines()
    assert lines[0].split() == ["field", "correct", "labelled", "accuracy"]
    assert lines[4].split()[0] == "follow_up_date"
    assert lines[4].split()[2] == "8"
    assert lines[-1].startswith("8 call(s), 0 failed (counted as wrong); overall ")
    assert Call.objects.count() == 0


def test_json_output_has_a_line_a_call_and_a_summary(seed_agent: Agent) -> None:
    output = run(str(DATA / "eval_blind.jsonl"), "--agent", seed_agent.slug, "--json")

    lines = [json.loads(line) for line in output.splitlines()]
    assert [line["id"] for line in lines[:-1]] == [f"b0{n}" for n in range(1, 9)]
    assert set(lines[0]) >= {"id", "values", "evidence", "errors", "mismatches"}
    assert lines[0]["values"]["follow_up_date"] == "2026-02-18"
    summary = lines[-1]["summary"]
    assert summary["calls"] == 8
    assert summary["fields"]["callback_number"]["labelled"] == 8
    assert 0 <= summary["overall_accuracy"] <= 1


def test_calls_without_expected_values_are_extracted_but_not_scored(
    tmp_path: Path, db: None
) -> None:
    dataset = tmp_path / "calls.jsonl"
    dataset.write_text(
        json.dumps(
            {
                "id": "x1",
                "started_at": "2026-03-10T14:05:00+03:00",
                "timezone": "Europe/Istanbul",
                "transcript": "Agent: Who's calling?\nUser: My name is Ali Veli.",
            }
        )
    )

    output = run(str(dataset), "--fields", str(DATA / "seed_fields.json"), "--json")

    first = json.loads(output.splitlines()[0])
    assert first["values"]["customer_name"] == "Ali Veli"
    assert "mismatches" not in first


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "line 1: not valid JSON"),
        ('{"id": "a"}', "line 1: missing started_at, timezone, transcript"),
        (
            '{"id": "a", "started_at": "2026-03-10T14:05:00", "timezone": "UTC", "transcript": []}',
            "line 1: started_at needs a UTC offset",
        ),
        (
            '{"id": "a", "started_at": "2026-03-10T14:05Z", "timezone": "Mars", "transcript": []}',
            "line 1: 'Mars' is not an IANA time zone",
        ),
    ],
)
def test_a_bad_dataset_line_is_named(tmp_path: Path, line: str, message: str, db: None) -> None:
    dataset = tmp_path / "calls.jsonl"
    dataset.write_text(line + "\n")

    with pytest.raises(CommandError, match=message):
        run(str(dataset), "--fields", str(DATA / "seed_fields.json"))


def test_an_unknown_agent_is_refused(db: None) -> None:
    with pytest.raises(CommandError, match="No agent with slug 'nobody'"):
        run(str(DATA / "eval_blind.jsonl"), "--agent", "nobody")
