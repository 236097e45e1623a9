"""The during-call decision: should the live call be handed to a human, and to whom?

Only the fields that the agent's transfer_call conditions reference are extracted,
from the transcript so far, so the answer comes back fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings

from actions.conditions import condition_evaluate
from actions.kinds import ActionFailed, Firing
from actions.kinds.transfer_call import TransferCall
from actions.models import TransferDecision
from actions.webhooks.payload import ExtractionPayload
from agents.conditions import referenced_fields
from agents.models import Action, Agent
from calls.models import Call
from extraction.engine import backend_named, extract
from extraction.types import BackendError, ExtractionRequest, FieldSpec, Turn


@dataclass(frozen=True)
class LiveCall:
    agent: Agent
    external_id: str
    turns: tuple[Turn, ...]
    started_at: datetime
    timezone: str


def transfer_decide(*, live: LiveCall) -> TransferDecision:
    """Evaluate the agent's enabled transfer_call actions in order; the first match wins."""
    actions = list(live.agent.actions.filter(type="transfer_call", enabled=True))
    specs = {field.name: field.spec() for field in live.agent.fields.all()}
    wanted = set().union(*(referenced_fields(action.condition) for action in actions))
    backend_name = settings.TRANSFER_EXTRACTION_BACKEND or settings.EXTRACTION_BACKEND
    values, latency_ms, problem = {}, 0, ""
    if wanted:
        request = ExtractionRequest(
            fields=tuple(spec for name, spec in specs.items() if name in wanted),
            turns=live.turns,
            started_at=live.started_at,
            timezone=ZoneInfo(live.timezone),
            model=live.agent.extraction_model or settings.EXTRACTION_DEFAULT_MODEL,
        )
        try:
            extraction = extract(request, backend_named(backend_name))
        except BackendError as error:
            problem = f"no extraction ({error}): conditions see no values"
        else:
            values, latency_ms = extraction.result.values, extraction.latency_ms
    chosen, to_number, reasons = None, "", []
    for action in actions:
        result = condition_evaluate(condition=action.condition, values=values, fields=specs)
        reasons.append(f"{action.name}: {result.reason}")
        if result.matched:
            try:
                to_number = transfer_target(action, live, values, specs, result.reason)
            except ActionFailed as error:
                reasons.append(f"{action.name}: cannot transfer: {error}")
                continue
            chosen = action
            break
    if not actions:
        reasons.append("the agent has no enabled transfer_call action")
    return TransferDecision.objects.create(
        agent=live.agent,
        external_id=live.external_id,
        call=Call.objects.filter(agent=live.agent, external_id=live.external_id).first(),
        action=chosen,
        transfer=chosen is not None,
        to_number=to_number,
        reason="; ".join([problem, *reasons] if problem else reasons),
        values=values,
        backend=backend_name if wanted else "",
        latency_ms=latency_ms,
    )


def transfer_target(
    action: Action, live: LiveCall, values: dict, specs: dict[str, FieldSpec], reason: str
) -> str:
    """The number a matched transfer_call action hands the live call to."""
    kind = TransferCall.registered()
    firing = Firing(
        agent=live.agent,
        call=Call(
            agent=live.agent,
            external_id=live.external_id,
            started_at=live.started_at,
            timezone=live.timezone,
        ),
        action_name=action.name,
        condition=action.condition,
        reason=reason,
        extraction=ExtractionPayload(
            run_id=None, values=values, evidence={}, errors={}, ungrounded=[]
        ),
        specs=specs,
    )
    return kind.plan(kind.parse_stored(action.config, specs), firing).to_number
