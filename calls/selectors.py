"""Reading a call's AI Analysis."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from actions.models import ActionRun, FollowUp, WebhookDelivery
from calls.models import Call, CallStatus, ExtractionRun


@dataclass(frozen=True)
class AnalysisRow:
    name: str
    type: str
    value: Any
    evidence: str | None
    error: str
    ungrounded: bool
    required: bool


@dataclass
class CallAnalysis:
    latest: ExtractionRun | None
    rows: list[AnalysisRow]
    runs: list[ExtractionRun]
    decisions: list[ActionRun] = field(default_factory=list)
    deliveries: list[WebhookDelivery] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)


def analysis_rows(run: ExtractionRun) -> list[AnalysisRow]:
    return [
        AnalysisRow(
            name=spec["name"],
            type=spec["format"] or spec["type"],
            value=run.values.get(spec["name"]),
            evidence=run.evidence.get(spec["name"]),
            error=run.field_errors.get(spec["name"], ""),
            ungrounded=spec["name"] in run.ungrounded,
            required=spec["required"],
        )
        for spec in run.config_snapshot
    ]


def call_analysis(*, call: Call) -> CallAnalysis:
    latest = call.latest_run
    return CallAnalysis(
        latest=latest,
        rows=analysis_rows(latest) if latest else [],
        runs=list(call.runs.defer("raw_answer")),
        decisions=list(call.action_runs.select_related("action")),
        deliveries=list(call.deliveries.select_related("action").prefetch_related("attempts")),
        follow_ups=list(call.follow_ups.all()),
    )


def agent_recent_calls(*, agent_id: int, limit: int = 50) -> list[Call]:
    """The agent's latest calls with a transcript, newest first."""
    return list(
        Call.objects.filter(agent_id=agent_id)
        .exclude(status=CallStatus.NO_TRANSCRIPT)
        .only("pk", "external_id", "started_at", "timezone")
        .order_by("-started_at", "-id")[:limit]
    )
