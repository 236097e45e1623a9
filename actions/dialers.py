"""Dialers place a due follow-up call: one class each, chosen by FOLLOW_UP_DIALER.

- `queue` (default): the call waits in the outbound queue that the voice runtime
  pulls from the API, and the runtime reports the result.
- `http`: POST to FOLLOW_UP_DIALER_URL with an Idempotency-Key per attempt.
- `twilio`: the Twilio Calls REST API.

A dialer's answer is judged as a webhook receiver's is (`infra/retry.py`): a 4xx other
than 408, 409, 425 and 429 fails the follow-up at once; anything else is retried.
"""

from __future__ import annotations

import base64
import json
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urlencode

from django.conf import settings

from actions.outbound import OutboundError, post
from infra.retry import status_is_permanent

if TYPE_CHECKING:
    from actions.models import FollowUp


class DialFailed(Exception):
    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


class Dialer:
    name: ClassVar[str]

    def dial(self, followup: FollowUp) -> str:
        """Place the call; return the dialer's reference for it, or raise DialFailed."""
        raise NotImplementedError


def idempotency_key(followup: FollowUp) -> str:
    return f"postcall-follow-up-{followup.pk}-attempt-{followup.attempts}"


class QueueDialer(Dialer):
    """Leaves the call in the outbound queue; the voice runtime pulls it from the API."""

    name = "queue"

    def dial(self, followup: FollowUp) -> str:
        return idempotency_key(followup)


def _post_json(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    try:
        response = post(
            url,
            body=body,
            headers=headers,
            connect_timeout=5.0,
            read_timeout=settings.FOLLOW_UP_DIALER_TIMEOUT_SECONDS,
        )
    except OutboundError as error:
        raise DialFailed(f"dialer unreachable: {error}", permanent=error.permanent) from error
    return response.status_code, response.body_excerpt


def _raise_for(status: int, excerpt: str) -> None:
    if 200 <= status < 300:
        return
    raise DialFailed(
        f"dialer answered {status}: {excerpt[:200]}", permanent=status_is_permanent(status)
    )


class HttpDialer(Dialer):
    name = "http"

    def dial(self, followup: FollowUp) -> str:
        body = json.dumps(
            {
                "follow_up_id": followup.pk,
                "agent": followup.agent.slug,
                "to": followup.to_number,
                "from": followup.from_number,
                "due_at": followup.due_at.isoformat(),
                "source_call": followup.source_call.external_id if followup.source_call else None,
            }
        ).encode()
        headers = {
            "Content-Type": "application/json",
            "Idempotency-Key": idempotency_key(followup),
            **settings.FOLLOW_UP_DIALER_HEADERS,
        }
        status, excerpt = _post_json(settings.FOLLOW_UP_DIALER_URL, body, headers)
        _raise_for(status, excerpt)
        try:
            return str(json.loads(excerpt).get("id") or idempotency_key(followup))
        except (ValueError, AttributeError):
            return idempotency_key(followup)


def basic_credentials(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode()


class TwilioDialer(Dialer):
    name = "twilio"

    def dial(self, followup: FollowUp) -> str:
        account = settings.TWILIO_ACCOUNT_SID
        url = f"{settings.TWILIO_API_BASE_URL}/2010-04-01/Accounts/{account}/Calls.json"
        body = urlencode(
            {
                "To": followup.to_number,
                "From": followup.from_number,
                "Url": settings.TWILIO_CALL_WEBHOOK_URL,
            }
        ).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Authorization": f"Basic {basic_credentials(account, settings.TWILIO_AUTH_TOKEN)}",
            "I-Twilio-Idempotency-Token": idempotency_key(followup),
        }
        status, excerpt = _post_json(url, body, headers)
        _raise_for(status, excerpt)
        try:
            return str(json.loads(excerpt)["sid"])
        except (ValueError, KeyError, TypeError) as error:
            raise DialFailed(
                f"Twilio answered without a call sid: {excerpt[:200]}", permanent=False
            ) from error


DIALERS: dict[str, type[Dialer]] = {
    dialer.name: dialer for dialer in (QueueDialer, HttpDialer, TwilioDialer)
}


def dialer_for(name: str) -> Dialer:
    return DIALERS[name]()
