"""Connections and what arrives through them.

A platform's delivery is checked as that platform signs it, recorded with its verdict,
and turned into a call by `calls.services.call_create`, in one transaction: the request
stores and queues, and never waits for extraction.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from agents.models import Agent
from calls.models import Call
from calls.services import CallInvalid, call_create, call_metadata_merge
from connectors.models import Connection, ConnectionSecret, Delivery, Platform, Verdict
from connectors.platforms import PLATFORMS
from connectors.platforms.base import (
    DeliveryMalformed,
    PlatformAdapter,
    PlatformCall,
    Received,
    SignatureRefused,
)
from connectors.platforms.vapi import options_problems as vapi_options_problems
from connectors.selectors import active_secrets, connection_for_delivery, connection_url
from infra.errors import error_body
from infra.secrets import secrets_expire_for_rotation

SECRET_MAX_LENGTH = 500
UNRECORDED_HEADERS = {"cookie", "authorization", "x-vapi-secret"}
ANALYSIS_KEYS = ("platform_analysis", "platform_variables", "platform_details")


class ConnectionInvalid(ValueError):
    """A connection that cannot be saved; `errors` maps each input to its problem."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class Answer:
    """What the endpoint answers the platform, and the delivery it stored, if any."""

    status: int
    body: dict[str, Any]
    delivery: Delivery | None = None


@dataclass
class Outcome:
    verdict: str
    status: int
    event: str = ""
    platform_call_id: str = ""
    reason: str = ""
    problems: dict[str, str] = field(default_factory=dict)
    call: Call | None = None


# Connections


def options_problems(platform: str, options: Any) -> dict[str, str]:
    if not isinstance(options, dict):
        return {"options": "must be an object"}
    if platform == Platform.VAPI:
        return vapi_options_problems(options)
    if options:
        return {"options": f"{PLATFORMS[platform].label} has no signing options"}
    return {}


def _secret_problems(secret: Any, *, required: bool) -> dict[str, str]:
    if not isinstance(secret, str):
        return {"secret": "must be text"}
    if required and not secret.strip():
        return {"secret": "paste the platform's signing secret or API key"}
    if len(secret.strip()) > SECRET_MAX_LENGTH:
        return {"secret": f"is longer than {SECRET_MAX_LENGTH} characters"}
    return {}


def connection_create(
    *,
    agent: Agent,
    platform: str,
    secret: str,
    options: dict[str, Any] | None = None,
    is_enabled: bool = True,
) -> Connection:
    """Connect the agent to a platform with that platform's secret (stored write-only)."""
    options = options if options is not None else {}
    if platform not in PLATFORMS:
        raise ConnectionInvalid({"platform": f"{platform!r} is not one of {', '.join(PLATFORMS)}"})
    errors = {**options_problems(platform, options), **_secret_problems(secret, required=True)}
    if Connection.objects.filter(agent=agent, platform=platform).exists():
        errors["platform"] = f"{agent.name} already has a {PLATFORMS[platform].label} connection"
    if errors:
        raise ConnectionInvalid(errors)
    try:
        with transaction.atomic():
            connection = Connection.objects.create(
                agent=agent, platform=platform, options=options, is_enabled=is_enabled
            )
            ConnectionSecret.objects.create(connection=connection, secret=secret.strip())
    except IntegrityError as error:
        label = PLATFORMS[platform].label
        raise ConnectionInvalid(
            {"platform": f"{agent.name} already has a {label} connection"}
        ) from error
    return connection


def connection_update(
    *,
    connection: Connection,
    secret: str = "",
    options: dict[str, Any] | None = None,
    is_enabled: bool | None = None,
    grace: timedelta | None = None,
) -> Connection:
    """Change the options or the switch; a new secret starts a rotation."""
    errors = _secret_problems(secret, required=False)
    if options is not None:
        errors.update(options_problems(connection.platform, options))
    if errors:
        raise ConnectionInvalid(errors)
    with transaction.atomic():
        if options is not None:
            connection.options = options
        if is_enabled is not None:
            connection.is_enabled = is_enabled
        connection.save(update_fields=["options", "is_enabled"])
        if secret.strip():
            connection_secret_rotate(connection=connection, secret=secret, grace=grace)
    return connection


def connection_secret_rotate(
    *, connection: Connection, secret: str, grace: timedelta | None = None
) -> None:
    """Verify with `secret` from now on; the previous ones stay valid for `grace` (the
    webhook rotation grace by default), while the platform's side is being changed."""
    errors = _secret_problems(secret, required=True)
    if errors:
        raise ConnectionInvalid(errors)
    secrets_expire_for_rotation(connection.secrets.all(), grace=grace)
    ConnectionSecret.objects.create(connection=connection, secret=secret.strip())


# Deliveries


def delivery_receive(
    *,
    platform: str,
    token: str,
    headers: Mapping[str, str],
    body: bytes,
    now: datetime | None = None,
    sample: bool = False,
) -> Answer:
    """Check one request from a platform and store what it carries; answer as the
    endpoint does. Nothing is stored for an unknown URL, an oversized body or a
    signature that fails."""
    connection = connection_for_delivery(platform=platform, token=token)
    if connection is None:
        return Answer(404, error_body("not_found", "No enabled connection has this URL."))
    limit = settings.CONNECTOR_MAX_BODY_BYTES
    if len(body) > limit:
        return Answer(413, error_body("too_large", f"The body is over {limit} bytes."))
    lowered = {name.lower(): value for name, value in headers.items()}
    received = Received(
        headers=lowered, body=body, url=connection_url(connection), now=now or timezone.now()
    )
    secrets = active_secrets(connection)
    adapter = PLATFORMS[connection.platform]
    try:
        if not secrets:
            raise SignatureRefused("this connection has no secret: set it in Postcall first")
        adapter.verify(received, secrets, connection.options)
    except SignatureRefused as refusal:
        connection_refusal_count(connection=connection, reason=str(refusal), now=received.now)
        return Answer(401, error_body("unauthorized", f"Signature refused: {refusal}."))
    if connection.refused_in_a_row:
        connection_refusals_clear(connection=connection)
    delivery = delivery_record(
        connection=connection,
        body=body,
        headers=_recorded_headers(lowered, secrets),
        sample=sample,
    )
    return delivery_answer(delivery)


def connection_refusal_count(*, connection: Connection, reason: str, now: datetime) -> None:
    """Count one more request refused in a row, keeping since when and the last reason."""
    Connection.objects.filter(pk=connection.pk).update(
        refused_in_a_row=F("refused_in_a_row") + 1,
        refused_since=Coalesce("refused_since", Value(now)),
        last_refusal=f"Signature refused: {reason}"[:300],
    )


def connection_refusals_clear(*, connection: Connection) -> None:
    """A verified request ends the run of refusals."""
    Connection.objects.filter(pk=connection.pk).update(
        refused_in_a_row=0, refused_since=None, last_refusal=""
    )


def _recorded_headers(headers: dict[str, str], secrets: list[str]) -> dict[str, str]:
    """The headers worth keeping: none that carries a secret."""
    return {
        name: value
        for name, value in headers.items()
        if name not in UNRECORDED_HEADERS and not any(secret in value for secret in secrets)
    }


def delivery_record(
    *,
    connection: Connection,
    body: bytes,
    headers: dict[str, str],
    replay_of: Delivery | None = None,
    sample: bool = False,
) -> Delivery:
    """Turn a verified body into a call (or say why not) and record the delivery."""
    adapter = PLATFORMS[connection.platform]
    with transaction.atomic():
        outcome = _outcome(connection.agent, adapter, body)
        return Delivery.objects.create(
            connection=connection,
            event=outcome.event[:100],
            platform_call_id=outcome.platform_call_id[:200],
            verdict=outcome.verdict,
            reason=outcome.reason,
            problems=outcome.problems,
            status_code=outcome.status,
            headers=headers,
            body=body,
            call=outcome.call,
            replay_of=replay_of,
            sample=sample,
        )


def delivery_answer(delivery: Delivery) -> Answer:
    if delivery.verdict == Verdict.INVALID:
        body = error_body("invalid", delivery.reason, delivery.problems)
        body["delivery"] = delivery.pk
        body["kept"] = "The body is kept; it can be replayed from Postcall once fixed."
        return Answer(400, body, delivery)
    return Answer(
        200,
        {
            "ok": True,
            "verdict": delivery.verdict,
            "reason": delivery.reason,
            "call": delivery.call_id,
            "delivery": delivery.pk,
        },
        delivery,
    )


def _outcome(agent: Agent, adapter: PlatformAdapter, body: bytes) -> Outcome:
    try:
        document = json.loads(body)
    except ValueError as error:
        return Outcome(Verdict.INVALID, 400, reason=f"The body is not JSON: {error}.")
    try:
        event = adapter.event(document)
    except DeliveryMalformed as error:
        return _invalid(error.problems)
    outcome = Outcome(Verdict.IGNORED, 200, event=event, platform_call_id=adapter.call_id(document))
    if event not in adapter.finished_events:
        outcome.reason = f"{event!r} is not the end of a call: nothing to store."
        return outcome
    try:
        mapped = adapter.call(document)
    except DeliveryMalformed as error:
        return _invalid(error.problems, outcome)
    return _stored(agent, adapter, mapped, outcome)


def _invalid(problems: dict[str, str], outcome: Outcome | None = None) -> Outcome:
    outcome = outcome or Outcome(Verdict.INVALID, 400)
    outcome.verdict, outcome.status, outcome.problems = Verdict.INVALID, 400, problems
    outcome.reason = "Not a finished call: " + "; ".join(
        f"{path} {problem}" for path, problem in problems.items()
    )
    return outcome


def _stored(
    agent: Agent, adapter: PlatformAdapter, mapped: PlatformCall, outcome: Outcome
) -> Outcome:
    try:
        call, created = call_create(
            agent=agent,
            external_id=mapped.external_id,
            started_at=mapped.started_at,
            ended_at=mapped.ended_at,
            timezone=mapped.timezone,
            direction=mapped.direction,
            from_number=mapped.from_number,
            to_number=mapped.to_number,
            transcript=mapped.transcript,
            metadata=mapped.metadata,
        )
    except CallInvalid as error:
        return _invalid(error.errors, outcome)
    outcome.call = call
    if created:
        outcome.verdict = Verdict.CREATED
        outcome.reason = (
            "Stored; its analysis is queued."
            if call.transcript
            else ("Stored with no transcript: nothing to analyse.")
        )
    elif outcome.event in adapter.finished_events & adapter.adding_events and call_metadata_merge(
        call=call, metadata={key: mapped.metadata.get(key) for key in ANALYSIS_KEYS}
    ):
        outcome.verdict = Verdict.ADDED
        outcome.reason = "The platform's analysis was added to the stored call."
    else:
        outcome.verdict = Verdict.DUPLICATE
        outcome.reason = "This call is already stored (a retried or repeated delivery)."
    return outcome


def delivery_replay(*, delivery: Delivery) -> Delivery:
    """Process a stored body again, as a new delivery (after a mapping was fixed, or to
    see what it makes now). Its signature was checked when it arrived."""
    return delivery_record(
        connection=delivery.connection,
        body=bytes(delivery.body),
        headers=delivery.headers,
        replay_of=delivery,
    )


def connection_sample_send(*, connection: Connection) -> Answer:
    """Sign a finished call in the platform's documented shape with the connection's
    secret and put it through the endpoint's path: a call is stored and analysed."""
    secrets = active_secrets(connection)
    if not secrets:
        raise ConnectionInvalid({"secret": "set the platform's secret first: samples are signed"})
    adapter = PLATFORMS[connection.platform]
    now = timezone.now()
    document = adapter.sample(call_id=f"sample-{uuid.uuid4().hex[:16]}", now=now)
    body = json.dumps(document, ensure_ascii=False).encode()
    headers = adapter.sign(
        body=body,
        secret=secrets[0],
        options=connection.options,
        url=connection_url(connection),
        now=now,
    )
    return delivery_receive(
        platform=connection.platform,
        token=connection.token,
        headers=headers,
        body=body,
        sample=True,
    )
