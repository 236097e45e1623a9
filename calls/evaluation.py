"""Measure a field config on a labelled set of calls, without storing anything.

Three figures per field and overall, each over the calls that label the field:
accuracy is right values among labelled ones; precision is right values among those the
extractor filled (a wrong value fires actions, where a null with its reason does not);
recall is values found right among those the label states (non-null).

A call whose extraction failed counts as wrong on every labelled field (an empty answer
is no right answer, even where the label is empty) and is listed apart. It filled
nothing, so it lowers recall but not precision. A call may carry `expected_time`
("HH:MM" or null) beside `expected`: the local time of day the customer asked to be
called at; its date field then counts as right only when the date and the stated time
both match, in all three figures.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from calls.calibration import Calibration, as_json, calibration
from extraction.engine import Backend, default_extractor, extract_grouped, extractor_backends
from extraction.offline import OfflineBackend
from extraction.offline_confidence import counted
from extraction.timezones import known_timezones
from extraction.transcripts import TranscriptInvalid, parse_transcript
from extraction.types import BackendError, ExtractionRequest, FieldSpec, Quote, Turn
from extraction.validation import validate_answer


@dataclass(frozen=True)
class EvaluationCall:
    id: str
    started_at: datetime
    timezone: ZoneInfo
    turns: tuple[Turn, ...]
    expected: dict[str, Any] | None
    expected_time: str | None = None
    has_expected_time: bool = False


@dataclass
class CallOutcome:
    """One call's result, with everything the stored run would keep."""

    call: EvaluationCall
    values: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, Quote] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    times: dict[str, str] = field(default_factory=dict)
    null_reasons: dict[str, str] = field(default_factory=dict)
    confidences: dict[str, float | None] = field(default_factory=dict)
    ungrounded: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    truncated: bool = False
    reasked: bool = False
    model: str = ""
    failure: str = ""
    field_extractors: dict[str, dict[str, str]] = field(default_factory=dict)
    extractor_groups: list[dict[str, Any]] = field(default_factory=list)
    partial: bool = False

    def correct(self, spec: FieldSpec, timed: str | None) -> bool:
        """Whether the field's value is right; a failed call is right on nothing."""
        expected = (self.call.expected or {})[spec.name]
        if self.failure or not same_value(self.values.get(spec.name), expected, self.call.timezone):
            return False
        if spec.name != timed or expected is None:
            return True
        return self.times.get(spec.name) == self.call.expected_time

    def as_json(self, timed: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.call.id,
            "values": self.values,
            "evidence": self.evidence,
            "errors": self.errors,
            "times": self.times,
            "null_reasons": self.null_reasons,
            "confidences": self.confidences,
            "ungrounded": self.ungrounded,
            "notes": self.notes,
            "truncated": self.truncated,
            "reasked": self.reasked,
            "model": self.model,
            "field_extractors": self.field_extractors,
            "extractor_groups": self.extractor_groups,
            "partial": self.partial,
        }
        if self.failure:
            data["failure"] = self.failure
        if self.call.expected is not None:
            data["mismatches"] = {
                name: {"expected": expected, "got": self.values.get(name)}
                for name, expected in self.call.expected.items()
                if self.failure
                or not same_value(self.values.get(name), expected, self.call.timezone)
            }
            if (
                timed
                and self.call.has_expected_time
                and self.call.expected.get(timed) is not None
                and self.times.get(timed) != self.call.expected_time
            ):
                data["mismatches"][f"{timed}.time"] = {
                    "expected": self.call.expected_time,
                    "got": self.times.get(timed),
                }
        return data


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass(frozen=True)
class FieldScore:
    """One field's counts, kept beside the ratios so that a reader can check them."""

    correct: int = 0
    labelled: int = 0
    filled: int = 0
    filled_right: int = 0
    stated: int = 0
    found: int = 0

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.correct, self.labelled)

    @property
    def precision(self) -> float | None:
        return _ratio(self.filled_right, self.filled)

    @property
    def recall(self) -> float | None:
        return _ratio(self.found, self.stated)

    def __add__(self, other: FieldScore) -> FieldScore:
        return FieldScore(
            correct=self.correct + other.correct,
            labelled=self.labelled + other.labelled,
            filled=self.filled + other.filled,
            filled_right=self.filled_right + other.filled_right,
            stated=self.stated + other.stated,
            found=self.found + other.found,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "correct": self.correct,
            "labelled": self.labelled,
            "accuracy": self.accuracy,
            "filled": self.filled,
            "filled_right": self.filled_right,
            "precision": self.precision,
            "stated": self.stated,
            "found": self.found,
            "recall": self.recall,
        }


@dataclass
class Report:
    fields: tuple[FieldSpec, ...]
    outcomes: list[CallOutcome]

    @property
    def timed_field(self) -> str | None:
        """The date field that `expected_time` labels: the first with format date."""
        if not any(o.call.has_expected_time for o in self.outcomes):
            return None
        return next((spec.name for spec in self.fields if spec.format == "date"), None)

    def scores(self) -> dict[str, FieldScore]:
        timed = self.timed_field
        return {spec.name: self._score(spec, timed) for spec in self.fields}

    def _score(self, spec: FieldSpec, timed: str | None) -> FieldScore:
        """A failed call is wrong on the field and, its values empty, fills nothing."""
        labelled = [o for o in self.outcomes if o.call.expected and spec.name in o.call.expected]
        right = [o for o in labelled if o.correct(spec, timed)]
        return FieldScore(
            correct=len(right),
            labelled=len(labelled),
            filled=sum(o.values.get(spec.name) is not None for o in labelled),
            filled_right=sum(o.values.get(spec.name) is not None for o in right),
            stated=sum((o.call.expected or {})[spec.name] is not None for o in labelled),
            found=sum((o.call.expected or {})[spec.name] is not None for o in right),
        )

    def calibration(self, name: str | None = None, *, filled: bool = False) -> Calibration:
        """How well the confidences tell right values from wrong, for one field or all;
        values without a confidence, and failed calls, are left out. `filled` keeps the
        values filled only: the ones that fire actions, which a review holds."""
        timed = self.timed_field
        return calibration(
            [
                (confidence, o.correct(spec, timed))
                for o in self.outcomes
                for spec in self.fields
                if (name is None or spec.name == name)
                and o.call.expected
                and spec.name in o.call.expected
                and (confidence := o.confidences.get(spec.name)) is not None
                and not (filled and o.values.get(spec.name) is None)
            ]
        )

    def time_accuracy(self) -> tuple[int, int] | None:
        """Right stated times among calls whose date is labelled with a time."""
        timed = self.timed_field
        if timed is None:
            return None
        labelled = [
            o
            for o in self.outcomes
            if o.call.has_expected_time and (o.call.expected or {}).get(timed) is not None
        ]
        right = sum(not o.failure and o.times.get(timed) == o.call.expected_time for o in labelled)
        return right, len(labelled)

    def summary(self) -> dict[str, Any]:
        scores = self.scores()
        overall = sum(scores.values(), FieldScore())
        summary: dict[str, Any] = {
            "calls": len(self.outcomes),
            "failed": sum(bool(o.failure) for o in self.outcomes),
            "failures": {o.call.id: o.failure for o in self.outcomes if o.failure},
            # `fields` keeps its first three keys only, as readers compare its entries
            # whole; `scores` has every figure.
            "fields": {
                name: {"correct": s.correct, "labelled": s.labelled, "accuracy": s.accuracy}
                for name, s in scores.items()
            },
            "scores": {name: s.as_json() for name, s in scores.items()},
            "overall_accuracy": overall.accuracy,
            "overall_precision": overall.precision,
            "overall_recall": overall.recall,
            "calibration": {
                "overall": as_json(self.calibration()),
                "filled": as_json(self.calibration(filled=True)),
                "fields": {spec.name: as_json(self.calibration(spec.name)) for spec in self.fields},
            },
        }
        times = self.time_accuracy()
        if times is not None:
            right, total = times
            summary["stated_times"] = {
                "field": self.timed_field,
                "correct": right,
                "labelled": total,
                "accuracy": _ratio(right, total),
            }
        return summary


def same_value(got: Any, expected: Any, zone: ZoneInfo | None = None) -> bool:
    """Whether an extracted value is the labelled one; a date and time labelled without an
    offset ("2026-03-11T16:00") is the call's local time, the same moment as the
    extractor's "2026-03-11T16:00:00+05:30"."""
    if isinstance(expected, str) and isinstance(got, str):
        moments = _moment(got, zone), _moment(expected, zone)
        if None not in moments:
            return moments[0] == moments[1]
        return " ".join(got.split()).casefold() == " ".join(expected.split()).casefold()
    if isinstance(expected, bool) or isinstance(got, bool):
        return got is expected
    return got == expected


def _moment(value: str, zone: ZoneInfo | None) -> datetime | None:
    if zone is None or "T" not in value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


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
    expected_time = data.get("expected_time")
    if expected_time is not None and not (
        isinstance(expected_time, str) and re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", expected_time)
    ):
        raise _line_error(number, f"expected_time {expected_time!r} is not HH:MM or null")
    return EvaluationCall(
        id=str(data["id"]),
        started_at=started_at,
        timezone=ZoneInfo(data["timezone"]),
        turns=tuple(Turn(role=t["role"], text=t["text"], offset=t.get("offset")) for t in turns),
        expected=expected,
        expected_time=expected_time,
        has_expected_time="expected_time" in data,
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
    on_call: Callable[[CallOutcome], object] = lambda _: None,
) -> Report:
    outcomes = []
    default = default_extractor(backend.name, model)
    backends = extractor_backends(backend)
    for call in calls:
        outcome = CallOutcome(call=call)
        request = _request(call, fields, model)
        try:
            extraction = extract_grouped(request, default=default, backend_for=backends)
        except BackendError as error:
            outcome.failure = str(error)
        else:
            result, answer = extraction.result, extraction.answer
            outcome.values, outcome.evidence, outcome.errors = (
                result.values,
                result.evidence,
                result.errors,
            )
            outcome.times, outcome.null_reasons = result.times, result.reasons
            outcome.confidences = result.confidences
            outcome.ungrounded = result.ungrounded
            outcome.notes = [
                *answer.notes,
                *(["re-asked once with the validation errors"] if extraction.reasked else []),
            ]
            outcome.truncated, outcome.reasked = answer.truncated, extraction.reasked
            outcome.model = answer.model
            outcome.field_extractors = extraction.field_extractors()
            outcome.extractor_groups = [group.as_json() for group in extraction.groups]
            outcome.partial = extraction.partial
        outcomes.append(outcome)
        on_call(outcome)
    return Report(fields=fields, outcomes=outcomes)


def _request(
    call: EvaluationCall, fields: tuple[FieldSpec, ...], model: str = ""
) -> ExtractionRequest:
    return ExtractionRequest(
        fields=fields,
        turns=call.turns,
        started_at=call.started_at,
        timezone=call.timezone,
        model=model,
    )


def _percent(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio:.1%}"


def _accuracy_lines(rows: dict[str, dict[str, Any]], width: int) -> list[str]:
    lines = [f"{'field':<{width}}  correct  labelled  accuracy"]
    for name, counts in rows.items():
        accuracy = _percent(counts["accuracy"])
        lines.append(
            f"{name:<{width}}  {counts['correct']:>7}  {counts['labelled']:>8}  {accuracy:>8}"
        )
    return lines


def _precision_recall_lines(rows: Sequence[tuple[str, FieldScore]], width: int) -> list[str]:
    lines = [f"{'field':<{width}}  filled  right  precision  stated  found  recall"]
    for name, score in rows:
        precision, recall = _percent(score.precision), _percent(score.recall)
        lines.append(
            f"{name:<{width}}  {score.filled:>6}  {score.filled_right:>5}  "
            f"{precision:>9}  {score.stated:>6}  {score.found:>5}  {recall:>6}"
        )
    return lines


def _calibration_lines(report: Report, width: int) -> list[str]:
    """The reliability table over every value with a confidence, then, per field, the
    calibration error, AUROC and the wrong values caught by reviewing the least
    confident fifth."""
    overall = report.calibration()
    if not overall.values:
        return ["", "(no value has a confidence: no calibration)"]
    lines = ["", "confidence  values  right"]
    lines += [
        f"{band.low:.1f}-{band.high:.1f}   {band.values:6}  {_percent(band.right):>6}"
        for band in overall.bands
    ]
    lines.append(
        f"calibration error {_percent(overall.expected_error)}, AUROC "
        f"{_number(overall.auroc)}; {_caught_line(overall, 'values')}"
    )
    filled = report.calibration(filled=True)
    if filled.values:
        lines.append(
            f"of the {filled.values} values filled: calibration error "
            f"{_percent(filled.expected_error)}, AUROC {_number(filled.auroc)}; "
            f"{_caught_line(filled, 'values filled')}"
        )
    lines += ["", f"{'field':{width}}  {'values':>6}  {'error':>6}  {'AUROC':>5}  caught at 20%"]
    for spec in report.fields:
        measured = report.calibration(spec.name)
        lines.append(
            f"{spec.name:{width}}  {measured.values:6}  {_percent(measured.expected_error):>6}"
            f"  {_number(measured.auroc):>5}  {_percent(measured.caught[0.2]):>6}"
        )
    return lines


def _caught_line(measured: Calibration, what: str) -> str:
    caught = " / ".join(_percent(share) for share in measured.caught.values())
    reachable = " / ".join(_percent(share) for share in measured.reachable.values())
    return (
        f"reviewing the least confident 10% / 20% / 30% of the {what} catches {caught} of "
        f"the wrong ones (any order could catch at most {reachable})"
    )


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def summary_table(report: Report) -> str:
    """Accuracy first, in the layout readers already parse, then precision and recall."""
    summary = report.summary()
    rows = dict(summary["fields"])
    timed = summary.get("stated_times")
    if timed:
        rows["  of which the time"] = timed
    scores = report.scores()
    # A list, not a dict: a field may be called "overall" too.
    scored = [*scores.items(), ("overall", sum(scores.values(), FieldScore()))]
    width = max([len("field"), len("overall"), *(len(name) for name in rows)])
    lines = _accuracy_lines(rows, width)
    if timed:
        lines.append(f"({timed['field']} counts as right only with the stated time too)")
    lines += ["", *_precision_recall_lines(scored, width)]
    lines += _calibration_lines(report, width)
    if summary["failed"]:
        lines.append("(a failed call fills nothing: it lowers recall, not precision)")
    for call_id, failure in summary["failures"].items():
        lines.append(f"failed {call_id}: {failure}")
    lines.append(
        f"{summary['calls']} call(s), {summary['failed']} failed (counted as wrong); overall "
        + _percent(summary["overall_accuracy"])
    )
    return "\n".join(lines)


def offline_counts(
    labelled: Sequence[tuple[Sequence[EvaluationCall], tuple[FieldSpec, ...]]],
) -> dict[str, list[int]]:
    """Right and read by the offline extractor's confidence key, over labelled sets; each
    call is read once."""
    backend = OfflineBackend()
    results: list[tuple[str, bool]] = []
    for calls, fields in labelled:
        read: list[tuple[CallOutcome, dict[str, str]]] = []
        for call in calls:
            request = _request(call, fields)
            answer, keys = backend.read(request)
            result = validate_answer(answer, request)
            read.append((CallOutcome(call=call, values=result.values, times=result.times), keys))
        timed = Report(fields=fields, outcomes=[outcome for outcome, _ in read]).timed_field
        results += [
            (keys[spec.name], outcome.correct(spec, timed))
            for outcome, keys in read
            for spec in fields
        ]
    return counted(results)
