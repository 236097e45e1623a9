"""Dialers place a due follow-up call: one class each, chosen by FOLLOW_UP_DIALER.

- `queue` (default): the call waits in the outbound queue that the voice runtime
  pulls from the API, and the runtime reports the result.
- `http`: POST to FOLLOW_UP_DIALER_URL with an Idempotency-Key; the receiver places one
  call per key (our documented contract), so a hand-off may be repeated with its key.
- `twilio`: the Twilio Calls REST API, which documents no idempotency key for creating
  a call: a hand-off whose outcome is unknown is never repeated there.

A dialer's answer is judged as a webhook receiver's is (`infra/retry.py`): a 4xx other
than 408, 409, 425 and 429 fails the follow-up at once; anything else is retried. An
answer settles the hand-off; a timeout or a dropped connection after the request went
out leaves it in doubt (`DialFailed.in_doubt`).
"""

from __future__ import annotations

import base64
import json
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urlencode

from django.conf import settings

from actions.outbound import OutboundError, send
from infra.retry import status_is_permanent

if TYPE_CHECKING:
    from actions.models import FollowUp


class DialFailed(Exception):
    """The dialer did not take the call; `in_doubt` when it may have taken it all the same."""

    def __init__(self, message: str, *, permanent: bool, in_doubt: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.in_doubt = in_doubt


class Dialer:
    name: ClassVar[str]
    # Whether a hand-off repeated with the same key places no second call.
    deduplicates: ClassVar[bool]

    def dial(self, followup: FollowUp) -> str:
        """Place the call under `followup.dial_key`; return the dialer's reference for it,
        or raise DialFailed."""
        raise NotImplementedError

    def worst_case_seconds(self) -> float:
        """The longest one hand-off can take before it is answered or given up."""
        return 0.0


def idempotency_key(followup: FollowUp) -> str:
    """The key of a new hand-off: one per attempt that a dialer's answer settled."""
    return f"postcall-follow-up-{followup.pk}-attempt-{followup.attempts}"


class QueueDialer(Dialer):
    """Leaves the call in the outbound queue; the voice runtime pulls it from the API.

    Handing a row to the queue again only leaves it waiting there, and the runtime is
    given the same `idempotency_key` each time it is handed out."""

    name = "queue"
    deduplicates = True

    def dial(self, followup: FollowUp) -> str:
        return followup.dial_key


class RemoteDialer(Dialer):
    def worst_case_seconds(self) -> float:
        return (
            settings.FOLLOW_UP_DIALER_CONNECT_TIMEOUT_SECONDS
            + settings.FOLLOW_UP_DIALER_TIMEOUT_SECONDS
        )


def _post_json(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    try:
        response = send(
            "POST",
            url,
            body=body,
            headers=headers,
            connect_timeout=settings.FOLLOW_UP_DIALER_CONNECT_TIMEOUT_SECONDS,
            read_timeout=settings.FOLLOW_UP_DIALER_TIMEOUT_SECONDS,
        )
    except OutboundError as error:
        raise DialFailed(
            f"dialer unreachable: {error}", permanent=error.permanent, in_doubt=error.sent
        ) from error
    return response.status_code, response.body_excerpt


def _raise_for(status: int, excerpt: str) -> None:
    if 200 <= status < 300:
        return
    raise DialFailed(
        f"dialer answered {status}: {excerpt[:200]}", permanent=status_is_permanent(status)
    )


class HttpDialer(RemoteDialer):
    name = "http"
    deduplicates = True

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
            "Idempotency-Key": followup.dial_key,
            **settings.FOLLOW_UP_DIALER_HEADERS,
        }
        status, excerpt = _post_json(settings.FOLLOW_UP_DIALER_URL, body, headers)
        _raise_for(status, excerpt)
        try:
            return str(json.loads(excerpt).get("id") or followup.dial_key)
        except (ValueError, AttributeError):
            return followup.dial_key


def basic_credentials(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode()


class TwilioDialer(RemoteDialer):
    name = "twilio"
    # Twilio's Call resource takes no idempotency key when a call is created (its
    # I-Twilio-Idempotency-Token is a header of the webhooks Twilio sends, not one it
    # reads): every POST that arrives places a call.
    deduplicates = False

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
        }
        status, excerpt = _post_json(url, body, headers)
        _raise_for(status, excerpt)
        try:
            return str(json.loads(excerpt)["sid"])
        except (ValueError, KeyError, TypeError) as error:
            # A 2xx answer: Twilio may well have placed the call.
            raise DialFailed(
                f"Twilio answered without a call sid: {excerpt[:200]}",
                permanent=False,
                in_doubt=True,
            ) from error


DIALERS: dict[str, type[Dialer]] = {
    dialer.name: dialer for dialer in (QueueDialer, HttpDialer, TwilioDialer)
}


def dialer_for(name: str) -> Dialer:
    return DIALERS[name]()
