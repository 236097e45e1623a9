"""What the native kinds (a CRM's API, a chat's incoming webhook) share: a plan that is the
exact requests to make, stored as the delivery's body, and made with the action's stored
credentials at each attempt, through the same durable deliveries as a webhook's."""

from __future__ import annotations

import json
import logging
import re
import time
from abc import abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from actions.credentials import credentials_of, credentials_set
from actions.followups import as_e164, customer_number
from actions.kinds.base import ActionKind, Outline
from actions.kinds.webhook import sample_firing
from actions.signing import new_message_id
from actions.webhooks.attempts import (
    RESPONSE_EXCERPT_CHARS,
    AttemptResult,
    delivery_record,
    delivery_refuse,
    delivery_to_attempt,
)
from actions.webhooks.queueing import delivery_create
from agents.models import Action
from calls.models import Call
from extraction.timezones import local_text
from extraction.types import FieldSpec
from infra.retry import RETRY_AFTER_STATUSES, retry_after_seconds, status_is_permanent

if TYPE_CHECKING:
    from actions.models import ActionRun

logger = logging.getLogger(__name__)

MASKED = "(stored, not shown)"
# An error body is kept whole up to this length; a CRM's validation message names every
# property it refused.
ERROR_TEXT_CHARS = 500


@dataclass(frozen=True)
class Request:
    """One request of a plan as a person reads it: method, URL, body; `when` says when a
    request depends on an earlier answer ("no contact has the number")."""

    method: str
    url: str
    body: Any = None
    when: str = ""

    def document(self) -> dict[str, Any]:
        shown: dict[str, Any] = {"method": self.method, "url": self.url}
        if self.when:
            shown["when"] = self.when
        if self.body is not None:
            shown["body"] = self.body
        return shown


class RequestPlan(Protocol):
    """A native kind's plan: what it sends, readable back from a delivery's stored body."""

    def requests(self) -> list[Request]: ...

    def data(self) -> dict[str, Any]: ...

    def outline(self) -> Outline: ...


PlanT = TypeVar("PlanT", bound=RequestPlan)
ConfigT = TypeVar("ConfigT")


@dataclass(frozen=True)
class Sent:
    """One attempt's outcome: the URL of the last request made, what it answered, and
    credentials to keep for the next attempts (an access token fetched on the way)."""

    url: str
    result: AttemptResult
    kept: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TestSent:
    """A test record sent from the agent page: its id, what the receiver answered, and the
    requests made."""

    message_id: str
    url: str
    result: AttemptResult
    outline: Outline


def stored_body(kind: str, plan: RequestPlan) -> dict[str, Any]:
    """A delivery's body: the plan's data, read back at each attempt, and the exact
    requests it makes, shown on the delivery's page."""
    return {
        "kind": kind,
        "plan": plan.data(),
        "requests": [request.document() for request in plan.requests()],
    }


def request_outline(headline: str, plan: RequestPlan) -> Outline:
    """A plan told to a person: one line, and the exact requests, credentials masked."""
    return Outline(
        headline=headline,
        payload=json.dumps(
            [request.document() for request in plan.requests()], indent=2, ensure_ascii=False
        ),
    )


def analysis_link(call: Call) -> str:
    """The call's AI Analysis page on this site; for a call not stored (a trial, a test
    record), the list of calls."""
    if call.pk is None:
        return f"{settings.PUBLIC_BASE_URL}{reverse('admin:calls_call_changelist')}"
    return f"{settings.PUBLIC_BASE_URL}{reverse('admin:calls_call_analysis', args=[call.pk])}"


def call_moment(call: Call) -> str:
    """When the call started, as a person reads it, with its zone."""
    return f"{local_text(call.started_at.astimezone(call.zone))} ({call.zone})"


def error_text(body: object) -> str:
    text = body.decode(errors="replace") if isinstance(body, bytes) else str(body or "")
    return text.strip()[:ERROR_TEXT_CHARS]


def answered(
    status: int, *, headers: Mapping[str, str], body: object, error: str, duration_ms: int
) -> AttemptResult:
    """What a vendor's answer means for the delivery, by the one rule for permanent
    answers; `error` is the vendor's own message, shown as it says it."""
    retry_after = None
    if status in RETRY_AFTER_STATUSES:
        retry_after = retry_after_seconds(
            next((value for name, value in headers.items() if name.lower() == "retry-after"), "")
        )
    return AttemptResult(
        status_code=status,
        duration_ms=duration_ms,
        excerpt=error_text(body)[:RESPONSE_EXCERPT_CHARS],
        error="" if 200 <= status < 300 else error,
        retry_after=retry_after,
        gone=status == 410,
        permanent=status_is_permanent(status),
    )


def lost(error: BaseException, *, duration_ms: int) -> AttemptResult:
    """No answer came (no connection, a timeout): retried, as a webhook's would be."""
    return AttemptResult(None, duration_ms, "", f"no answer: {error}")


def property_value(value: Any) -> str:
    """A value as a CRM takes a property: text; true/false for a yes-or-no; a list's
    items joined with `;`, a multi-select's form."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    return str(value)


def mapped_properties(mapping: Mapping[str, str], values: Mapping[str, Any]) -> dict[str, str]:
    """The receiver's properties that the mapped fields fill; a field without a value
    leaves its property as the receiver has it."""
    return {
        name: property_value(values[field_name])
        for field_name, name in mapping.items()
        if values.get(field_name) not in (None, "")
    }


def value_lines(values: Mapping[str, Any]) -> list[str]:
    """Each value on a line of its own, a dash for none: a call log's body."""
    return [
        f"{name}: {property_value(value) if value not in (None, '') else '—'}"
        for name, value in values.items()
    ]


def contact_phone(values: Mapping[str, Any], *, phone_field: str, call: Call) -> str:
    """The number to find the customer's record by, in E.164 form: the phone field's
    value (a national number read in the customer's country), else the customer's own
    number on the call; "" when neither is a valid number."""
    customer = customer_number(call)
    stated = values.get(phone_field) if phone_field else None
    for number in (stated, customer):
        if isinstance(number, str) and number.strip():
            found = as_e164(number.strip(), like=customer or call.to_number)
            if found:
                return found
    return ""


def properties_error(
    mapped: object,
    fields: Mapping[str, FieldSpec],
    *,
    receiver: str,
    example: str,
    name_pattern: re.Pattern[str],
    name_rule: str,
) -> str | None:
    """Say what is wrong with a config's map of field → the receiver's property, or None."""
    if mapped is None:
        return None
    if not isinstance(mapped, dict) or not all(isinstance(value, str) for value in mapped.values()):
        return f"config.properties: an object of field → {receiver}, e.g. {example}"
    problems = [f"no field named {name!r}" for name in mapped if name not in fields] + [
        f"{value!r} {name_rule}" for value in mapped.values() if not name_pattern.fullmatch(value)
    ]
    return f"config.properties: {'; '.join(problems)}" if problems else None


def field_name_error(key: str, name: object, fields: Mapping[str, FieldSpec]) -> str | None:
    """Say why a config key that names a field names none, or None."""
    if name in (None, "") or name in fields:
        return None
    return f"config.{key}: field {name!r} does not exist"


def elapsed_ms(started: float) -> int:
    return round((time.monotonic() - started) * 1000)


class NativeKind(ActionKind[ConfigT, PlanT]):
    """A kind whose plan is requests to a vendor's API, made by the vendor's SDK.

    Firing stores the plan as a delivery; each attempt reads it back (`plan_from_data`) and
    makes it (`send`) with the credentials stored then, so a token fixed on the agent page
    is used by the remaining retries and any resend. Each request is keyed so that a retry
    after a lost answer creates nothing twice.
    """

    event_type: ClassVar[str]
    credentials_hint: ClassVar[str]
    # The receiver's common property names, offered on the agent page; any other is typed.
    property_choices: ClassVar[tuple[str, ...]] = ()

    def values_used(
        self, config: Mapping[str, Any], specs: Mapping[str, FieldSpec]
    ) -> frozenset[str]:
        """The fields the config names, the mapped ones (`properties`) among them."""
        mapped = config.get("properties")
        names = set(mapped) if isinstance(mapped, dict) else set()
        return frozenset(names | set(self.field_references(config)))

    @abstractmethod
    def plan_from_data(self, data: Mapping[str, Any]) -> PlanT:
        """The plan a delivery stored; KeyError, TypeError or ValueError when it is not one."""

    @abstractmethod
    def send(self, plan: PlanT, credentials: Mapping[str, str], *, message_id: str) -> Sent:
        """Make the plan's requests once; never raises for what the receiver answers."""

    def config_saved(self, *, action: Action, secrets: Mapping[str, str]) -> str:
        credentials_set(action=action, values=secrets)
        return ""

    def carry_out(self, plan: PlanT, action_run: ActionRun) -> str:
        delivery = delivery_create(
            action=action_run.action,
            url=self.delivery_url(plan),
            event_type=self.event_type,
            body=json.dumps(stored_body(self.type, plan), ensure_ascii=False).encode(),
            call=action_run.call,
            action_run=action_run,
        )
        return f"delivery {delivery.message_id} queued"

    def delivery_url(self, plan: PlanT) -> str:
        """Where the delivery's list says it goes: its first request's URL."""
        requests = plan.requests()
        return requests[0].url if requests else ""

    def attempt(self, *, delivery_id: int) -> None:
        """Make one attempt of a claimed delivery with the credentials stored now."""
        delivery = delivery_to_attempt(delivery_id=delivery_id)
        if delivery is None:
            return
        try:
            stored = json.loads(delivery.body)
            if stored.get("kind") != self.type:
                raise ValueError(f"the delivery is a {delivery.event_type!r} event")
            plan = self.plan_from_data(stored["plan"])
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            delivery_refuse(delivery=delivery, reason=f"not sent as a {self.label}: {error}")
            return
        started_at = timezone.now()
        sent = self.send_safely(plan, credentials_of(delivery.action), delivery.message_id)
        credentials_set(action=delivery.action, values=sent.kept)
        delivery_record(delivery=delivery, started_at=started_at, url=sent.url, result=sent.result)

    def credentials_missing(self, credentials: Mapping[str, str]) -> list[str]:
        """The credentials an attempt needs and has not: by default, every secret key."""
        return sorted(key for key in self.secret_keys if not credentials.get(key))

    def send_safely(self, plan: PlanT, credentials: Mapping[str, str], message_id: str) -> Sent:
        """`send`, with a crash recorded as a permanent failure instead of a lost attempt."""
        missing = self.credentials_missing(credentials)
        if missing:
            reason = f"not sent: no {', '.join(missing)} is stored ({self.credentials_hint})"
            return Sent(
                self.delivery_url(plan), AttemptResult(None, None, "", reason, permanent=True)
            )
        try:
            return self.send(plan, credentials, message_id=message_id)
        except Exception as error:
            logger.exception("%s attempt crashed", self.type)
            result = AttemptResult(None, None, "", f"could not be sent: {error}", permanent=True)
            return Sent(self.delivery_url(plan), result)

    def test_send(self, action: Action, specs: Mapping[str, FieldSpec]) -> TestSent:
        """Send a test record of an action as typed on the agent page, saved or not, once,
        with the credentials typed into its config, else the stored ones; no delivery is
        stored (a saved action keeps an access token fetched on the way). KindConfigInvalid
        when its config cannot be sent, ActionFailed when the sample call cannot be."""
        config = self.parse(action.config, specs)
        typed = {key: str(action.config[key]) for key in self.secret_keys if action.config.get(key)}
        credentials = {**credentials_of(action), **typed}
        plan = self.plan(config, sample_firing(action, specs))
        message_id = new_message_id()
        sent = self.send_safely(plan, credentials, message_id)
        if action.pk is not None:
            credentials_set(action=action, values=sent.kept)
        return TestSent(
            message_id=message_id, url=sent.url, result=sent.result, outline=plan.outline()
        )
