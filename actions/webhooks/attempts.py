"""One attempt of a webhook delivery: sign, send, record, and book the next attempt.

What is retried, and when, is the one retry policy (`infra/retry.py`): a 2xx is
success; a 4xx other than 408, 409, 425 and 429 is permanent (a 410 also switches the
action off); anything else is retried on WEBHOOK_RETRY_SCHEDULE_SECONDS.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from actions.inbox import inbox_deliver, inbox_token_in
from actions.models import DeliveryAttempt, DeliveryStatus, WebhookDelivery
from actions.outbound import OutboundError, OutboundResponse, send
from actions.signing import signed_headers
from actions.webhooks.disabling import action_disable, action_disable_if_failing_too_long
from actions.webhooks.secrets import active_secrets
from infra.retry import (
    RETRY_AFTER_STATUSES,
    RetryPolicy,
    retry_after_seconds,
    status_is_permanent,
)

if TYPE_CHECKING:
    from actions.kinds.webhook import WebhookConfig

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT_SECONDS = 5.0
RESPONSE_EXCERPT_CHARS = 1000
RETRY_JITTER = 0.1


def delivery_retry_policy() -> RetryPolicy:
    """The schedule's first entry is the first attempt itself (sent at once); each later
    entry is the wait after one more failed attempt."""
    schedule = settings.WEBHOOK_RETRY_SCHEDULE_SECONDS
    return RetryPolicy(tuple(float(delay) for delay in schedule[1:]), jitter=RETRY_JITTER)


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


def delivery_to_attempt(*, delivery_id: int) -> WebhookDelivery | None:
    """The delivery, when it is claimed for an attempt and its action may still send.

    An action switched off sends nothing more: its delivery fails, saying so.
    """
    delivery = WebhookDelivery.objects.select_related("action__agent").get(pk=delivery_id)
    if delivery.status != DeliveryStatus.DELIVERING:
        return None
    if not delivery.action.enabled and not delivery.is_test:
        _stop(delivery, "not sent: the action is switched off")
        return None
    return delivery


def delivery_attempt(*, delivery: WebhookDelivery, config: WebhookConfig) -> None:
    """Make one attempt of a claimed delivery to the receiver `config` names, and record it.

    The method and content type are the delivery's own, fixed with its bytes; the URL,
    query, headers and timeout are the action's as they are now."""
    started_at = timezone.now()
    try:
        result = send_signed(
            config=config,
            secrets=active_secrets(delivery.action),
            msg_id=delivery.message_id,
            body=delivery.body.encode(),
            method=delivery.method,
            content_type=delivery.content_type,
        )
    except Exception as error:
        logger.exception("webhook attempt crashed", extra={"delivery_id": delivery.pk})
        result = AttemptResult(None, None, "", f"could not be sent: {error}", permanent=True)
    _record(delivery, started_at, config.request_url, result)


def delivery_refuse(*, delivery: WebhookDelivery, reason: str) -> None:
    """Record an attempt that cannot even be made as failed for good, instead of claiming
    the delivery again and again."""
    result = AttemptResult(None, None, "", reason, permanent=True)
    _record(delivery, timezone.now(), delivery.url, result)


def delivery_record(
    *, delivery: WebhookDelivery, started_at: datetime, url: str, result: AttemptResult
) -> None:
    """Record one attempt of a claimed delivery that a kind made itself (a CRM's API, a
    chat's incoming webhook), and book the next one as a webhook's would be: the same
    retry schedule, Retry-After, permanent answers and switching off."""
    _record(delivery, started_at, url, result)


def send_signed(
    *,
    config: WebhookConfig,
    secrets: Sequence[str],
    msg_id: str,
    body: bytes,
    method: str = "POST",
    content_type: str = "application/json",
) -> AttemptResult:
    """Send `body` once with `method` to the config's URL and query, signed with
    `secrets`; record nothing."""
    if not secrets:
        return AttemptResult(None, None, "", "the action has no signing secret", permanent=True)
    headers = {
        "Content-Type": content_type,
        "User-Agent": "Postcall-Webhooks/1",
        **config.headers,
        **signed_headers(
            secrets=secrets,
            msg_id=msg_id,
            timestamp=int(timezone.now().timestamp()),
            body=body,
        ),
    }
    if inbox_token_in(config.request_url) is not None:
        return _result_of(inbox_deliver(url=config.request_url, body=body, headers=headers))
    started = time.monotonic()
    try:
        response = send(
            method,
            config.request_url,
            body=body,
            headers=headers,
            connect_timeout=min(CONNECT_TIMEOUT_SECONDS, config.timeout_seconds),
            read_timeout=config.timeout_seconds,
        )
    except OutboundError as error:
        elapsed_ms = round((time.monotonic() - started) * 1000)
        return AttemptResult(None, elapsed_ms, "", str(error), permanent=error.permanent)
    return _result_of(response)


def _stop(delivery: WebhookDelivery, reason: str) -> None:
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED,
        next_attempt_at=None,
        lease_expires_at=None,
        last_error=reason,
        finished_at=timezone.now(),
    )


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
        retry_after=(
            retry_after_seconds(response.headers.get("Retry-After", ""))
            if code in RETRY_AFTER_STATUSES
            else None
        ),
        gone=code == 410,
        permanent=status_is_permanent(code),
    )


def _record(
    delivery: WebhookDelivery, started_at: datetime, url: str, result: AttemptResult
) -> None:
    number = delivery.attempt_count + 1
    now = timezone.now()
    delay = None
    if not (result.succeeded or result.permanent or delivery.is_test):
        delay = delivery_retry_policy().delay_after(number, retry_after=result.retry_after)
    next_try = now + timedelta(seconds=delay) if delay is not None else None
    with transaction.atomic():
        DeliveryAttempt.objects.create(
            delivery=delivery,
            number=number,
            started_at=started_at,
            url=url,
            status_code=result.status_code,
            duration_ms=result.duration_ms,
            response_excerpt=result.excerpt,
            error=result.error,
            next_try_at=next_try,
        )
        _update_delivery(delivery, url, result, next_try, now)
        if result.gone:
            action_disable(
                action=delivery.action,
                reason=f"the receiver answered 410 Gone on {now:%Y-%m-%d %H:%M} UTC",
            )
        elif not result.succeeded and not delivery.is_test:
            action_disable_if_failing_too_long(action=delivery.action, now=now)


def _update_delivery(
    delivery: WebhookDelivery,
    url: str,
    result: AttemptResult,
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
        url=url,
        attempt_count=F("attempt_count") + 1,
        next_attempt_at=next_try,
        lease_expires_at=None,
        last_status_code=result.status_code,
        last_error=result.error,
        finished_at=None if status == DeliveryStatus.PENDING else now,
    )
