"""Try on recent calls: a config, as typed on the agent page, run on the agent's latest
calls by the task workers, compared with what those calls got.

The extraction is the engine's, as for a real run, and each action is decided and planned
on what it finds as a real call's would be (`console.trial.action_result`); what it finds
and what each action would do is kept on one `TrialRun` row. No call, run or action is
written and nothing is sent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction

from agents.config import ActionDraft, ConfigInvalid, config_errors
from agents.kinds import action_kind
from agents.models import Agent, TrialRun
from calls import reviews
from calls.analysis import backend_for
from calls.models import Call, CallStatus
from console.trial import action_result
from extraction.engine import default_extractor, extract_grouped, extractor_backends
from extraction.timezones import local_text
from extraction.types import BackendError, ExtractionRequest, FieldSpec, specs_from_snapshot
from infra.queue import enqueue

MAX_CALLS = 500
DEFAULT_CALLS = 100
# A chunk's extractions must end within one task's timeout (Q_TASK_TIMEOUT, 300 s by
# default), a model's slow answers and retries included.
CHUNK_SIZE = 10
# How many changed calls a field lists; the count covers them all.
SHOWN_CHANGES = 100
# How many calls' requests an action shows; its counts cover them all.
SHOWN_REQUESTS = 3

ReviewedByCall = Mapping[int, Mapping[str, object]]


class RecentTrialInvalid(ValueError):
    """The trial cannot start; the message says why."""


def recent_trial_start(
    *,
    agent: Agent,
    fields: Sequence[FieldSpec],
    actions: Sequence[ActionDraft],
    limit: int,
    by: str,
) -> TrialRun:
    """Record the trial and queue its work; the calls are only read.

    `agent` may carry unsaved edits (its model). Raises ConfigInvalid as a save would and
    RecentTrialInvalid when there is nothing to try on."""
    previous = set(agent.fields.values_list("name", flat=True)) if agent.pk else set()
    errors = config_errors(fields, actions, previous_field_names=previous)
    if errors:
        raise ConfigInvalid(errors)
    if not 1 <= limit <= MAX_CALLS:
        raise RecentTrialInvalid(f"choose between 1 and {MAX_CALLS} calls")
    call_ids = list(
        Call.objects.filter(agent_id=agent.pk)
        .exclude(status=CallStatus.NO_TRANSCRIPT)
        .order_by("-started_at", "-id")
        .values_list("pk", flat=True)[:limit]
    )
    if not call_ids:
        raise RecentTrialInvalid("this agent has no calls with a transcript yet")
    trial = TrialRun.objects.create(
        agent_id=agent.pk,
        created_by=by,
        fields=[asdict(spec) for spec in fields],
        actions=[kept_draft(draft) for draft in actions],
        model=agent.extraction_model or settings.EXTRACTION_DEFAULT_MODEL,
        call_ids=call_ids,
        total=len(call_ids),
    )
    transaction.on_commit(lambda: _queue_chunks(trial))
    return trial


def kept_draft(draft: ActionDraft) -> dict[str, Any]:
    """An action as the trial keeps it: a secret typed on the page is not stored, and no
    plan reads one."""
    secret_keys = action_kind(draft.type).secret_keys
    kept = asdict(draft)
    kept["config"] = {key: value for key, value in draft.config.items() if key not in secret_keys}
    return kept


def _queue_chunks(trial: TrialRun) -> None:
    for offset in range(0, trial.total, CHUNK_SIZE):
        enqueue(
            "console.tasks.try_on_recent_calls",
            trial.pk,
            offset,
            task_name=f"recent-trial-{trial.pk}-{offset}",
        )


def recent_trial_chunk(*, trial_id: int, offset: int) -> None:
    """Extract the trial's fields from one chunk of its calls and keep what was found on
    the trial. Safe to run again: a call's result replaces itself."""
    trial = (
        TrialRun.objects.select_related("agent")
        .filter(pk=trial_id)
        .only("agent", "fields", "actions", "model", "call_ids")
        .first()
    )
    if trial is None:
        return
    call_ids = trial.call_ids[offset : offset + CHUNK_SIZE]
    calls = Call.objects.select_related("latest_run").in_bulk(call_ids)
    tried = Tried(
        agent=trial.agent,
        specs=specs_from_snapshot(trial.fields),
        actions=[ActionDraft(**draft) for draft in trial.actions],
        model=trial.model,
    )
    found = {
        str(call_id): _try_call(calls[call_id], tried) if call_id in calls else _gone(call_id)
        for call_id in call_ids
    }
    with transaction.atomic():
        row = TrialRun.objects.select_for_update().get(pk=trial_id)
        row.results.update(found)
        row.done = len(row.results)
        row.save(update_fields=["results", "done"])


def _gone(call_id: int) -> dict[str, Any]:
    return {
        "external_id": str(call_id),
        "started": "",
        "before": None,
        "after": None,
        "failure": "the call was deleted",
    }


@dataclass(frozen=True)
class Tried:
    """What a trial tries on each call: its agent, fields, actions and model."""

    agent: Agent
    specs: dict[str, FieldSpec]
    actions: list[ActionDraft]
    model: str


def _try_call(call: Call, tried: Tried) -> dict[str, Any]:
    before = call.latest_run.values if call.latest_run is not None else None
    result: dict[str, Any] = {
        "external_id": call.external_id,
        "started": local_text(call.started_at, call.zone),
        "before": before,
        "after": None,
        "actions": [],
        "failure": "",
    }
    request = ExtractionRequest(
        fields=tuple(tried.specs.values()),
        turns=call.turns(),
        started_at=call.started_at,
        timezone=call.zone,
        model=tried.model,
    )
    backend = backend_for(settings.EXTRACTION_BACKEND)
    try:
        extraction = extract_grouped(
            request,
            default=default_extractor(backend.name, tried.model),
            backend_for=extractor_backends(backend, build=backend_for),
        )
    except BackendError as error:
        result["failure"] = str(error)
        return result
    result["after"] = extraction.result.values
    result["partial"] = [
        f"{group.extractor.label} failed for {', '.join(group.fields)}: {group.error}"
        for group in extraction.groups
        if group.error
    ]
    decisions = [
        action_result(draft, extraction, tried.specs, tried.agent, call) for draft in tried.actions
    ]
    result["actions"] = [
        {
            "name": decision.name,
            "type": decision.type,
            "verdict": decision.verdict,
            "reason": decision.reason,
            "headline": decision.outline.headline if decision.outline else "",
            "payload": decision.outline.payload if decision.outline else "",
        }
        for decision in decisions
    ]
    return result


@dataclass(frozen=True)
class CallChange:
    call_id: int
    external_id: str
    started: str
    before: object
    after: object


@dataclass(frozen=True)
class Share:
    """Of the reviewed calls, how many had the reviewed value."""

    right: int
    reviewed: int

    @property
    def percent(self) -> int:
        return round(self.right * 100 / self.reviewed)


@dataclass
class FieldComparison:
    name: str
    compared: int = 0
    changes: list[CallChange] = field(default_factory=list)
    changed: int = 0
    before: Share | None = None
    after: Share | None = None


@dataclass(frozen=True)
class TrialProgress:
    total: int
    done: int

    @property
    def finished(self) -> bool:
        return self.done >= self.total

    @property
    def percent(self) -> int:
        return 100 if not self.total else self.done * 100 // self.total


def trial_comparison(
    *,
    field_names: Sequence[str],
    results: Mapping[str, Mapping[str, Any]],
    reviewed: ReviewedByCall,
) -> list[FieldComparison]:
    """Per field: how many calls' values would change, which, and where calls were
    reviewed, the share the current values and the tried ones had right.

    A call counts for a field when it was analysed before and the trial's extraction
    worked on it; a reviewed call counts for a field it has a reviewed value of."""
    comparisons = {name: FieldComparison(name) for name in field_names}
    shares = {name: [0, 0, 0] for name in field_names}  # right before, right after, reviewed
    for key, result in results.items():
        before, after = result.get("before"), result.get("after")
        if before is None or after is None:
            continue
        call_id = int(key)
        truth = reviewed.get(call_id, {})
        for name, comparison in comparisons.items():
            old, new = before.get(name), after.get(name)
            comparison.compared += 1
            if old != new:
                comparison.changed += 1
                comparison.changes.append(
                    CallChange(call_id, result["external_id"], result["started"], old, new)
                )
            if name in truth:
                counts = shares[name]
                counts[0] += old == truth[name]
                counts[1] += new == truth[name]
                counts[2] += 1
    for name, comparison in comparisons.items():
        right_before, right_after, reviewed_count = shares[name]
        if reviewed_count:
            comparison.before = Share(right_before, reviewed_count)
            comparison.after = Share(right_after, reviewed_count)
        comparison.changes = comparison.changes[:SHOWN_CHANGES]
    return list(comparisons.values())


@dataclass(frozen=True)
class TriedRequest:
    """What an action would send for one call: its headline and exact request."""

    call_id: int
    external_id: str
    headline: str
    payload: str


@dataclass
class ActionOnCalls:
    """How one action would be decided over the trial's calls, and what it would send."""

    name: str
    type: str
    verdicts: Counter[str] = field(default_factory=Counter)
    requests: list[TriedRequest] = field(default_factory=list)

    @property
    def counted(self) -> list[tuple[str, int]]:
        """Each decision with its count, the most frequent first."""
        return self.verdicts.most_common()


def actions_on_calls(results: Mapping[str, Mapping[str, Any]]) -> list[ActionOnCalls]:
    """Per action tried: its decisions counted over the calls, and the exact requests of
    the first calls it would fire on."""
    tallies: dict[str, ActionOnCalls] = {}
    for key, result in results.items():
        for decision in result.get("actions") or []:
            tally = tallies.setdefault(
                decision["name"], ActionOnCalls(decision["name"], decision["type"])
            )
            tally.verdicts[decision["verdict"]] += 1
            if decision["headline"] and len(tally.requests) < SHOWN_REQUESTS:
                tally.requests.append(
                    TriedRequest(
                        int(key), result["external_id"], decision["headline"], decision["payload"]
                    )
                )
    return list(tallies.values())


@dataclass(frozen=True)
class TrialSummary:
    trial: TrialRun
    progress: TrialProgress
    fields: list[FieldComparison]
    actions: list[ActionOnCalls]
    failures: list[tuple[str, str]]
    not_analysed: int


def recent_trial_summary(
    *,
    trial: TrialRun,
    reviewed_values: Callable[[Sequence[int]], ReviewedByCall] = reviews.reviewed_values,
) -> TrialSummary:
    """What the trial found so far, compared with the calls' current values and, through
    `reviewed_values`, with the values people reviewed."""
    # Newest call first, as tried: a JSONB column does not keep the order keys were added.
    results = {str(pk): trial.results[str(pk)] for pk in trial.call_ids if str(pk) in trial.results}
    call_ids = [int(key) for key in results]
    return TrialSummary(
        trial=trial,
        progress=TrialProgress(total=trial.total, done=trial.done),
        fields=trial_comparison(
            field_names=[spec["name"] for spec in trial.fields],
            results=results,
            reviewed=reviewed_values(call_ids),
        ),
        actions=actions_on_calls(results),
        failures=[
            (result["external_id"], result["failure"])
            for result in results.values()
            if result.get("failure")
        ]
        + [
            (result["external_id"], note)
            for result in results.values()
            for note in result.get("partial") or ()
        ],
        not_analysed=sum(1 for result in results.values() if result.get("before") is None),
    )
