"""What "re-run and decide actions again" would fire, told before anything is done.

The re-run extracts the values again, so the preview decides every action on the values
of the call's latest analysis, through each kind's own plan, as the go-live trial does:
reading and writing nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from actions.models import Outcome
from actions.selectors import Firing, FiringIds, extraction_payload
from agents.models import Action
from calls.models import Call, ExtractionRun
from console.trial import DISABLED, ActionResult, action_dry_run
from extraction.types import FieldSpec, specs_from_snapshot

# A bulk preview decides the actions of this many calls at most, and says so.
BULK_PREVIEW_CALLS = 200


@dataclass(frozen=True)
class ActionPreview:
    result: ActionResult
    # Which firing of this action on the call a re-fire would be (2 after one firing).
    firing: int = 1


@dataclass(frozen=True)
class CallPreview:
    run: ExtractionRun | None
    actions: list[ActionPreview] = field(default_factory=list)

    @property
    def firing(self) -> list[ActionPreview]:
        return [preview for preview in self.actions if preview.result.outcome == Outcome.FIRED]


def call_rerun_preview(*, call: Call) -> CallPreview:
    """Each action of the call's agent, decided on the latest values, and what it would do."""
    run = call.latest_run
    if run is None:
        return CallPreview(run=None)
    fired = Counter(
        call.action_runs.filter(outcome=Outcome.FIRED).values_list("action_id", flat=True)
    )
    specs = specs_from_snapshot(run.config_snapshot)
    actions = call.agent.actions.all()
    return CallPreview(
        run=run,
        actions=[
            action_preview(action, call, run, specs, fired[action.pk] + 1) for action in actions
        ],
    )


def action_preview(
    action: Action, call: Call, run: ExtractionRun, specs: dict[str, FieldSpec], number: int
) -> ActionPreview:
    if not action.enabled:
        result = ActionResult(action.name, action.type, DISABLED, "switched off: not decided")
        return ActionPreview(result)
    firing = Firing(
        agent=call.agent,
        call=call,
        action_name=action.name,
        condition=action.condition,
        reason="",
        extraction=extraction_payload(run),
        specs=specs,
        ids=FiringIds(action_id=action.pk, number=number),
    )
    result = action_dry_run(action=action, firing=firing)
    return ActionPreview(result, firing=number) if result.outline else ActionPreview(result)


@dataclass
class ActionTally:
    """How many of the chosen calls one action would fire on, and a few of its lines."""

    name: str
    type: str
    counts: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    @property
    def verdicts(self) -> list[tuple[str, int]]:
        """Each verdict with its count (a template would look `items` up as a key)."""
        return list(self.counts.items())


@dataclass(frozen=True)
class BulkPreview:
    total: int
    previewed: int
    not_analysed: int
    tallies: list[ActionTally]


def bulk_rerun_preview(*, calls: Iterable[Call], total: int) -> BulkPreview:
    """What deciding actions again would do over the chosen calls, counted per action."""
    tallies: dict[tuple[str, str], ActionTally] = {}
    previewed = not_analysed = 0
    for call in calls:
        previewed += 1
        preview = call_rerun_preview(call=call)
        if preview.run is None:
            not_analysed += 1
        for item in preview.actions:
            tally = tallies.setdefault(
                (item.result.name, item.result.type),
                ActionTally(item.result.name, item.result.type),
            )
            tally.counts[item.result.verdict] += 1
            if item.result.outline is not None and len(tally.examples) < 3:
                tally.examples.append(f"{call.external_id}: {item.result.outline.headline}")
    return BulkPreview(
        total=total, previewed=previewed, not_analysed=not_analysed, tallies=list(tallies.values())
    )
