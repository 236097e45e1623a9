"""`evaluate_extraction` asks each field of the config its own extractor, as a run does,
and says per call which extractor answered each field and what each one cost."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.fakes.openai_server import ModelServer, completion, schema_of

DATA = Path(__file__).resolve().parent.parent / "data"


def run(*args: str) -> list[dict]:
    out = StringIO()
    call_command("evaluate_extraction", *args, "--json", stdout=out, stderr=StringIO())
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.mark.django_db
def test_a_field_on_a_model_is_evaluated_with_it_and_the_rest_offline(
    model_server: ModelServer, tmp_path: Path
) -> None:
    fields = json.loads((DATA / "seed_fields.json").read_text())
    for spec in fields:
        if spec["name"] == "interest_level":
            spec["extractor"] = "gpt-4o-mini"
    path = tmp_path / "fields.json"
    path.write_text(json.dumps(fields))
    answer = {"values": {"interest_level": "high"}, "evidence": {"interest_level": None}}
    model_server.default = lambda request: completion(answer, completion_tokens=12)

    lines = run(str(DATA / "eval_blind.jsonl"), "--fields", str(path))

    calls, summary = lines[:-1], lines[-1]["summary"]
    assert len(calls) == summary["calls"] == len(model_server.received)
    for request in model_server.received:
        assert request.json()["model"] == "gpt-4o-mini"
        assert list(schema_of(request)["properties"]["values"]["properties"]) == ["interest_level"]
    first = calls[0]
    assert first["values"]["interest_level"] == "high"
    assert first["field_extractors"]["interest_level"]["backend"] == "openai"
    assert first["field_extractors"]["follow_up_date"] == {"backend": "offline", "model": "offline"}
    model_group = next(g for g in first["extractor_groups"] if g["backend"] == "openai")
    assert (model_group["fields"], model_group["tokens_out"]) == (["interest_level"], 12)
    assert first["partial"] is False
    assert summary["failed"] == 0
