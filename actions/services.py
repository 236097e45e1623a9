"""What the console, the API and the site ask `actions` to do: every write from outside
the package goes through here, most of them re-exported from the module that owns them
(the reads go through `actions/selectors.py`; an import-linter contract holds both).

Defined here: the steps handed over by task, deciding a call's actions once its
extraction has succeeded (`calls/handoffs.py`) or its review was released, and handling
a stored call's arrival; and sending a webhook's test event or a native action's test
record. Outbound HTTP to a URL a person typed (`outbound_send`, `outbound_url_errors`) is
re-exported for the alerts' Teams webhooks.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction

from actions.conditions import condition_evaluate
from actions.followup_dispatch import followups_dispatch
from actions.followups import (
    followup_book_by_hand,
    followup_cancel,
    followup_reschedule,
    followups_cancel_on_inbound,
)
from actions.inbox import inbox_create, inbox_receive, inboxes_link
from actions.kinds import ActionFailed, NativeKind, TestSent, kind_for
from actions.kinds.webhook import DraftTest, Webhook
from actions.models import ActionRun, Outcome, TransferDecision, WebhookDelivery
from actions.outbound import OutboundError
from actions.outbound import send as outbound_send
from actions.outbound import url_errors as outbound_url_errors
from actions.outbound_queue import RESULT_OUTCOMES, outbound_queue_claim
from actions.outbound_results import PlacedCall, ResultRefused, outbound_result_record
from actions.reviews import (
    REVIEW_RELEASE,
    ReviewTaken,
    ValueTrust,
    held_reason,
    hold_reasons,
    lowest_confidence,
    review_hold,
    review_reject,
    review_release,
    review_releases_dispatch,
    reviews_supersede,
    values_used,
)
from actions.transfers import LiveCall, transfer_decide
from actions.webhooks.attempts import AttemptResult
from actions.webhooks.queueing import deliveries_dispatch, delivery_resend
from actions.webhooks.secrets import webhook_secret_rotate
from agents.kinds import KindConfigInvalid
from agents.models import Action
from calls.handoffs import (
    call_arrival_claim,
    call_arrival_retry_later,
    run_actions_claim,
    run_actions_retry_later,
)
from calls.models import Call, ExtractionRun, RunStatus
from extraction.types import FieldSpec, specs_from_snapshot
from infra.logs import log_context

__all__ = [
    "RESULT_OUTCOMES",
    "ActionFailed",
    "AttemptResult",
    "DraftTest",
    "LiveCall",
    "OutboundError",
    "PlacedCall",
    "ResultRefused",
    "ReviewTaken",
    "TestSent",
    "action_decide",
    "action_evaluate",
    "action_run_decide_reviewed",
    "call_arrival_handle",
    "call_received",
    "deliveries_dispatch",
    "delivery_resend",
    "followup_book_by_hand",
    "followup_cancel",
    "followup_reschedule",
    "followups_dispatch",
    "inbox_create",
    "inbox_receive",
    "inboxes_link",
    "native_test_send",
    "outbound_queue_claim",
    "outbound_result_record",
    "outbound_send",
    "outbound_url_errors",
    "review_reject",
    "review_release",
    "review_release_handle",
    "review_releases_dispatch",
    "run_actions_decide",
    "run_actions_handle",
    "transfer_decide",
    "webhook_secret_rotate",
    "webhook_test_send",
    "webhook_test_send_draft",
]

logger = logging.getLogger(__name__)


def run_actions_handle(*, run_id: int) -> list[ActionRun]:
    """The hand-off step of a succeeded run: claim it and decide its actions, exactly once.

    The claim and every decision commit together, so a worker that dies midway leaves
    the run waiting for the scheduler, and a repeated task decides nothing twice. A step
    that raises is tried again later.
    """
    try:
        with transaction.atomic():
            if not run_actions_claim(run_id=run_id):
                return []
            return run_actions_decide(run_id=run_id)
    except Exception:
        run_actions_retry_later(run_id=run_id)
        raise


def run_actions_decide(*, run_id: int) -> list[ActionRun]:
    """Decide each enabled action of the call's agent against this run's values.

    An action is decided once per call: a later run decides it again only when the
    user asked that run to fire actions, and then once.
    """
    run = ExtractionRun.objects.select_related("call__agent").get(pk=run_id)
    if run.status != RunStatus.SUCCEEDED:
        return []
    with log_context(call_id=run.call_id):
        # A run that fires its actions decides every one of them: nothing to look up.
        decided: set[int] = set()
        if run.fire_actions:
            reviews_supersede(call_id=run.call_id, run_id=run.pk)
        else:
            decided = set(
                ActionRun.objects.filter(call=run.call).values_list("action_id", flat=True)
            )
        specs = specs_from_snapshot(run.config_snapshot)
        return [
            action_decide(action=action, run=run, specs=specs)
            for action in run.call.agent.actions.filter(enabled=True)
            if action.pk not in decided
        ]


def action_evaluate(
    *, action_type: str, condition: Any, values: Mapping[str, Any], specs: Mapping[str, FieldSpec]
) -> tuple[str, str]:
    """Whether an action fires on these values, and why; reads and writes nothing."""
    kind = kind_for(action_type)
    if not kind.after_call:
        return Outcome.NOT_APPLICABLE, f"{action_type} is decided during the call, not after it"
    result = condition_evaluate(condition=condition, values=values, fields=specs)
    if not result.matched:
        return Outcome.SKIPPED, result.reason
    return Outcome.FIRED, result.reason


def action_decide(*, action: Action, run: ExtractionRun, specs: dict[str, FieldSpec]) -> ActionRun:
    """Record the decision on one action and fire it, or hold it for a review when its
    review rule says so; a second call returns the first."""
    outcome, reason = action_evaluate(
        action_type=action.type, condition=action.condition, values=run.values, specs=specs
    )
    trust = ValueTrust.of_run(run)
    held = hold_reasons(action=action, trust=trust, specs=specs, outcome=outcome)
    try:
        with transaction.atomic():
            action_run = ActionRun.objects.create(
                action=action,
                call=run.call,
                extraction_run=run,
                outcome=Outcome.HELD if held else outcome,
                reason=held_reason(held, reason) if held else reason,
                condition=action.condition,
                review=review_hold(
                    run=run,
                    reasons=held,
                    lowest=lowest_confidence(trust, values_used(action, specs)),
                )
                if held
                else None,
            )
            if outcome == Outcome.FIRED and not held:
                _fire(action_run)
    except IntegrityError:
        return ActionRun.objects.get(action=action, extraction_run=run)
    return action_run


def review_release_handle(*, review_id: int) -> list[ActionRun]:
    """The hand-off step of a released review: decide its held actions on the reviewed
    values, exactly once (claimed in the transaction that decides them)."""
    try:
        with transaction.atomic():
            if not REVIEW_RELEASE.claim(review_id):
                return []
            held = ActionRun.objects.filter(review_id=review_id, outcome=Outcome.HELD)
            return [
                action_run_decide_reviewed(action_run=action_run)
                for action_run in held.select_related("action__agent", "call", "review")
            ]
    except Exception:
        REVIEW_RELEASE.retry_later(review_id)
        raise


def action_run_decide_reviewed(*, action_run: ActionRun) -> ActionRun:
    """Decide a held action on its review's values, and fire it when its condition holds."""
    review = action_run.review
    if review is None:
        return action_run
    specs = specs_from_snapshot(action_run.extraction_run.config_snapshot)
    outcome, reason = action_evaluate(
        action_type=action_run.action.type,
        condition=action_run.condition,
        values=review.values,
        specs=specs,
    )
    if not action_run.action.enabled:
        outcome, reason = Outcome.SKIPPED, "the action was switched off while the call waited"
    action_run.outcome = outcome
    action_run.reason = f"reviewed by {review.decided_by}: {reason}"
    action_run.save(update_fields=["outcome", "reason"])
    if outcome == Outcome.FIRED:
        _fire(action_run)
    return action_run


def _fire(action_run: ActionRun) -> None:
    kind = kind_for(action_run.action.type)
    try:
        note = kind.fire(action_run)
    except ActionFailed as error:
        action_run.outcome = Outcome.FAILED
        action_run.reason = f"{action_run.reason}; could not fire: {error}"
    else:
        action_run.reason = f"{action_run.reason}; {note}" if note else action_run.reason
    action_run.save(update_fields=["outcome", "reason"])


def call_arrival_handle(*, call_id: int) -> None:
    """The hand-off step of a newly stored call, exactly once: tie it to what happened
    while it was live, and cancel the follow-ups it makes unnecessary."""
    try:
        with transaction.atomic():
            if not call_arrival_claim(call_id=call_id):
                return
            call = Call.objects.select_related("agent").get(pk=call_id)
            call_received(call=call)
    except Exception:
        call_arrival_retry_later(call_id=call_id)
        raise


def call_received(*, call: Call) -> None:
    """Tie a newly stored call to what happened while it was live, and cancel the
    follow-ups it makes unnecessary."""
    TransferDecision.objects.filter(
        agent=call.agent, external_id=call.external_id, call__isnull=True
    ).update(call=call)
    followups_cancel_on_inbound(call=call)


def webhook_test_send(*, action: Action) -> WebhookDelivery:
    """Send a saved webhook's signed test event now, once, without retries; return the
    delivery with its attempt. ActionFailed when its stored config cannot be used."""
    return Webhook.registered().test_send(action)


def webhook_test_send_draft(*, action: Action, specs: Mapping[str, FieldSpec]) -> DraftTest:
    """Send the test event of a webhook row as typed on the agent page, saved or not,
    storing nothing; KindConfigInvalid when its config cannot be sent."""
    return Webhook.registered().test_send_draft(action, specs)


def native_test_send(*, action: Action, specs: Mapping[str, FieldSpec]) -> TestSent:
    """Send a test record of a Slack, HubSpot or Salesforce row as typed on the agent page,
    saved or not, to the real receiver, storing nothing; KindConfigInvalid when its config
    cannot be sent."""
    kind = kind_for(action.type)
    if not isinstance(kind, NativeKind):
        raise KindConfigInvalid([f"type: a {kind.label} sends no test record"])
    return kind.test_send(action, specs)
