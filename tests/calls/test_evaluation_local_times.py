"""A date and time labelled without an offset is the call's local time: `evaluate_extraction`
counts the extractor's "2026-03-17T15:00:00+03:00" right against "2026-03-17T15:00" in an
Istanbul call, and wrong against another hour."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.calls.test_evaluation_precision_recall import call, run, write

CALLBACK_AT = [
    {
        "name": "callback_at",
        "type": "string",
        "format": "date-time",
        "description": "When to call the customer back",
    }
]


@pytest.mark.parametrize(
    ("label", "right"),
    [("2026-03-17T15:00", True), ("2026-03-17T15:00:00+03:00", True),
     ("2026-03-17T12:00:00+00:00", True), ("2026-03-17T16:00", False)],
)  # fmt: skip
def test_a_local_date_and_time_label_is_the_call_s_time(
    db: None, tmp_path: Path, label: str, right: bool
) -> None:
    fields = tmp_path / "fields.json"
    fields.write_text(json.dumps(CALLBACK_AT))
    dataset = write(
        tmp_path, call("at-three", "Yes, call me next Tuesday at 3pm.", {"callback_at": label})
    )

    out, failed = run(dataset, "--fields", str(fields), "--backend", "offline", "--json")

    assert failed is None
    outcome, summary = (json.loads(line) for line in out.splitlines()[-2:])
    assert outcome["values"] == {"callback_at": "2026-03-17T15:00:00+03:00"}
    assert summary["summary"]["scores"]["callback_at"]["correct"] == int(right)
    assert ("callback_at" in outcome["mismatches"]) is not right
