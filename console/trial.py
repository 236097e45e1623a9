"""Test before go-live: run a config, as typed on the agent page, on one transcript.

Nothing is stored and nothing is sent. The trial goes through the same code a real call
does — the extraction engine, the conditions, and each action kind's plan (the follow-up's
due time and number, the webhook's exact payload) — but only through the parts that
neither write nor send.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from actions.models import Outcome
from actions.selectors import (
    ExtractionPayload,
    Firing,
    FiringIds,
    Outline,
    ReviewedAction,
    ValueTrust,
    held_reason,
    hold_reasons,
    kind_for,
)
from actions.services import ActionFailed, action_evaluate
from agents.config import ActionDraft, ConfigInvalid, config_errors
from agents.models import Agent
from agents.selectors import agent_action_drafts, agent_field_specs
from calls.analysis import backend_for
from calls.models import Call, CallDirection
from extraction.engine import (
    Backend,
    Extraction,
    default_backend,
    default_extractor,
    extract_grouped,
    extractor_backends,
)
from extraction.timezones import local_datetime, local_text
from extraction.types import BackendError, ExtractionRequest, FieldSpec, Quote, Turn

DISABLED = "disabled"
VERDICTS = {
    Outcome.FIRED: "would fire",
    Outcome.SKIPPED: "would be skipped",
    Outcome.NOT_APPLICABLE: "not applicable after a call",
    Outcome.FAILED: "would fire but fail",
    Outcome.HELD: "would wait for review",
    DISABLED: "switched off",
}
TRIAL_EXTERNAL_ID = "trial"


class TrialInvalid(ValueError):
    """The call to try on cannot be used (no transcript); the message says why."""


@dataclass(frozen=True)
class TrialCall:
    """The call a config is tried on: a pasted transcript or a stored call."""

    turns: tuple[Turn, ...]
    started_at: datetime  # aware
    zone: ZoneInfo
    from_number: str = ""
    stored: Call | None = None


@dataclass(frozen=True)
class FieldResult:
    name: str
    value: Any
    evidence: str | None
    error: str
    ungrounded: bool
    extractor: str = ""  # the extractor that answered, when the fields have several

    @property
    def shown(self) -> str:
        """The value as the webhook payload writes it."""
        return self.value if isinstance(self.value, str) else json.dumps(self.value)


@dataclass(frozen=True)
class ActionResult:
    """The decision on one action, and what it would do when it fires."""

    name: str
    type: str
    outcome: str
    reason: str
    outline: Outline | None = None

    @property
    def verdict(self) -> str:
        return VERDICTS.get(self.outcome, self.outcome)


@dataclass
class TrialResult:
    local_start: datetime
    backend: str
    model: str
    fields: list[FieldResult] = field(default_factory=list)
    actions: list[ActionResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failure: str = ""

    @property
    def started(self) -> str:
        return local_text(self.local_start)

    @property
    def zone(self) -> str:
        return str(self.local_start.tzinfo)


def trial_call(
    *,
    agent: Agent,
    turns: Sequence[Turn] = (),
    stored: Call | None = None,
    local_start: datetime | None = None,
    zone_name: str = "",
    from_number: str = "",
) -> TrialCall:
    """The call to try on, with the defaults ops expect.

    The zone is the one chosen, else the stored call's, else the agent's. `local_start`
    is a wall-clock time in that zone; without it the stored call's start is used, or now.
    """
    if stored is not None:
        turns = stored.turns()
        from_number = stored.from_number
    if not turns:
        raise TrialInvalid(
            "the call has no transcript" if stored else "paste a transcript or pick a call"
        )
    zone = ZoneInfo(zone_name or (stored.timezone if stored else agent.timezone))
    if local_start is not None:
        started_at = local_datetime(local_start.date(), local_start.time(), zone)
    else:
        started_at = stored.started_at if stored else timezone.now()
    return TrialCall(
        turns=tuple(turns),
        started_at=started_at,
        zone=zone,
        from_number=from_number,
        stored=stored,
    )


def agent_trial(
    *,
    agent: Agent,
    fields: Sequence[FieldSpec],
    actions: Sequence[ActionDraft],
    call: TrialCall,
    backend: Backend | None = None,
) -> TrialResult:
    """Extract `fields` from the call and decide `actions` on the values, storing nothing.

    `agent` may carry unsaved edits (time zone, follow-up time, calling hours): they are
    what the follow-up times are planned with. Raises ConfigInvalid as a save would.
    """
    _check_config(agent, fields, actions)
    backend = backend or default_backend()
    request = extraction_request(agent, fields, call)
    result = TrialResult(
        local_start=request.local_start,
        backend=backend.name,
        model=_model_shown(backend, request.model),
    )
    try:
        extraction = extract_grouped(
            request,
            default=default_extractor(backend.name, request.model),
            backend_for=extractor_backends(backend, build=backend_for),
        )
    except BackendError as error:
        result.failure = f"the {backend.name} extractor failed: {error}"
        return result
    result.model = _model_shown(backend, extraction.answer.model or request.model)
    result.notes = list(extraction.answer.notes)
    result.fields = field_results(extraction, fields)
    row = call_row(agent, call)
    specs = {spec.name: spec for spec in fields}
    result.actions = [action_result(draft, extraction, specs, agent, row) for draft in actions]
    return result


def saved_config_trial(
    *, agent: Agent, call: TrialCall, backend: Backend | None = None
) -> TrialResult:
    """The trial with the agent's config as saved: what support may run, since it
    changes nothing and reads no edit of the page."""
    return agent_trial(
        agent=agent,
        fields=agent_field_specs(agent=agent),
        actions=agent_action_drafts(agent=agent),
        call=call,
        backend=backend,
    )


def _check_config(
    agent: Agent, fields: Sequence[FieldSpec], actions: Sequence[ActionDraft]
) -> None:
    previous = set(agent.fields.values_list("name", flat=True)) if agent.pk else set()
    errors = config_errors(fields, actions, previous_field_names=previous)
    if errors:
        raise ConfigInvalid(errors)


def extraction_request(
    agent: Agent, fields: Sequence[FieldSpec], call: TrialCall
) -> ExtractionRequest:
    return ExtractionRequest(
        fields=tuple(fields),
        turns=call.turns,
        started_at=call.started_at,
        timezone=call.zone,
        model=agent.extraction_model or settings.EXTRACTION_DEFAULT_MODEL,
    )


def _model_shown(backend: Backend, model: str) -> str:
    # The offline extractor uses no model, whatever the agent names.
    return "" if backend.name == "offline" else model


def one_quote(evidence: Quote) -> str | None:
    """A list's quotes, one per item, as one line."""
    if isinstance(evidence, list):
        return " … ".join(quote for quote in evidence if quote) or None
    return evidence


def field_results(extraction: Extraction, fields: Sequence[FieldSpec]) -> list[FieldResult]:
    validated = extraction.result
    answered_by = extractors_shown(extraction)
    return [
        FieldResult(
            name=spec.name,
            value=validated.values.get(spec.name),
            evidence=one_quote(validated.evidence.get(spec.name)),
            error=validated.errors.get(spec.name, ""),
            ungrounded=spec.name in validated.ungrounded,
            extractor=answered_by.get(spec.name, ""),
        )
        for spec in fields
    ]


def extractors_shown(extraction: Extraction) -> dict[str, str]:
    """Each field's extractor, named when the fields have more than one."""
    if len(extraction.groups) < 2:
        return {}
    return {name: group.extractor.label for group in extraction.groups for name in group.fields}


def call_row(agent: Agent, call: TrialCall) -> Call:
    """An unsaved call row for the planners and the payload, never saved."""
    stored = call.stored
    duration = stored.ended_at - stored.started_at if stored and stored.ended_at else None
    return Call(
        pk=stored.pk if stored else None,
        agent=agent,
        external_id=stored.external_id if stored else TRIAL_EXTERNAL_ID,
        direction=stored.direction if stored else CallDirection.INBOUND,
        from_number=call.from_number,
        to_number=stored.to_number if stored else "",
        started_at=call.started_at,
        ended_at=call.started_at + duration if duration is not None else None,
        timezone=call.zone.key,
        follows_up_id=stored.follows_up_id if stored else None,
    )


def action_result(
    draft: ActionDraft,
    extraction: Extraction,
    specs: dict[str, FieldSpec],
    agent: Agent,
    call: Call,
) -> ActionResult:
    """What a real call would do with this action, told without doing it."""
    if not draft.enabled:
        reason = "switched off: a call would not decide it"
        return ActionResult(draft.name, draft.type, outcome=DISABLED, reason=reason)
    validated = extraction.result
    payload = ExtractionPayload(
        run_id=None,
        values=validated.values,
        evidence=validated.evidence,
        errors=validated.errors,
        ungrounded=validated.ungrounded,
        times=validated.times,
        confidences=validated.confidences,
        confidence_reasons=validated.confidence_reasons,
    )
    # Nothing is decided, so there is no decision to name; a real call fires it first.
    firing = Firing(
        agent=agent,
        call=call,
        action_name=draft.name,
        condition=draft.condition,
        reason="",
        extraction=payload,
        specs=specs,
        ids=FiringIds(action_id=draft.pk),
    )
    return action_dry_run(action=draft, firing=firing)


def action_dry_run(*, action: ReviewedAction, firing: Firing) -> ActionResult:
    """Decide an enabled action on `firing`'s values as a real call would, and have its kind
    plan it exactly as a real firing does; nothing carries the plan out."""
    name, specs = action.name, firing.specs
    outcome, reason = action_evaluate(
        action_type=action.type,
        condition=action.condition,
        values=firing.extraction.values,
        specs=specs,
    )
    trust = ValueTrust.of_extraction(firing.extraction, fields=list(specs))
    held = hold_reasons(action=action, trust=trust, specs=specs, outcome=outcome)
    if outcome != Outcome.FIRED:
        if held:
            reason, outcome = held_reason(held, reason), Outcome.HELD
        return ActionResult(name, action.type, outcome=outcome, reason=reason)
    kind = kind_for(action.type)
    try:
        plan = kind.plan(kind.parse_stored(action.config, specs), replace(firing, reason=reason))
    except ActionFailed as error:
        failed = f"{reason}; could not fire: {error}"
        return ActionResult(name, action.type, outcome=Outcome.FAILED, reason=failed)
    if held:
        # What a person's release would do, on the values as they are now.
        reason, outcome = held_reason(held, reason), Outcome.HELD
    return ActionResult(name, action.type, outcome=outcome, reason=reason, outline=plan.outline())
