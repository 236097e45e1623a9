"""Measure a field config on a labelled set of calls, without storing anything."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from extraction.engine import Backend, extract
from extraction.timezones import known_timezones
from extraction.transcripts import TranscriptInvalid, parse_transcript
from extraction.types import BackendError, ExtractionRequest, FieldSpec, Turn


@dataclass(frozen=True)
class EvaluationCall:
    id: str
    started_at: datetime
    timezone: ZoneInfo
    turns: tuple[Turn, ...]
    expected: dict[str, Any] | None


@dataclass
class CallOutcome:
    call: EvaluationCall
    values: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, str | None] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    failure: str = ""

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.call.id,
            "values": self.values,
            "evidence": self.evidence,
            "errors": self.errors,
        }
        if self.failure:
            data["failure"] = self.failure
        if self.call.expected is not None:
            data["mismatches"] = {
                name: {"expected": expected, "got": self.values.get(name)}
                for name, expected in self.call.expected.items()
                if not same_value(self.values.get(name), expected)
            }
        return data


@dataclass
class Report:
    fields: tuple[FieldSpec, ...]
    outcomes: list[CallOutcome]

    def accuracy(self) -> dict[str, tuple[int, int]]:
        """Correct and labelled counts per field."""
        counts = {}
        for spec in self.fields:
            labelled = [
                o for o in self.outcomes if o.call.expected and spec.name in o.call.expected
            ]
            correct = sum(
                same_value(o.values.get(spec.name), o.call.expected[spec.name]) for o in labelled
            )
            counts[spec.name] = (correct, len(labelled))
        return counts

    def summary(self) -> dict[str, Any]:
        accuracy = self.accuracy()
        correct = sum(c for c, _ in accuracy.values())
        labelled = sum(n for _, n in accuracy.values())
        return {
            "calls": len(self.outcomes),
            "failed": sum(bool(o.failure) for o in self.outcomes),
            "fields": {
                name: {"correct": c, "labelled": n, "accuracy": round(c / n, 4) if n else None}
                for name, (c, n) in accuracy.items()
            },
            "overall_accuracy": round(correct / labelled, 4) if labelled else None,
        }


def same_value(got: Any, expected: Any) -> bool:
    if isinstance(expected, str) and isinstance(got, str):
        return " ".join(got.split()).casefold() == " ".join(expected.split()).casefold()
    if isinstance(expected, bool) or isinstance(got, bool):
        return got is expected
    return got == expected


def _line_error(number: int, message: str) -> ValueError:
    return ValueError(f"line {number}: {message}")


def parse_call(number: int, data: Any) -> EvaluationCall:
    if not isinstance(data, dict):
        raise _line_error(number, "must be a JSON object")
    missing = [key for key in ("id", "started_at", "timezone", "transcript") if key not in data]
    if missing:
        raise _line_error(number, f"missing {', '.join(missing)}")
    if data["timezone"] not in known_timezones():
        raise _line_error(number, f"{data['timezone']!r} is not an IANA time zone")
    try:
        started_at = datetime.fromisoformat(data["started_at"])
    except (TypeError, ValueError) as error:
        raise _line_error(number, f"started_at {data['started_at']!r} is not ISO 8601") from error
    if started_at.tzinfo is None:
        raise _line_error(number, "started_at needs a UTC offset")
    try:
        turns = parse_transcript(data["transcript"])
    except TranscriptInvalid as error:
        raise _line_error(number, str(error)) from error
    expected = data.get("expected")
    if expected is not None and not isinstance(expected, dict):
        raise _line_error(number, "expected must be an object of field values")
    return EvaluationCall(
        id=str(data["id"]),
        started_at=started_at,
        timezone=ZoneInfo(data["timezone"]),
        turns=tuple(Turn(role=t["role"], text=t["text"], offset=t.get("offset")) for t in turns),
        expected=expected,
    )


def load_dataset(path: Path) -> list[EvaluationCall]:
    calls = []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise _line_error(number, f"not valid JSON: {error.msg}") from error
        calls.append(parse_call(number, data))
    return calls


def evaluate(
    calls: Sequence[EvaluationCall],
    *,
    fields: tuple[FieldSpec, ...],
    backend: Backend,
    model: str = "",
    on_call: Callable[[CallOutcome], None] = lambda _: None,
) -> Report:
    outcomes = []
    for call in calls:
        outcome = CallOutcome(call=call)
        request = ExtractionRequest(
            fields=fields,
            turns=call.turns,
            started_at=call.started_at,
            timezone=call.timezone,
            model=model,
        )
        try:
            result = extract(request, backend).result
        except BackendError as error:
            outcome.failure = str(error)
        else:
            outcome.values, outcome.evidence, outcome.errors = (
                result.values,
                result.evidence,
                result.errors,
            )
        outcomes.append(outcome)
        on_call(outcome)
    return Report(fields=fields, outcomes=outcomes)


def summary_table(report: Report) -> str:
    summary = report.summary()
    width = max([len("field"), *(len(name) for name in summary["fields"])])
    lines = [f"{'field':<{width}}  correct  labelled  accuracy"]
    for name, counts in summary["fields"].items():
        accuracy = "—" if counts["accuracy"] is None else f"{counts['accuracy']:.1%}"
        lines.append(
            f"{name:<{width}}  {counts['correct']:>7}  {counts['labelled']:>8}  {accuracy:>8}"
        )
    overall = summary["overall_accuracy"]
    lines.append(
        f"{summary['calls']} call(s), {summary['failed']} failed; overall "
        + ("—" if overall is None else f"{overall:.1%}")
    )
    return "\n".join(lines)
