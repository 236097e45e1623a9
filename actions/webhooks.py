"""Webhook deliveries: the signed payload, attempts, retries, and switching off receivers
that are gone or keep failing.

A delivery is claimed (status `delivering` with a lease) before each attempt, by the
code that queues it; a claim whose worker died expires and the scheduler claims the
row again, so a queued delivery survives a crash.
"""

from __future__ import annotations

import json
import logging
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from actions.inbox import inbox_deliver, inbox_token_in
from actions.models import (
    ActionRun,
    DeliveryAttempt,
    DeliveryStatus,
    WebhookDelivery,
    WebhookSecret,
)
from actions.outbound import OutboundError, OutboundResponse, post
from actions.signing import generate_secret, new_message_id, signed_headers
from agents.models import Action, Agent
from calls.models import Call
from extraction.types import FieldSpec
from infra.queue import enqueue

logger = logging.getLogger(__name__)

PAYLOAD_VERSION = "2026-11-01"
EVENT_CALL_ANALYZED = "call.analyzed"
DEFAULT_TIMEOUT_SECONDS = 10.0
CONNECT_TIMEOUT_SECONDS = 5.0
RESPONSE_EXCERPT_CHARS = 1000
MAX_RETRY_AFTER_SECONDS = 24 * 3600
SAMPLE_CALL_LENGTH = timedelta(minutes=3)


def retry_schedule() -> list[float]:
    """Delays before each attempt: attempt 1 after the first, and so on."""
    return [float(seconds) for seconds in settings.WEBHOOK_RETRY_SCHEDULE_SECONDS]


def lease_duration() -> timedelta:
    return timedelta(seconds=settings.Q_TASK_TIMEOUT)


# Secrets


def webhook_secret_set(*, action: Action, secret: str = "") -> str:
    """Give the action a signing secret (a new one when empty) and return it, once."""
    secret = secret or generate_secret()
    WebhookSecret.objects.create(action=action, secret=secret)
    return secret


def webhook_secret_rotate(
    *, action: Action, secret: str = "", grace: timedelta | None = None
) -> str:
    """Start signing with a new secret (given or generated); old ones stay valid for `grace`."""
    grace = grace if grace is not None else timedelta(hours=settings.WEBHOOK_ROTATION_GRACE_HOURS)
    now = timezone.now()
    action.webhook_secrets.filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now + grace)
    ).update(expires_at=now + grace)
    return webhook_secret_set(action=action, secret=secret)


def webhook_secrets_settle(*, agent: Agent) -> dict[str, str]:
    """Move secrets typed into webhook configs to the secret store, and give every webhook
    action without one a new secret. Return the generated secrets by action name: they
    are shown once and never again.
    """
    generated = {}
    for action in agent.actions.filter(type="webhook"):
        typed = action.config.pop("secret", "")
        if typed:
            action.save(update_fields=["config"])
            webhook_secret_rotate(action=action, secret=typed)
        elif not active_secrets(action):
            generated[action.name] = webhook_secret_set(action=action)
    return generated


def active_secrets(action: Action) -> list[str]:
    """The secrets that sign now, newest first."""
    now = timezone.now()
    return list(
        action.webhook_secrets.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .order_by("-created_at", "-id")
        .values_list("secret", flat=True)
    )


# Payload


def call_payload(call: Call) -> dict[str, Any]:
    return {
        "id": call.pk,
        "external_id": call.external_id,
        "agent": {"slug": call.agent.slug, "name": call.agent.name},
        "direction": call.direction,
        "from_number": call.from_number,
        "to_number": call.to_number,
        "started_at": call.started_at.astimezone(call.zone).isoformat(),
        "ended_at": call.ended_at.astimezone(call.zone).isoformat() if call.ended_at else None,
        "timezone": call.timezone,
        "follows_up": call.follows_up_id,
    }


def event_document(*, event_type: str, data: dict[str, Any], test: bool = False) -> dict:
    return {
        "type": event_type,
        "version": PAYLOAD_VERSION,
        "timestamp": timezone.now().isoformat(),
        "test": test,
        "data": data,
    }


def event_body(*, event_type: str, data: dict[str, Any], test: bool = False) -> bytes:
    document = event_document(event_type=event_type, data=data, test=test)
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass(frozen=True)
class ExtractionPayload:
    """The extraction part of a `call.analyzed` event."""

    run_id: int | None
    values: dict[str, Any]
    evidence: dict[str, Any]
    errors: dict[str, str]
    ungrounded: list[str]


def event_data(
    *,
    call: dict[str, Any],
    extraction: ExtractionPayload,
    action_name: str,
    action_type: str,
    condition: Any,
    reason: str,
) -> dict[str, Any]:
    """The `data` of a `call.analyzed` event."""
    return {
        "call": call,
        "extraction": {
            "run_id": extraction.run_id,
            "values": extraction.values,
            "evidence": extraction.evidence,
            "errors": extraction.errors,
            "ungrounded": extraction.ungrounded,
        },
        "action": {
            "name": action_name,
            "type": action_type,
            "condition": condition,
            "reason": reason,
        },
    }


def analyzed_event_data(action_run: ActionRun) -> dict[str, Any]:
    run = action_run.extraction_run
    return event_data(
        call=call_payload(action_run.call),
        extraction=ExtractionPayload(
            run_id=run.pk,
            values=run.values,
            evidence=run.evidence,
            errors=run.field_errors,
            ungrounded=run.ungrounded,
        ),
        action_name=action_run.action.name,
        action_type=action_run.action.type,
        condition=action_run.condition,
        reason=action_run.reason,
    )


# Queueing


def delivery_create(
    *,
    action: Action,
    event_type: str,
    body: bytes,
    call: Call | None = None,
    action_run: ActionRun | None = None,
) -> WebhookDelivery:
    """Store a delivery and send its first attempt as soon as the transaction commits."""
    delivery = WebhookDelivery.objects.create(
        action=action,
        action_run=action_run,
        call=call,
        event_type=event_type,
        message_id=new_message_id(),
        url=action.config["url"],
        body=body.decode(),
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(lambda: deliveries_dispatch(ids=[delivery.pk]))
    return delivery


def delivery_create_for_action_run(action_run: ActionRun) -> WebhookDelivery:
    body = event_body(event_type=EVENT_CALL_ANALYZED, data=analyzed_event_data(action_run))
    return delivery_create(
        action=action_run.action,
        event_type=EVENT_CALL_ANALYZED,
        body=body,
        call=action_run.call,
        action_run=action_run,
    )


def due_deliveries(now: datetime) -> QuerySet[WebhookDelivery]:
    return WebhookDelivery.objects.filter(
        Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
        | Q(status=DeliveryStatus.DELIVERING, lease_expires_at__lt=now)
    )


def deliveries_dispatch(*, ids: list[int] | None = None, limit: int = 100) -> int:
    """Claim due deliveries (all, or these) and queue an attempt for each; return how many."""
    if not settings.WEBHOOKS_ENABLED:
        return 0
    now = timezone.now()
    candidates = due_deliveries(now)
    if ids is not None:
        candidates = candidates.filter(pk__in=ids)
    claimed = 0
    for delivery_id in candidates.order_by("next_attempt_at").values_list("pk", flat=True)[:limit]:
        if _claim(delivery_id, now):
            enqueue("actions.tasks.attempt_delivery", delivery_id)
            claimed += 1
    return claimed


def _claim(delivery_id: int, now: datetime) -> bool:
    return bool(
        due_deliveries(now)
        .filter(pk=delivery_id)
        .update(status=DeliveryStatus.DELIVERING, lease_expires_at=now + lease_duration())
    )


# Attempts


@dataclass(frozen=True)
class AttemptResult:
    status_code: int | None
    duration_ms: int | None
    excerpt: str
    error: str
    retry_after: float | None = None
    gone: bool = False
    permanent: bool = False

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def delivery_attempt(*, delivery_id: int) -> None:
    """Make one attempt of a claimed delivery and record it."""
    delivery = WebhookDelivery.objects.select_related("action").get(pk=delivery_id)
    if delivery.status != DeliveryStatus.DELIVERING:
        return
    started_at = timezone.now()
    result = _send(delivery)
    _record(delivery, started_at, result)


def _send(delivery: WebhookDelivery) -> AttemptResult:
    action = delivery.action
    secrets = active_secrets(action)
    if not secrets:
        return AttemptResult(None, None, "", "the action has no signing secret", permanent=True)
    body = delivery.body.encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Postcall-Webhooks/1",
        **action.config.get("headers", {}),
        **signed_headers(
            secrets=secrets,
            msg_id=delivery.message_id,
            timestamp=int(timezone.now().timestamp()),
            body=body,
        ),
    }
    if inbox_token_in(delivery.url) is not None:
        return _result_of(inbox_deliver(url=delivery.url, body=body, headers=headers))
    timeout = float(action.config.get("timeout_seconds") or DEFAULT_TIMEOUT_SECONDS)
    try:
        response = post(
            delivery.url,
            body=body,
            headers=headers,
            connect_timeout=min(CONNECT_TIMEOUT_SECONDS, timeout),
            read_timeout=timeout,
        )
    except OutboundError as error:
        return AttemptResult(None, None, "", str(error), permanent=error.permanent)
    return _result_of(response)


def _result_of(response: OutboundResponse) -> AttemptResult:
    code = response.status_code
    error = ""
    if 300 <= code < 400:
        location = response.headers.get("Location", "")
        error = f"redirect ({code} to {location or 'nowhere'}) not followed: update the URL"
    elif not 200 <= code < 300:
        error = f"receiver answered {code}"
    return AttemptResult(
        status_code=code,
        duration_ms=response.duration_ms,
        excerpt=response.body_excerpt[:RESPONSE_EXCERPT_CHARS],
        error=error,
        retry_after=_retry_after(response) if code in (429, 503) else None,
        gone=code == 410,
    )


def _retry_after(response: OutboundResponse) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER_SECONDS)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    seconds = (moment - timezone.now()).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_SECONDS)


def next_delay(attempt_number: int, retry_after: float | None) -> float | None:
    """Seconds until the next attempt after attempt `attempt_number`, or None to give up."""
    schedule = retry_schedule()
    if attempt_number >= len(schedule):
        return None
    delay = schedule[attempt_number]
    # Up to 10% jitter spreads the retries of many deliveries that failed together.
    delay += random.uniform(0, delay * 0.1)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return delay


def _record(delivery: WebhookDelivery, started_at: datetime, result: AttemptResult) -> None:
    number = delivery.attempt_count + 1
    now = timezone.now()
    delay = None
    if not (result.succeeded or result.gone or result.permanent or delivery.is_test):
        delay = next_delay(number, result.retry_after)
    next_try = now + timedelta(seconds=delay) if delay is not None else None
    with transaction.atomic():
        DeliveryAttempt.objects.create(
            delivery=delivery,
            number=number,
            started_at=started_at,
            status_code=result.status_code,
            duration_ms=result.duration_ms,
            response_excerpt=result.excerpt,
            error=result.error,
            next_try_at=next_try,
        )
        _update_delivery(delivery, result, number, next_try, now)
        if result.gone:
            action_disable(
                action=delivery.action,
                reason=f"the receiver answered 410 Gone on {now:%Y-%m-%d %H:%M} UTC",
            )
        elif not result.succeeded and not delivery.is_test:
            _disable_if_failing_too_long(delivery.action, now)


def _update_delivery(
    delivery: WebhookDelivery,
    result: AttemptResult,
    number: int,
    next_try: datetime | None,
    now: datetime,
) -> None:
    if result.succeeded:
        status = DeliveryStatus.SUCCEEDED
    elif next_try is not None:
        status = DeliveryStatus.PENDING
    else:
        status = DeliveryStatus.FAILED
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=status,
        attempt_count=F("attempt_count") + 1,
        next_attempt_at=next_try,
        lease_expires_at=None,
        last_status_code=result.status_code,
        last_error=result.error,
        finished_at=None if status == DeliveryStatus.PENDING else now,
    )


def action_disable(*, action: Action, reason: str) -> None:
    Action.objects.filter(pk=action.pk).update(enabled=False, disabled_reason=reason)
    WebhookDelivery.objects.filter(action=action, status__in=[DeliveryStatus.PENDING]).update(
        status=DeliveryStatus.FAILED, next_attempt_at=None, last_error=f"action disabled: {reason}"
    )


def _disable_if_failing_too_long(action: Action, now: datetime) -> None:
    window = timedelta(hours=settings.WEBHOOK_DISABLE_AFTER_FAILING_HOURS)
    last_success = (
        action.deliveries.filter(status=DeliveryStatus.SUCCEEDED)
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
    failing = action.deliveries.filter(attempt_count__gt=0, is_test=False).exclude(
        status=DeliveryStatus.SUCCEEDED
    )
    if last_success is not None:
        failing = failing.filter(created_at__gt=last_success)
    first_failure = failing.order_by("created_at").values_list("created_at", flat=True).first()
    if first_failure is not None and now - first_failure > window:
        action_disable(
            action=action,
            reason=f"every delivery has failed since {first_failure:%Y-%m-%d %H:%M} UTC "
            f"(more than {window.total_seconds() / 3600:g} hours)",
        )


def delivery_resend(*, delivery: WebhookDelivery) -> None:
    """Send a delivery again now, with the same webhook-id."""
    WebhookDelivery.objects.filter(pk=delivery.pk).exclude(status=DeliveryStatus.DELIVERING).update(
        status=DeliveryStatus.PENDING, next_attempt_at=timezone.now(), finished_at=None
    )
    transaction.on_commit(lambda: deliveries_dispatch(ids=[delivery.pk]))


def sample_value(spec: FieldSpec, today: date) -> Any:
    """A plausible value for a field, for test events built from the agent's own fields."""
    if spec.type == "enum":
        return spec.choices[0] if spec.choices else None
    if spec.type == "boolean":
        return True
    if spec.type == "number":
        return 1
    samples = {
        "date": (today + timedelta(days=1)).isoformat(),
        "date-time": f"{(today + timedelta(days=1)).isoformat()}T10:00:00+00:00",
        "phone": "14155550134",
        "email": "jane.doe@example.com",
    }
    return samples.get(spec.format, f"Sample {spec.name.replace('_', ' ')}")


def values_meeting(condition: Any) -> dict[str, Any]:
    """Values for the fields a condition asks to equal, so a test event looks like one
    that fires; conditions that name no value (`!=`, `>`, `is_set`, …) add nothing."""
    if not isinstance(condition, dict):
        return {}
    if isinstance(condition.get("all"), list):
        values: dict[str, Any] = {}
        for member in condition["all"]:
            values.update(values_meeting(member))
        return values
    if isinstance(condition.get("any"), list):
        return values_meeting(condition["any"][0]) if condition["any"] else {}
    name, operator, value = (
        condition.get("field"),
        condition.get("operator"),
        condition.get("value"),
    )
    if operator == "==" and value is not None:
        return {name: value}
    if operator == "in" and isinstance(value, list) and value and value[0] is not None:
        return {name: value[0]}
    return {}


def sample_event_data(action: Action) -> dict[str, Any]:
    """A `call.analyzed` event's data built from the agent's own fields and the action's
    condition, with times in the agent's zone as a real call's would be."""
    agent = action.agent
    zone = ZoneInfo(agent.timezone)
    ended = timezone.now().astimezone(zone)
    specs = [field.spec() for field in agent.fields.all()]
    names = {spec.name for spec in specs}
    values = {spec.name: sample_value(spec, ended.date()) for spec in specs}
    values.update(
        {name: value for name, value in values_meeting(action.condition).items() if name in names}
    )
    return {
        "call": {
            "id": None,
            "external_id": "test-call",
            "agent": {"slug": agent.slug, "name": agent.name},
            "direction": "inbound",
            "from_number": "+14155550134",
            "to_number": "",
            "started_at": (ended - SAMPLE_CALL_LENGTH).isoformat(),
            "ended_at": ended.isoformat(),
            "timezone": agent.timezone,
            "follows_up": None,
        },
        "extraction": {
            "run_id": None,
            "values": values,
            "evidence": {spec.name: None for spec in specs},
            "errors": {},
            "ungrounded": [],
        },
        "action": {
            "name": action.name,
            "type": action.type,
            "condition": action.condition,
            "reason": "test event sent by hand",
        },
    }


def webhook_test_send(*, action: Action) -> WebhookDelivery:
    """Send one signed test event now, without retries, and return it with its attempt."""
    body = event_body(event_type=EVENT_CALL_ANALYZED, data=sample_event_data(action), test=True)
    now = timezone.now()
    delivery = WebhookDelivery.objects.create(
        action=action,
        event_type=EVENT_CALL_ANALYZED,
        is_test=True,
        message_id=new_message_id(),
        url=action.config["url"],
        body=body.decode(),
        status=DeliveryStatus.DELIVERING,
        lease_expires_at=now + lease_duration(),
    )
    delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    return delivery
