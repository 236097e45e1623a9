"""A call's AI Analysis: every value with its status and evidence, the runs, and what fired."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from actions.models import ActionRun, FollowUp, Review, ReviewStatus, WebhookDelivery
from calls.confidences import ConfidenceBand, confidence_band
from calls.models import Call, ExtractionRun, FieldReview, RunStatus
from extraction.evidence import HighlightedTurn, highlighted_turns
from extraction.types import Turn
from extraction.validation import REQUIRED_MISSING


class FieldStatus(StrEnum):
    OK = "ok"
    NULL = "null"
    INVALID = "invalid"
    UNGROUNDED = "ungrounded"
    MISSING = "missing"


STATUS_LABELS = {
    FieldStatus.OK: "ok",
    FieldStatus.NULL: "not in the call",
    FieldStatus.INVALID: "invalid",
    FieldStatus.UNGROUNDED: "check: no evidence",
    FieldStatus.MISSING: "required, missing",
}

NOT_KEPT = "the run is from before confidences were kept"


def item_key(name: str, position: int) -> str:
    """What marks an item's words in the transcript: `products_asked.2` for the second.
    A field name never holds a dot, so no field's mark is an item's."""
    return f"{name}.{position}"


@dataclass(frozen=True)
class ListItem:
    value: Any
    evidence: str | None
    key: str


@dataclass(frozen=True)
class AnalysisRow:
    name: str
    type: str
    description: str
    value: Any
    evidence: str | list[str | None] | None
    error: str
    status: FieldStatus
    required: bool
    time_note: str = ""
    null_reason: str = ""
    confidence: float | None = None
    confidence_reason: str = ""
    extractor: str = ""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def items(self) -> list[ListItem] | None:
        """A list value's items, each with its quote; None for any other value."""
        if not isinstance(self.value, list):
            return None
        quotes = self.evidence if isinstance(self.evidence, list) else []
        return [
            ListItem(
                item, quotes[index] if index < len(quotes) else None, item_key(self.name, index + 1)
            )
            for index, item in enumerate(self.value)
        ]

    @property
    def confidence_band(self) -> ConfidenceBand | None:
        return None if self.confidence is None else confidence_band(self.confidence)

    @property
    def confidence_percent(self) -> int:
        """The confidence as the width of its bar, out of 100."""
        return round((self.confidence or 0) * 100)

    @property
    def problem(self) -> str:
        """What a person should know about this value, in plain words."""
        if self.status == FieldStatus.UNGROUNDED:
            return "The value's quote was not found in the transcript: check it."
        if self.status == FieldStatus.MISSING:
            return "Required, but the call does not say it."
        if self.status == FieldStatus.INVALID:
            return f"The answer did not fit the field: {self.error}."
        if self.status == FieldStatus.NULL and self.null_reason:
            return f"Why: {self.null_reason}."
        return ""


@dataclass(frozen=True)
class ValueChange:
    name: str
    before: Any
    after: Any


@dataclass(frozen=True)
class RunSummary:
    run: ExtractionRun
    compared_with: int | None
    changes: list[ValueChange]

    @property
    def version(self) -> str:
        return version_label(self.run)


@dataclass
class CallAnalysis:
    latest: ExtractionRun | None
    rows: list[AnalysisRow]
    runs: list[RunSummary]
    transcript: list[HighlightedTurn]
    decisions: list[ActionRun] = field(default_factory=list)
    deliveries: list[WebhookDelivery] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    field_reviews: list[FieldReview] = field(default_factory=list)

    @property
    def waiting_review(self) -> Review | None:
        """The review the call's actions wait for, if any."""
        return next((r for r in self.reviews if r.status == ReviewStatus.PENDING), None)

    @property
    def corrections(self) -> list[FieldReview]:
        return [row for row in self.field_reviews if not row.correct]

    @property
    def latest_version(self) -> str:
        return version_label(self.latest) if self.latest else ""


def version_label(run: ExtractionRun) -> str:
    """Which version of the agent's config the run extracted with."""
    if run.agent_version is None:
        return "config from before versions were kept"
    return f"config version {run.agent_version.number}"


def field_status(run: ExtractionRun, name: str) -> FieldStatus:
    error = run.field_errors.get(name, "")
    if error == REQUIRED_MISSING:
        return FieldStatus.MISSING
    if error:
        return FieldStatus.INVALID
    if run.values.get(name) is None:
        return FieldStatus.NULL
    if name in run.ungrounded:
        return FieldStatus.UNGROUNDED
    return FieldStatus.OK


def time_note(run: ExtractionRun, spec: dict[str, Any], call: Call) -> str:
    """For a date, the time of day a follow-up on it is booked at, and why."""
    if spec["format"] != "date" or spec["type"] == "list" or run.values.get(spec["name"]) is None:
        return ""
    stated = run.times.get(spec["name"])
    if stated:
        return f"at {stated} {call.timezone}, the time the customer asked for"
    return (
        "no time of day said: a follow-up goes at the agent's follow-up time "
        f"({call.agent.follow_up_time:%H:%M} {call.timezone})"
    )


def type_label(spec: Mapping[str, Any]) -> str:
    """The field's type as a person reads it: `email`, `list of enum`."""
    if spec["type"] != "list":
        return spec["format"] or spec["type"]
    return f"list of {spec['format'] or spec.get('item_type') or 'string'}"


def analysis_rows(run: ExtractionRun, call: Call) -> list[AnalysisRow]:
    return [
        AnalysisRow(
            name=spec["name"],
            type=type_label(spec),
            description=spec.get("description", ""),
            value=run.values.get(spec["name"]),
            evidence=run.evidence.get(spec["name"]),
            error=run.field_errors.get(spec["name"], ""),
            status=field_status(run, spec["name"]),
            required=spec["required"],
            time_note=time_note(run, spec, call),
            null_reason=run.null_reasons.get(spec["name"], ""),
            confidence=run.confidences.get(spec["name"]),
            confidence_reason=confidence_reason(run, spec["name"]),
        )
        for spec in run.config_snapshot
    ]


def confidence_reason(run: ExtractionRun, name: str) -> str:
    """Why the field's value has no confidence; empty when it has one."""
    if run.confidences.get(name) is not None:
        return ""
    if name not in run.confidences:
        return NOT_KEPT
    return run.confidence_reasons.get(name, "")


def value_changes(before: ExtractionRun, after: ExtractionRun) -> list[ValueChange]:
    """The fields whose value differs between two runs, in the later run's field order."""
    names = [spec["name"] for spec in after.config_snapshot]
    names += [spec["name"] for spec in before.config_snapshot if spec["name"] not in names]
    return [
        ValueChange(name, before.values.get(name), after.values.get(name))
        for name in names
        if before.values.get(name) != after.values.get(name)
    ]


def run_summaries(runs: list[ExtractionRun]) -> list[RunSummary]:
    """Each run, newest first, with what changed since the succeeded run before it."""
    summaries: list[RunSummary] = []
    previous: ExtractionRun | None = None
    for run in sorted(runs, key=lambda run: (run.created_at, run.pk)):
        compared = previous if run.status == RunStatus.SUCCEEDED else None
        summaries.append(
            RunSummary(
                run=run,
                compared_with=compared.pk if compared is not None else None,
                changes=value_changes(compared, run) if compared is not None else [],
            )
        )
        if run.status == RunStatus.SUCCEEDED:
            previous = run
    return summaries[::-1]


def call_analysis(*, call: Call) -> CallAnalysis:
    runs = list(
        call.runs.select_related("agent_version").defer("raw_answer", "agent_version__snapshot")
    )
    latest = next((run for run in runs if run.pk == call.latest_run_id), None)
    return CallAnalysis(
        latest=latest,
        rows=with_extractors(analysis_rows(latest, call), latest) if latest else [],
        runs=run_summaries(runs),
        transcript=highlighted_transcript(call.turns(), latest.evidence if latest else {}),
        decisions=list(call.action_runs.select_related("action")),
        deliveries=list(call.deliveries.select_related("action").prefetch_related("attempts")),
        follow_ups=list(call.follow_ups.all()),
        reviews=list(call.reviews.order_by("-created_at", "-id")),
        field_reviews=list(call.field_reviews.all()),
    )


def transcript_marks(evidence: Mapping[str, Any]) -> dict[str, str | None]:
    """Each quote under the mark it gives its words: a value's under its field's name, a
    list's items' each under its item's key."""
    marks: dict[str, str | None] = {}
    for name, quote in evidence.items():
        if isinstance(quote, list):
            marks.update({item_key(name, n): item for n, item in enumerate(quote, start=1)})
        else:
            marks[name] = quote
    return marks


def field_marks(keys: tuple[str, ...]) -> tuple[str, ...]:
    """An item's words are its field's too: choosing the field shows every item's."""
    return tuple(sorted({*keys, *(key.split(".", 1)[0] for key in keys)}))


def highlighted_transcript(
    turns: tuple[Turn, ...], evidence: Mapping[str, Any]
) -> list[HighlightedTurn]:
    """The transcript with every quote's words marked by the fields (and items) they
    support."""
    return [
        replace(
            turn,
            segments=tuple(
                replace(segment, fields=field_marks(segment.fields)) for segment in turn.segments
            ),
        )
        for turn in highlighted_turns(turns, transcript_marks(evidence))
    ]


def with_extractors(rows: list[AnalysisRow], run: ExtractionRun) -> list[AnalysisRow]:
    """The rows, each naming the extractor that answered it when the run asked several."""
    if len(run.extractor_groups) < 2:
        return rows
    return [
        replace(row, extractor=extractor_label(**run.field_extractors[row.name]))
        if row.name in run.field_extractors
        else row
        for row in rows
    ]


def extractor_label(backend: str, model: str) -> str:
    """The backend and its model, said once when they are the same word (the offline
    extractor records itself as its model)."""
    return backend if not model or model == backend else f"{backend} {model}"
