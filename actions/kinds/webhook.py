"""`webhook`: send the extraction result, signed, to a URL of the user's: the Postcall
event, or a body built from a template in the shape the receiver wants."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from django.utils import timezone

from actions.inbox import inbox_token_in
from actions.kinds.base import ActionFailed, ActionKind, Firing, Outline, raise_errors
from actions.models import WebhookDelivery
from actions.outbound import url_errors
from actions.signing import generate_secret, new_message_id, sign
from actions.webhooks.attempts import (
    AttemptResult,
    delivery_attempt,
    delivery_refuse,
    delivery_to_attempt,
    send_signed,
)
from actions.webhooks.payload import (
    EVENT_CALL_ANALYZED,
    ExtractionPayload,
    FiringIds,
    analysis_url,
    call_payload,
    event_body,
    event_data,
    event_document,
)
from actions.webhooks.queueing import delivery_create, delivery_create_test
from actions.webhooks.secrets import active_secrets, webhook_secret_rotate, webhook_secret_set
from actions.webhooks.templates import (
    CONTENT_TYPES,
    JSON,
    TemplateInvalid,
    body_bytes,
    body_shown,
    render,
    render_checks,
    template_errors,
)
from agents.conditions import Comparison, Condition, ConditionInvalid, Group, condition_parse
from agents.kinds import KindConfigInvalid
from agents.models import Action, Agent
from calls.models import Call, CallDirection
from extraction.types import FieldSpec

if TYPE_CHECKING:
    from actions.models import ActionRun

MAX_TIMEOUT_SECONDS = 30
DEFAULT_TIMEOUT_SECONDS = 10.0
SAMPLE_CALL_LENGTH = timedelta(minutes=3)
SAMPLE_CALLER = "+14155550134"
# As plausible as the sample values, so that a receiver that acts on confidences takes a
# test event the way it takes a real one (`test` says which it is).
SAMPLE_CONFIDENCE = 0.9
METHODS = ("POST", "PUT", "PATCH")
SIGNATURE_HEADERS = "webhook-id, webhook-timestamp, webhook-signature"
AUTH_SCHEMES = ("Bearer", "Basic", "Token")


@dataclass(frozen=True)
class WebhookConfig:
    url: str
    headers: Mapping[str, str] = field(default_factory=dict)
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS
    method: str = "POST"
    query: Mapping[str, str] = field(default_factory=dict)
    # A JSON template of the body; None sends the Postcall event.
    template: Any = None
    content_type: str = JSON

    @property
    def request_url(self) -> str:
        """The URL with the config's query parameters, by name, added to any it has (by
        name: a stored config's keys come back in another order on PostgreSQL)."""
        if not self.query:
            return self.url
        parts = urlsplit(self.url)
        added = sorted(self.query.items())
        query = urlencode([*parse_qsl(parts.query, keep_blank_values=True), *added])
        return urlunsplit(parts._replace(query=query))


@dataclass(frozen=True)
class DraftTest:
    """A test event sent from the agent page: its id, what the receiver answered, and the
    secret it was signed with when the row had none yet."""

    message_id: str
    result: AttemptResult
    new_secret: str = ""


@dataclass(frozen=True)
class WebhookPlan:
    """The request the webhook would send: the event, or the body its template gives."""

    url: str
    event_type: str
    data: dict[str, Any]
    test: bool = False
    method: str = "POST"
    headers: Mapping[str, str] = field(default_factory=dict)
    content_type: str = JSON
    # The rendered body of a templated webhook; None for the Postcall event.
    rendered: bytes | None = None

    def body(self) -> bytes:
        """The exact bytes a delivery sends (compact JSON, stamped now, or the body the
        template gave)."""
        if self.rendered is not None:
            return self.rendered
        return event_body(event_type=self.event_type, data=self.data, test=self.test)

    def outline(self) -> Outline:
        """The request as a person checks it: method, URL with its query, headers with
        their values masked, and the body."""
        if self.rendered is not None:
            payload = body_shown(self.rendered, self.content_type)
        else:
            document = event_document(event_type=self.event_type, data=self.data, test=self.test)
            payload = json.dumps(document, indent=2, ensure_ascii=False)
        return Outline(
            headline=f"{self.method} {self.url}",
            reasons=(
                f"Content-Type: {self.content_type}",
                *(f"{name}: {masked(value)}" for name, value in sorted(self.headers.items())),
                f"{SIGNATURE_HEADERS}: the Standard Webhooks signature, made when sent",
            ),
            payload=payload,
        )


class Webhook(ActionKind[WebhookConfig, WebhookPlan]):
    """Send the extraction result, signed, to a URL of the user's: the Postcall event, or
    the body a template gives (`docs/webhooks.md`).

    A secret typed into the config is never stored with it: saving moves it to the
    action's signing secrets, and an action without one gets a new secret, shown once.
    A template is rendered when the config is read, on a sample call and with every value
    null, so one that cannot give a body is refused where it breaks.
    """

    type = "webhook"
    label = "Webhook"
    keys = frozenset(
        {
            "url",
            "headers",
            "secret",
            "timeout_seconds",
            "method",
            "query",
            "template",
            "content_type",
        }
    )
    secret_keys = frozenset({"secret"})
    hidden_keys = frozenset({"headers"})

    def read(self, config: Mapping[str, Any], fields: Mapping[str, FieldSpec]) -> WebhookConfig:
        template = config.get("template")
        raise_errors(
            [
                self._url_error(config.get("url")),
                self._headers_error(config.get("headers")),
                self._timeout_error(config.get("timeout_seconds")),
                self._secret_error(config.get("secret")),
                self._method_error(config.get("method")),
                self._query_error(config.get("query")),
                self._content_type_error(config.get("content_type"), config.get("headers")),
                *(template_errors(template) if template is not None else []),
            ]
        )
        content_type = config.get("content_type") or JSON
        if template is not None:
            raise_errors([*render_checks(template, check_scopes(fields), content_type)])
        timeout = config.get("timeout_seconds")
        return WebhookConfig(
            url=config["url"],
            headers=dict(config.get("headers") or {}),
            timeout_seconds=float(timeout) if timeout is not None else DEFAULT_TIMEOUT_SECONDS,
            method=config.get("method") or "POST",
            query=dict(config.get("query") or {}),
            template=template,
            content_type=content_type,
        )

    def save_problems(self, config: WebhookConfig) -> list[str]:
        """Where the URL resolves: a save checks the address, firing does not (each
        delivery attempt checks it again)."""
        if inbox_token_in(config.url) is not None:
            return []
        problems = url_errors(config.url)
        return [f"config.url: {'; '.join(problems)}"] if problems else []

    def config_saved(self, *, action: Action, secrets: Mapping[str, str]) -> str:
        typed = secrets.get("secret", "")
        if typed:
            webhook_secret_rotate(action=action, secret=typed)
            return ""
        if not active_secrets(action):
            return webhook_secret_set(action=action)
        return ""

    def values_used(
        self, config: Mapping[str, Any], specs: Mapping[str, FieldSpec]
    ) -> frozenset[str]:
        """Every field: the event carries the whole extraction."""
        return frozenset(specs)

    def plan(self, config: WebhookConfig, firing: Firing) -> WebhookPlan:
        data = event_data(
            call=call_payload(firing.call),
            extraction=firing.extraction,
            action_name=firing.action_name,
            action_type=self.type,
            condition=firing.condition or None,
            reason=firing.reason,
            firing=firing.ids,
        )
        rendered = None
        if config.template is not None:
            try:
                body = render(config.template, template_scope(firing))
                rendered = body_bytes(body, config.content_type)
            except TemplateInvalid as error:
                raise ActionFailed(f"the body template gives no body: {error}") from error
        return WebhookPlan(
            url=config.request_url,
            event_type=EVENT_CALL_ANALYZED,
            data=data,
            test=firing.test,
            method=config.method,
            headers=config.headers,
            content_type=config.content_type,
            rendered=rendered,
        )

    def carry_out(self, plan: WebhookPlan, action_run: ActionRun) -> str:
        delivery = delivery_create(
            action=action_run.action,
            url=plan.url,
            event_type=plan.event_type,
            body=plan.body(),
            call=action_run.call,
            action_run=action_run,
            method=plan.method,
            content_type=plan.content_type,
        )
        return f"delivery {delivery.message_id} queued"

    def attempt(self, *, delivery_id: int) -> None:
        """Make one attempt of a claimed delivery, to the URL, headers and timeout its
        action has now: a receiver fixed by changing the URL gets the remaining retries
        and any resend. A config that can no longer be used fails the delivery for good."""
        delivery = delivery_to_attempt(delivery_id=delivery_id)
        if delivery is None:
            return
        if delivery.event_type != EVENT_CALL_ANALYZED:
            reason = (
                f"not sent as a webhook: it is a {delivery.event_type!r} request, queued "
                "before the action's type was changed"
            )
            delivery_refuse(delivery=delivery, reason=reason)
            return
        try:
            config = self.parse(delivery.action.config, agent_specs(delivery.action.agent))
        except KindConfigInvalid as error:
            delivery_refuse(delivery=delivery, reason=f"not sent: {error}")
            return
        delivery_attempt(delivery=delivery, config=config)

    def test_plan(self, action: Action) -> WebhookPlan:
        """The signed test event of `action`: a real event's payload, built the same way,
        for a sample call of the agent with values that meet the action's condition."""
        return self._test_event(action)[1]

    def test_send(self, action: Action) -> WebhookDelivery:
        """Send the test request now, once, without retries; return it with its attempt."""
        config, plan = self._test_event(action)
        delivery = delivery_create_test(
            action=action,
            url=plan.url,
            event_type=plan.event_type,
            body=plan.body(),
            method=plan.method,
            content_type=plan.content_type,
        )
        delivery_attempt(delivery=delivery, config=config)
        return WebhookDelivery.objects.get(pk=delivery.pk)

    def _test_event(self, action: Action) -> tuple[WebhookConfig, WebhookPlan]:
        specs = agent_specs(action.agent)
        config = self.parse_stored(action.config, specs)
        return config, self.plan(config, sample_firing(action, specs))

    def test_send_draft(self, action: Action, specs: Mapping[str, FieldSpec]) -> DraftTest:
        """Send the test event of an action as typed on the agent page, saved or not, once,
        storing nothing; KindConfigInvalid when its config cannot be sent.

        It is signed with the secret typed into its config, else with its stored secrets;
        a row with neither gets a new secret, returned for the page to keep in the row's
        config, so saving the row stores the very secret the receiver was sent.
        """
        config = self.parse(action.config, specs)
        typed = str(action.config.get("secret") or "")
        stored = active_secrets(action) if action.pk else []
        new = "" if typed or stored else generate_secret()
        try:
            plan = self.plan(config, sample_firing(action, specs))
        except ActionFailed as error:
            raise KindConfigInvalid([str(error)]) from error
        message_id = new_message_id()
        result = send_signed(
            config=config,
            secrets=[typed or new] if typed or new else stored,
            msg_id=message_id,
            body=plan.body(),
            method=plan.method,
            content_type=plan.content_type,
        )
        return DraftTest(message_id=message_id, result=result, new_secret=new)

    @staticmethod
    def _url_error(url: object) -> str | None:
        if not url:
            return "config.url: required (an http:// or https:// URL)"
        if not isinstance(url, str):
            return f"config.url: {url!r} is not a URL"
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - reading the port is what checks it
        except ValueError as error:
            return f"config.url: {url!r} is not a valid URL: {error}"
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            return f"config.url: {url!r} is not an http:// or https:// URL"
        return None

    @staticmethod
    def _secret_error(secret: object) -> str | None:
        if secret in (None, ""):
            return None
        if not isinstance(secret, str):
            return "config.secret: must be text starting with whsec_"
        try:
            sign(secret=secret, msg_id="msg_check", timestamp=0, body=b"")
        except ValueError as error:
            return f"config.secret: {error}"
        return None

    @staticmethod
    def _headers_error(headers: object) -> str | None:
        if headers is None:
            return None
        if not isinstance(headers, dict) or not all(
            isinstance(key, str) and isinstance(value, str) for key, value in headers.items()
        ):
            return 'config.headers: must be an object of text values, e.g. {"X-Api-Key": "…"}'
        problems = [problem for item in headers.items() if (problem := header_problem(*item))]
        return f"config.headers: {'; '.join(problems)}" if problems else None

    @staticmethod
    def _method_error(method: object) -> str | None:
        if method is None or method in METHODS:
            return None
        return f"config.method: {method!r} is not one of {', '.join(METHODS)}"

    @staticmethod
    def _query_error(query: object) -> str | None:
        if query is None:
            return None
        if not isinstance(query, dict) or not all(
            isinstance(key, str) and key and isinstance(value, str) for key, value in query.items()
        ):
            return 'config.query: must be an object of text values, e.g. {"idProperty": "email"}'
        return None

    @staticmethod
    def _content_type_error(content_type: object, headers: object) -> str | None:
        if content_type is not None and content_type not in CONTENT_TYPES:
            return f"config.content_type: {content_type!r} is not one of {', '.join(CONTENT_TYPES)}"
        named = headers if isinstance(headers, dict) else {}
        if content_type is not None and any(str(name).lower() == "content-type" for name in named):
            return "config.headers: Content-Type is set by config.content_type; remove it here"
        return None

    @staticmethod
    def _timeout_error(timeout: object) -> str | None:
        if timeout is None:
            return None
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
            return f"config.timeout_seconds: {timeout!r} is not a positive number of seconds"
        if timeout > MAX_TIMEOUT_SECONDS:
            return f"config.timeout_seconds: at most {MAX_TIMEOUT_SECONDS}"
        return None


def sample_firing(action: Action, specs: Mapping[str, FieldSpec]) -> Firing:
    """A call of the action's agent that just ended, in the agent's zone, with a
    plausible value for every field and the values the action's condition asks for."""
    agent = action.agent
    ended = timezone.now().astimezone(ZoneInfo(agent.timezone))
    values = {name: sample_value(spec, ended.date()) for name, spec in specs.items()}
    # A condition that no longer fits the fields asks for nothing.
    with suppress(ConditionInvalid):
        values.update(values_meeting(condition_parse(action.condition, specs)))
    call = sample_call(agent, ended=ended)
    return Firing(
        agent=agent,
        call=call,
        action_name=action.name,
        condition=action.condition,
        reason="test event sent by hand",
        extraction=ExtractionPayload(
            run_id=None,
            values=values,
            evidence=dict.fromkeys(specs),
            confidences=dict.fromkeys(specs, SAMPLE_CONFIDENCE),
            errors={},
            ungrounded=[],
        ),
        specs=specs,
        test=True,
        ids=FiringIds(action_id=action.pk),
    )


def sample_call(agent: Agent, *, ended: datetime) -> Call:
    """An unsaved inbound call of `agent` from the sample caller that ended at `ended`."""
    return Call(
        agent=agent,
        external_id="test-call",
        direction=CallDirection.INBOUND,
        from_number=SAMPLE_CALLER,
        started_at=ended - SAMPLE_CALL_LENGTH,
        ended_at=ended,
        timezone=agent.timezone,
    )


def agent_specs(agent: Agent) -> dict[str, FieldSpec]:
    """The agent's fields as they are now."""
    return {spec.name: spec for spec in (row.spec() for row in agent.fields.all())}


def template_scope(firing: Firing) -> dict[str, Any]:
    """What a body template may name, as plain data: the call's values (every field, null
    when not extracted), the call with its AI Analysis URL, the action and the firing."""
    extraction, ids = firing.extraction, firing.ids
    return {
        "values": {**dict.fromkeys(firing.specs), **extraction.values},
        "call": {**call_payload(firing.call), "analysis_url": analysis_url(firing.call)},
        "action": {
            "name": firing.action_name,
            "id": ids.action_id,
            "decision_id": ids.decision_id,
            "firing": ids.number,
            "refire": ids.number > 1,
            "reason": firing.reason,
        },
        "confidence": {**dict.fromkeys(firing.specs), **extraction.confidences},
        "evidence": {**dict.fromkeys(firing.specs), **extraction.evidence},
        "test": firing.test,
    }


def check_scopes(fields: Mapping[str, FieldSpec]) -> list[tuple[str, dict[str, Any]]]:
    """The scopes a template must render for before it is saved: a sample call with a
    value for every field, and the same call with every value null."""
    agent = Agent(name="Sample agent", slug="sample", timezone="UTC")
    ended = timezone.now()
    call = sample_call(agent, ended=ended)

    def scope(values: dict[str, Any], confidence: float | None) -> dict[str, Any]:
        extraction = ExtractionPayload(
            run_id=None,
            values=values,
            evidence=dict.fromkeys(fields),
            confidences=dict.fromkeys(fields, confidence),
            errors={},
            ungrounded=[],
        )
        return template_scope(
            Firing(
                agent=agent,
                call=call,
                action_name="",
                condition=None,
                reason="",
                extraction=extraction,
                specs=fields,
                test=True,
            )
        )

    sample = {name: sample_value(spec, ended.date()) for name, spec in fields.items()}
    return [
        ("on a sample call", scope(sample, SAMPLE_CONFIDENCE)),
        ("with every value null", scope(dict.fromkeys(fields), None)),
    ]


def masked(value: str) -> str:
    """A header value as a trial shows it: its scheme (Bearer, Basic) and no secret."""
    scheme = value.split(" ", 1)[0]
    return f"{scheme} ••••" if scheme in AUTH_SCHEMES and " " in value else "••••"


SAMPLE_ITEMS = 2


def sample_value(spec: FieldSpec, today: date) -> Any:
    """A plausible value for a field, for test events built from the agent's own fields."""
    if spec.is_list:
        return sample_items(spec, today)
    if spec.type == "enum":
        return spec.choices[0] if spec.choices else None
    if spec.type == "boolean":
        return True
    if spec.type == "number":
        return 1
    samples = {
        "date": (today + timedelta(days=1)).isoformat(),
        "date-time": f"{(today + timedelta(days=1)).isoformat()}T10:00:00+00:00",
        "phone": SAMPLE_CALLER.removeprefix("+"),
        "email": "jane.doe@example.com",
    }
    return samples.get(spec.format, f"Sample {spec.name.replace('_', ' ')}")


def sample_items(spec: FieldSpec, today: date) -> list[Any] | None:
    """A list's sample: its first choices (as many as it may hold, two at most), or one
    sample item of its item type."""
    if spec.item_type == "enum":
        count = min(SAMPLE_ITEMS, spec.max_items or SAMPLE_ITEMS)
        return list(spec.choices[:count]) or None
    return [sample_value(spec.item(), today)]


def values_meeting(condition: Condition | None) -> dict[str, Any]:
    """Values for the fields a condition asks to equal, and a list's items it asks for, so
    a test event looks like one that fires; comparisons that name no single value (`!=`,
    `>`, `is_set`, …) add nothing."""
    if isinstance(condition, Group):
        members = condition.members if condition.mode == "all" else condition.members[:1]
        values: dict[str, Any] = {}
        for member in members:
            values.update(values_meeting(member))
        return values
    if not isinstance(condition, Comparison):
        return {}
    name, operator, value = condition.field.name, condition.operator, condition.value
    if condition.field.is_list:
        return {name: items} if (items := items_meeting(operator, value)) else {}
    if operator == "==" and value is not None:
        return {name: value}
    if operator == "in" and value[0] is not None:
        return {name: value[0]}
    return {}


def items_meeting(operator: str, value: Any) -> list[Any] | None:
    """A list's items that meet a condition on it naming items, or None."""
    if operator == "contains":
        return [value]
    if operator == "contains_all":
        return list(value)
    if operator == "contains_any":
        return list(value[:1])
    return None


# RFC 9110's token: the characters a header name may hold.
HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


def header_problem(name: str, value: str) -> str | None:
    """Why a header cannot be sent as written, or None."""
    if not HEADER_NAME.fullmatch(name):
        return f"{name!r} is not a header name (a token: letters, digits and !#$%&'*+-.^_`|~)"
    if any(character in value for character in "\r\n\x00"):
        return f"the value of {name} holds a line break or NUL"
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        return (
            f"the value of {name} holds characters outside Latin-1 (ISO-8859-1), "
            "which HTTP cannot send"
        )
    return None
