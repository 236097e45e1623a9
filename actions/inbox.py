"""Webhook inboxes: URLs inside Postcall that record what they receive.

An inbox lets ops try a webhook with no outside tool. A webhook whose URL is an inbox of
this site (`PUBLIC_BASE_URL/inbox/<token>/`) is delivered in-process, without a network
request: the outbound-address guard then stays on for every other URL, this site's own
other paths included.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from actions.models import Action, InboxRequest, WebhookInbox
from actions.outbound import DEFAULT_PORTS, OutboundResponse
from actions.signing import signature_matches
from actions.webhooks.secrets import active_secrets
from infra.errors import error_body

TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
TIMESTAMP_TOLERANCE_SECONDS = 300
UNRECORDED_HEADERS = {"cookie"}
IN_PROCESS = "in-process"


@dataclass(frozen=True)
class InboxAnswer:
    status: int
    body: dict[str, Any]


def inbox_url(inbox: WebhookInbox, *, base: str = "") -> str:
    """The inbox's URL on `base`, the address a page of this site is served at, else
    on PUBLIC_BASE_URL."""
    return f"{(base or settings.PUBLIC_BASE_URL).rstrip('/')}/inbox/{inbox.token}/"


def _origin(url: str) -> tuple[str, str, int] | None:
    try:
        parts = urlsplit(url)
        port = parts.port or DEFAULT_PORTS.get(parts.scheme, 0)
    except ValueError:
        return None
    return parts.scheme, (parts.hostname or "").lower(), port


def _served_here(url: str) -> bool:
    """Whether `url` is on PUBLIC_BASE_URL's origin, or on a host that ALLOWED_HOSTS
    names exactly (at any port): the addresses this site may be served at, since the
    admin builds an inbox's URL on the address its page was opened at."""
    origin = _origin(url)
    if origin is None:
        return False
    if origin == _origin(settings.PUBLIC_BASE_URL):
        return True
    scheme, host, _port = origin
    named = {name.lower().strip("[]") for name in settings.ALLOWED_HOSTS}
    return scheme in DEFAULT_PORTS and host.strip("[]") in named - {"*"}


def inbox_token_in(url: str) -> str | None:
    """The token when `url` is an inbox URL of this site exactly, else None."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.query or parts.fragment or parts.username or parts.password:
        return None
    if not _served_here(url):
        return None
    on_base = _origin(url) == _origin(settings.PUBLIC_BASE_URL)
    base_path = urlsplit(settings.PUBLIC_BASE_URL).path if on_base else ""
    prefix = f"{base_path.rstrip('/')}/inbox/"
    token = parts.path.removeprefix(prefix).removesuffix("/")
    if parts.path != f"{prefix}{token}/" or not TOKEN.match(token):
        return None
    if not on_base and not WebhookInbox.objects.filter(token=token).exists():
        # Elsewhere than PUBLIC_BASE_URL only an existing inbox makes a URL this site's.
        return None
    return token


def inbox_create(*, name: str, action: Action | None = None) -> WebhookInbox:
    return WebhookInbox.objects.create(name=name, action=action)


def inboxes_link(*, actions: Iterable[Action]) -> int:
    """Link each inbox created for a webhook row before it was saved to the saved action
    whose URL names it, so the inbox checks its signatures; return how many."""
    linked = 0
    for action in actions:
        token = inbox_token_in(str((action.config or {}).get("url") or ""))
        if action.type == "webhook" and token is not None:
            linked += WebhookInbox.objects.filter(token=token, action=None).update(action=action)
    return linked


def inbox_receive(*, token: str, method: str, headers: dict[str, str], body: bytes) -> InboxAnswer:
    """Record one request to the inbox `token`; answer as the inbox endpoint does."""
    inbox = WebhookInbox.objects.select_related("action").filter(token=token).first()
    if inbox is None:
        return InboxAnswer(404, error_body("not_found", "no such inbox"))
    limit = settings.INBOX_MAX_BODY_BYTES
    if len(body) > limit:
        message = f"the body is over {limit} bytes"
        return InboxAnswer(413, error_body("too_large", message))
    headers = {
        name.lower(): value
        for name, value in headers.items()
        if name.lower() not in UNRECORDED_HEADERS
    }
    verified, note = signature_check(inbox.action, headers, body)
    with transaction.atomic():
        received = InboxRequest.objects.create(
            inbox=inbox,
            method=method,
            headers=headers,
            body=body.decode(errors="replace"),
            signature_verified=verified,
            signature_note=note,
        )
        _keep_latest(inbox)
    return InboxAnswer(
        200, {"ok": True, "inbox": inbox.name, "request": received.pk, "signature": note}
    )


def _keep_latest(inbox: WebhookInbox) -> None:
    kept = inbox.requests.values_list("pk", flat=True)[: settings.INBOX_KEEP_REQUESTS]
    inbox.requests.exclude(pk__in=list(kept)).delete()


def signature_check(
    action: Action | None, headers: dict[str, str], body: bytes
) -> tuple[bool | None, str]:
    """Whether a Standard Webhooks delivery is signed by the action's secrets, and a note.

    None when nothing was checked: the request carries no signature, or the inbox is
    linked to no action.
    """
    header = headers.get("webhook-signature", "")
    if not header:
        return None, "not checked: no webhook-signature header"
    if action is None:
        return None, "not checked: the inbox is linked to no webhook action"
    try:
        timestamp = int(headers.get("webhook-timestamp", ""))
    except ValueError:
        return False, "invalid: webhook-timestamp is not a number"
    skew = abs(timezone.now().timestamp() - timestamp)
    if skew > TIMESTAMP_TOLERANCE_SECONDS:
        return False, f"invalid: webhook-timestamp is {skew:.0f} s away from now"
    matched = signature_matches(
        secrets=active_secrets(action),
        msg_id=headers.get("webhook-id", ""),
        timestamp=timestamp,
        body=body,
        header=header,
    )
    if matched:
        return True, f"verified with the secrets of {action.name!r}"
    return False, f"invalid: no signature matches the secrets of {action.name!r}"


def inbox_deliver(*, url: str, body: bytes, headers: dict[str, str]) -> OutboundResponse:
    """Hand a webhook to an inbox of this site, as the inbox endpoint would answer it."""
    started = time.monotonic()
    answer = inbox_receive(
        token=inbox_token_in(url) or "", method="POST", headers=headers, body=body
    )
    return OutboundResponse(
        status_code=answer.status,
        headers={"Content-Type": "application/json"},
        body_excerpt=json_text(answer.body),
        duration_ms=round((time.monotonic() - started) * 1000),
        connected_ip=IN_PROCESS,
    )


def json_text(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))
