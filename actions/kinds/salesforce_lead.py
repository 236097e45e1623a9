"""`salesforce_lead`: create or update the caller's Salesforce Lead (or Contact) and log
the call as a Task on it."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, cast
from urllib.parse import quote, urlsplit

import requests
from django.conf import settings
from simple_salesforce import Salesforce
from simple_salesforce.api import SFType
from simple_salesforce.exceptions import SalesforceError
from simple_salesforce.format import format_soql

from actions.credentials import credentials_forget
from actions.kinds.base import ActionFailed, Firing, Outline, raise_errors
from actions.kinds.native import (
    NativeKind,
    Request,
    Sent,
    analysis_link,
    answered,
    call_moment,
    contact_phone,
    elapsed_ms,
    field_name_error,
    lost,
    mapped_properties,
    properties_error,
    request_outline,
    value_lines,
)
from actions.outbound import OutboundError, pinned_session, url_errors
from actions.webhooks.attempts import AttemptResult
from agents.models import Action
from extraction.types import FieldSpec

API_VERSION = "62.0"
OBJECTS = ("Lead", "Contact")
# Salesforce's API names: a letter, then letters, digits and underscores (custom ones end
# in __c).
API_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
DEFAULT_TASK_KEY_FIELD = "Postcall_Message_Id__c"
# The fields most agents fill, offered on the agent page; any other is typed.
COMMON_FIELDS = (
    "FirstName",
    "LastName",
    "Company",
    "Email",
    "Phone",
    "MobilePhone",
    "Title",
    "LeadSource",
    "Status",
    "Rating",
    "Description",
)
# Salesforce's own word for a limit that resets: the same request succeeds later.
LIMIT_EXCEEDED = "REQUEST_LIMIT_EXCEEDED"
MESSAGE_ID_SHOWN = "(the delivery's message id)"
RECORD_ID_SHOWN = "{id of the record found or created}"
CLIENT_KEYS = ("client_id", "client_secret")


@dataclass(frozen=True)
class SalesforceConfig:
    instance_url: str
    object: str
    properties: Mapping[str, str]
    external_id_field: str = ""
    phone_field: str = ""
    log_task: bool = True
    task_key_field: str = DEFAULT_TASK_KEY_FIELD


@dataclass(frozen=True)
class SalesforcePlan:
    """The record to upsert (by an external id field) or find by phone and create or
    update, its fields, and the Task that logs the call, keyed on the message id."""

    instance_url: str
    object: str
    fields: Mapping[str, str]
    phone: str
    external_id_field: str = ""
    task: Mapping[str, Any] = field(default_factory=dict)
    task_key_field: str = DEFAULT_TASK_KEY_FIELD

    def data(self) -> dict[str, Any]:
        return {
            "instance_url": self.instance_url,
            "object": self.object,
            "fields": dict(self.fields),
            "phone": self.phone,
            "external_id_field": self.external_id_field,
            "task": dict(self.task),
            "task_key_field": self.task_key_field,
        }

    @property
    def base(self) -> str:
        return f"{self.instance_url}/services/data/v{API_VERSION}"

    def record_query(self) -> str:
        return format_soql(
            "SELECT Id FROM {:literal} WHERE Phone = {} ORDER BY CreatedDate LIMIT 1",
            self.object,
            self.phone,
        )

    def task_query(self, message_id: str) -> str:
        return format_soql(
            "SELECT Id FROM Task WHERE {:literal} = {} LIMIT 1", self.task_key_field, message_id
        )

    def upsert_path(self) -> str:
        return f"{self.external_id_field}/{quote(self.phone, safe='')}"

    def task_fields(self, record_id: str, message_id: str) -> dict[str, Any]:
        return {**self.task, "WhoId": record_id, self.task_key_field: message_id}

    def requests(self) -> list[Request]:
        sobjects = f"{self.base}/sobjects/{self.object}"
        record: list[Request]
        if self.external_id_field:
            record = [Request("PATCH", f"{sobjects}/{self.upsert_path()}", dict(self.fields))]
        else:
            found = dict(self.fields)
            record = [
                Request("GET", f"{self.base}/query/?q={quote(self.record_query())}"),
                Request("POST", f"{sobjects}/", found, when="no record has the number"),
                Request(
                    "PATCH", f"{sobjects}/{RECORD_ID_SHOWN}", found, when="a record has the number"
                ),
            ]
        if not self.task:
            return record
        return [
            *record,
            Request("GET", f"{self.base}/query/?q={quote(self.task_query(MESSAGE_ID_SHOWN))}"),
            Request(
                "POST",
                f"{self.base}/sobjects/Task/",
                self.task_fields(RECORD_ID_SHOWN, MESSAGE_ID_SHOWN),
                when="no Task carries the message id yet",
            ),
        ]

    def outline(self) -> Outline:
        by = f"{self.external_id_field} = {self.phone}" if self.external_id_field else self.phone
        logged = " and log the call as a Task" if self.task else ""
        return request_outline(
            f"Create or update the Salesforce {self.object} with phone {by}{logged}", self
        )


class SalesforceLead(NativeKind[SalesforceConfig, SalesforcePlan]):
    """Create or update the caller's Lead (or Contact) with the mapped fields and log the
    call as a Task on it. One record per customer: upserted by an external id field when
    the org has one, else found by phone before it is created; the Task is keyed on the
    delivery's message id, so a retry logs it once.

    Credentials: a connected app's client id and secret (OAuth client credentials; the
    access token is kept and fetched again when Salesforce answers INVALID_SESSION_ID), or
    a session id.
    """

    type = "salesforce_lead"
    label = "Salesforce lead"
    keys = frozenset(
        {
            "instance_url",
            "object",
            "properties",
            "external_id_field",
            "phone_field",
            "log_task",
            "task_key_field",
            "client_id",
            "client_secret",
            "session_id",
        }
    )
    secret_keys = frozenset({"client_id", "client_secret", "session_id"})
    field_keys = frozenset({"phone_field"})
    event_type = "salesforce.lead"
    property_choices = COMMON_FIELDS
    credentials_hint = (
        "paste the connected app's client id and secret, or a session id, into the action and save"
    )

    def read(self, config: Mapping[str, Any], fields: Mapping[str, FieldSpec]) -> SalesforceConfig:
        log_task = config.get("log_task", True)
        record = config.get("object", "Lead")
        raise_errors(
            [
                self._instance_error(config.get("instance_url")),
                None if record in OBJECTS else "config.object: Lead or Contact",
                properties_error(
                    config.get("properties"),
                    fields,
                    receiver="Salesforce field",
                    example='{"customer_name": "LastName"}',
                    name_pattern=API_NAME,
                    name_rule="is not a Salesforce field's API name",
                ),
                api_name_error("external_id_field", config.get("external_id_field")),
                api_name_error("task_key_field", config.get("task_key_field")),
                field_name_error("phone_field", config.get("phone_field"), fields),
                None if isinstance(log_task, bool) else "config.log_task: true or false",
                *(text_error(key, config.get(key)) for key in sorted(self.secret_keys)),
            ]
        )
        return SalesforceConfig(
            instance_url=str(config["instance_url"]).rstrip("/"),
            object=str(record),
            properties=dict(config.get("properties") or {}),
            external_id_field=str(config.get("external_id_field") or ""),
            phone_field=str(config.get("phone_field") or ""),
            log_task=bool(log_task),
            task_key_field=str(config.get("task_key_field") or DEFAULT_TASK_KEY_FIELD),
        )

    def save_problems(self, config: SalesforceConfig) -> list[str]:
        """Where the instance URL resolves, as a webhook's URL is checked."""
        problems = url_errors(config.instance_url)
        return [f"config.instance_url: {'; '.join(problems)}"] if problems else []

    def config_saved(self, *, action: Action, secrets: Mapping[str, str]) -> str:
        # New keys make the kept access token useless: the next attempt fetches one.
        if secrets:
            credentials_forget(action=action, names=["access_token"])
        return super().config_saved(action=action, secrets=secrets)

    def plan(self, config: SalesforceConfig, firing: Firing) -> SalesforcePlan:
        values = firing.extraction.values
        fields = mapped_properties(config.properties, values)
        phone = contact_phone(values, phone_field=config.phone_field, call=firing.call)
        if not phone:
            raise ActionFailed(f"no phone number to find the Salesforce {config.object} by")
        fields.setdefault("Phone", phone)
        if config.external_id_field:
            # The upsert's URL names the record; its body must not name it again.
            fields.pop(config.external_id_field, None)
        return SalesforcePlan(
            instance_url=config.instance_url,
            object=config.object,
            fields=fields,
            phone=phone,
            external_id_field=config.external_id_field,
            task=task_fields(firing) if config.log_task else {},
            task_key_field=config.task_key_field,
        )

    def plan_from_data(self, data: Mapping[str, Any]) -> SalesforcePlan:
        if data["object"] not in OBJECTS:
            raise ValueError(f"{data['object']!r} is not Lead or Contact")
        return SalesforcePlan(
            instance_url=str(data["instance_url"]),
            object=str(data["object"]),
            fields={str(k): str(v) for k, v in dict(data["fields"]).items()},
            phone=str(data["phone"]),
            external_id_field=str(data["external_id_field"]),
            task=dict(data["task"]),
            task_key_field=str(data["task_key_field"]),
        )

    def credentials_missing(self, credentials: Mapping[str, str]) -> list[str]:
        if credentials.get("session_id") or all(credentials.get(key) for key in CLIENT_KEYS):
            return []
        return ["client_id and client_secret (or a session_id)"]

    def send(
        self, plan: SalesforcePlan, credentials: Mapping[str, str], *, message_id: str
    ) -> Sent:
        timeout = settings.NATIVE_ACTION_TIMEOUT_SECONDS
        session = pinned_session(connect_timeout=min(5.0, timeout), read_timeout=timeout)
        session.verify = settings.SALESFORCE_CA_BUNDLE or True
        answers: list[requests.Response] = []
        session.hooks["response"].append(lambda response, *args, **kwargs: answers.append(response))
        run = SalesforceSession(plan, session, credentials, answers)
        started = time.monotonic()
        try:
            run.authenticate()
            try:
                run.make(message_id)
            except SalesforceError as error:
                if not (is_expired(error) and run.may_refresh):
                    raise
                run.authenticate(fresh=True)
                run.make(message_id)
        except SalesforceError as error:
            return Sent(str(error.url), refused(error, answers, elapsed_ms(started)))
        except TokenRefused as error:
            return Sent(error.url, refused_token(error, elapsed_ms(started)))
        except OutboundError as error:
            result = lost(error, duration_ms=elapsed_ms(started))
            return Sent(run.url, replace(result, permanent=error.permanent))
        except requests.RequestException as error:
            return Sent(run.url, lost(error, duration_ms=elapsed_ms(started)))
        finally:
            session.close()
        status = answers[-1].status_code if answers else 200
        done = answered(
            status, headers={}, body="; ".join(run.notes), error="", duration_ms=elapsed_ms(started)
        )
        return Sent(run.url, done, kept={"access_token": run.token} if run.token_fetched else {})

    @staticmethod
    def _instance_error(url: object) -> str | None:
        if isinstance(url, str) and url.startswith(("https://", "http://")) and "." in url:
            return None
        return (
            "config.instance_url: required: your org's My Domain URL, "
            "e.g. https://acme.my.salesforce.com"
        )


class TokenRefused(Exception):
    """The token endpoint refused the client credentials."""

    def __init__(self, url: str, status: int, body: str) -> None:
        super().__init__(body)
        self.url, self.status, self.body = url, status, body


class SalesforceSession:
    """One attempt's requests, in order, with the token it holds; stops at the first that
    fails."""

    def __init__(
        self,
        plan: SalesforcePlan,
        session: requests.Session,
        credentials: Mapping[str, str],
        answers: list[requests.Response],
    ) -> None:
        self.plan = plan
        self.session = session
        self.credentials = credentials
        self.answers = answers
        self.url = plan.instance_url
        self.token = credentials.get("access_token") or credentials.get("session_id", "")
        self.may_refresh = all(credentials.get(key) for key in CLIENT_KEYS)
        self.token_fetched = False
        self.notes: list[str] = []

    def authenticate(self, *, fresh: bool = False) -> None:
        """Hold an access token: the kept one, else one fetched with the client
        credentials (OAuth 2.0 client credentials flow)."""
        if self.token and not fresh:
            return
        if not self.may_refresh:
            return
        self.url = f"{self.plan.instance_url}/services/oauth2/token"
        response = self.session.post(
            self.url,
            data={
                "grant_type": "client_credentials",
                "client_id": self.credentials["client_id"],
                "client_secret": self.credentials["client_secret"],
            },
        )
        if response.status_code != 200:
            raise TokenRefused(self.url, response.status_code, response.text)
        self.token = str(response.json()["access_token"])
        self.token_fetched = True

    def make(self, message_id: str) -> None:
        client = Salesforce(
            instance_url=self.plan.instance_url,
            session_id=self.token,
            session=self.session,
            version=API_VERSION,
        )
        self.notes = []
        record_id = self._record(client)
        if self.plan.task:
            self._task(client, record_id, message_id)

    def _record(self, client: Salesforce) -> str:
        plan = self.plan
        sobject = sobject_of(client, plan.object)
        if plan.external_id_field:
            # Since API 46.0 an upsert answers with the record's id, created or updated.
            answer = self._ask(
                lambda: sobject.upsert(plan.upsert_path(), dict(plan.fields), raw_response=True)
            ).json()
            done = "created" if answer.get("created") else "updated"
            self.notes.append(f"{plan.object} {answer['id']} {done} by {plan.external_id_field}")
            return str(answer["id"])
        found = self._ask(lambda: client.query(plan.record_query()))
        if found["records"]:
            record_id = str(found["records"][0]["Id"])
            self._ask(lambda: sobject.update(record_id, dict(plan.fields)))
            self.notes.append(f"{plan.object} {record_id} updated (found by phone)")
            return record_id
        created = self._ask(lambda: sobject.create(dict(plan.fields)))
        self.notes.append(f"{plan.object} {created['id']} created (no record had the number)")
        return str(created["id"])

    def _task(self, client: Salesforce, record_id: str, message_id: str) -> None:
        found = self._ask(lambda: client.query(self.plan.task_query(message_id)))
        if found["records"]:
            self.notes.append(f"Task {found['records'][0]['Id']} was logged by an earlier attempt")
            return
        created = self._ask(
            lambda: sobject_of(client, "Task").create(self.plan.task_fields(record_id, message_id))
        )
        self.notes.append(f"Task {created['id']} logged on the {self.plan.object}")

    def _ask(self, request: Callable[[], Any]) -> Any:
        count = len(self.answers)
        try:
            return request()
        finally:
            if len(self.answers) > count:
                self.url = self.answers[-1].url


def sobject_of(client: Salesforce, name: str) -> SFType:
    """The REST resource of one sObject; the client's attribute may also name its bulk
    resources, which are not used here."""
    return cast(SFType, getattr(client, name))


def task_fields(firing: Firing) -> dict[str, Any]:
    """The call as a completed Task, shown on the record's activity timeline."""
    call = firing.call
    values = firing.extraction.values
    lines = value_lines(values)
    lines.append(f"Started {call_moment(call)}. AI Analysis: {analysis_link(call)}")
    task: dict[str, Any] = {
        "Subject": f"Call: {firing.agent.name}: {firing.action_name}"[:255],
        "Description": "\n".join(lines),
        "Status": "Completed",
        "Priority": "Normal",
        "TaskSubtype": "Call",
        "CallType": "Inbound" if call.direction == "inbound" else "Outbound",
        "ActivityDate": call.started_at.astimezone(call.zone).date().isoformat(),
    }
    if call.ended_at:
        task["CallDurationInSeconds"] = round((call.ended_at - call.started_at).total_seconds())
    return task


def is_expired(error: SalesforceError) -> bool:
    return error.status == 401 and "INVALID_SESSION_ID" in salesforce_error(error.content)


def salesforce_error(content: object) -> str:
    """Salesforce's error as it says it: each error's code and message."""
    if isinstance(content, list):
        said = [
            f"{item.get('errorCode')}: {item.get('message')}"
            for item in content
            if isinstance(item, dict)
        ]
        if said:
            return "; ".join(said)
    return str(content).strip()[:300] or "(no message)"


def refused(
    error: SalesforceError, answers: list[requests.Response], duration_ms: int
) -> AttemptResult:
    """What Salesforce's refusal means for the delivery, in its own words; a limit that
    resets (REQUEST_LIMIT_EXCEEDED, a 403) is retried."""
    said = salesforce_error(error.content)
    last = answers[-1] if answers else None
    method = last.request.method if last is not None and last.request.method else ""
    result = answered(
        error.status,
        headers=dict(last.headers) if last is not None else {},
        body=last.text if last is not None else said,
        error=f"Salesforce answered {error.status} to {method} {urlsplit(error.url).path}: {said}",
        duration_ms=duration_ms,
    )
    return replace(result, permanent=False) if LIMIT_EXCEEDED in said else result


def refused_token(error: TokenRefused, duration_ms: int) -> AttemptResult:
    return answered(
        error.status,
        headers={},
        body=error.body,
        error=f"Salesforce's token endpoint answered {error.status}: {error.body.strip()[:300]}",
        duration_ms=duration_ms,
    )


def api_name_error(key: str, name: object) -> str | None:
    if name in (None, "") or (isinstance(name, str) and API_NAME.fullmatch(name)):
        return None
    return f"config.{key}: {name!r} is not a Salesforce field's API name (e.g. Postcall_Phone__c)"


def text_error(key: str, value: object) -> str | None:
    return None if value is None or isinstance(value, str) else f"config.{key}: text"
