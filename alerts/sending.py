"""Sending alert messages through the task queue, with retries.

A message is claimed (status `sending` with a lease) before each attempt; a claim whose
worker died expires and the scheduler claims it again. A message that cannot be sent is
logged and tried again on ALERT_RETRY; its failures never raise an alert of their own,
so a broken destination cannot feed itself.
"""

from __future__ import annotations

import json
import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.error import URLError

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import QuerySet
from django.utils import timezone
from slack_sdk.webhook import WebhookClient

from actions.services import OutboundError, outbound_send
from alerts.messages import AlertText, alert_text, slack_message, teams_message
from alerts.models import AlertDestination, AlertMessage, Channel, MessageStatus
from infra.claims import claim_and_enqueue, due_or_abandoned
from infra.retry import RetryPolicy, status_is_permanent

logger = logging.getLogger(__name__)

ALERT_RETRY = RetryPolicy(delays=(10, 60, 300, 1800, 7200), jitter=0.1)
ERROR_CHARS = 500


@dataclass(frozen=True)
class Failure:
    error: str
    permanent: bool = False


def lease() -> timedelta:
    return timedelta(seconds=settings.Q_TASK_TIMEOUT)


def due_messages(now: datetime) -> QuerySet[AlertMessage]:
    return due_or_abandoned(
        AlertMessage.objects.all(),
        waiting=MessageStatus.PENDING,
        claimed=MessageStatus.SENDING,
        now=now,
    )


def alert_messages_dispatch(*, ids: list[int] | None = None, limit: int = 100) -> int:
    """Claim due messages (all, or these) and queue a send for each; return how many."""
    now = timezone.now()
    candidates = due_messages(now)
    if ids is not None:
        candidates = candidates.filter(pk__in=ids)
    return claim_and_enqueue(
        candidates,
        claimed=MessageStatus.SENDING,
        lease_expires_at=now + lease(),
        task="alerts.tasks.send_alert_message",
        limit=limit,
    )


def alert_message_send(*, message_id: int) -> None:
    """Send one claimed message and record how it went."""
    message = (
        AlertMessage.objects.select_related("incident", "destination")
        .filter(pk=message_id, status=MessageStatus.SENDING)
        .first()
    )
    if message is None:
        return
    text = alert_text(message.incident, message.event)
    failure = deliver(message.destination, text)
    if failure is None:
        AlertMessage.objects.filter(pk=message.pk).update(**sent_changes(message.attempts))
        return
    message_failed(message, failure)


def sent_changes(attempts: int) -> dict[str, Any]:
    """A claimed message's or digest's columns once sent."""
    return {
        "status": MessageStatus.SENT,
        "attempts": attempts + 1,
        "sent_at": timezone.now(),
        "lease_expires_at": None,
        "last_error": "",
    }


def failed_changes(what: str, attempts: int, failure: Failure) -> dict[str, Any]:
    """Log a failed attempt and return the columns that retry it on ALERT_RETRY, or give
    it up."""
    attempts += 1
    delay = None if failure.permanent else ALERT_RETRY.delay_after(attempts)
    logger.warning(
        "%s not sent (attempt %s, %s): %s",
        what,
        attempts,
        "given up" if delay is None else f"retrying in {delay:.0f} s",
        failure.error,
    )
    return {
        "status": MessageStatus.FAILED if delay is None else MessageStatus.PENDING,
        "attempts": attempts,
        "next_attempt_at": None if delay is None else timezone.now() + timedelta(seconds=delay),
        "lease_expires_at": None,
        "last_error": failure.error[:ERROR_CHARS],
    }


def message_failed(message: AlertMessage, failure: Failure) -> None:
    what = f"alert message {message.pk} to {message.destination}"
    AlertMessage.objects.filter(pk=message.pk).update(
        **failed_changes(what, message.attempts, failure)
    )


def deliver(destination: AlertDestination, text: AlertText) -> Failure | None:
    if destination.channel == Channel.EMAIL:
        return send_email(destination.target, text)
    if destination.channel == Channel.SLACK:
        return send_slack(destination.target, text)
    return send_teams(destination.target, text)


def email_addresses(target: str) -> list[str]:
    return [address.strip() for address in target.replace(";", ",").split(",") if address.strip()]


def send_email(target: str, text: AlertText) -> Failure | None:
    return send_plain_email(email_addresses(target), text.subject, text.plain())


def send_plain_email(addresses: list[str], subject: str, body: str) -> Failure | None:
    try:
        send_mail(subject[:200], body, None, addresses)
    except (smtplib.SMTPException, OSError) as error:
        return Failure(f"the mail server refused or was unreachable: {error}")
    return None


def slack_url_error(url: str) -> str | None:
    base = settings.SLACK_WEBHOOK_BASE_URL
    if not url.startswith(base) or url == base:
        return f"a Slack incoming webhook URL starts with {base}"
    return None


def send_slack(url: str, text: AlertText) -> Failure | None:
    problem = slack_url_error(url)
    if problem:
        return Failure(problem, permanent=True)
    client = WebhookClient(
        url=url,
        timeout=round(settings.NATIVE_ACTION_TIMEOUT_SECONDS),
        # The message's retries are ours, on ALERT_RETRY, each one logged.
        retry_handlers=[],
    )
    try:
        response = client.send_dict(slack_message(text))
    except (URLError, OSError) as error:
        return Failure(f"Slack could not be reached: {error}")
    if 200 <= response.status_code < 300:
        return None
    return Failure(
        f"Slack answered {response.status_code}: {response.body or '(no text)'}",
        permanent=status_is_permanent(response.status_code),
    )


def send_teams(url: str, text: AlertText) -> Failure | None:
    try:
        response = outbound_send(
            "POST",
            url,
            body=json.dumps(teams_message(text)).encode(),
            headers={"Content-Type": "application/json"},
            connect_timeout=5.0,
            read_timeout=settings.NATIVE_ACTION_TIMEOUT_SECONDS,
        )
    except OutboundError as error:
        return Failure(f"Teams could not be reached: {error}", permanent=error.permanent)
    if 200 <= response.status_code < 300:
        return None
    return Failure(
        f"Teams answered {response.status_code}: {response.body_excerpt or '(no text)'}",
        permanent=status_is_permanent(response.status_code),
    )
