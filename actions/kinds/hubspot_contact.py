"""`hubspot_contact`: create or update the caller's HubSpot contact and log the call on it."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.conf import settings
from hubspot import HubSpot
from hubspot.crm.contacts import ApiClient as ContactsClient
from hubspot.crm.contacts import ApiException as ContactsApiException
from hubspot.crm.contacts import (
    BatchInputSimplePublicObjectBatchInputUpsert,
    Filter,
    FilterGroup,
    PublicObjectSearchRequest,
    SimplePublicObjectBatchInputUpsert,
    SimplePublicObjectInput,
    SimplePublicObjectInputForCreate,
)
from hubspot.crm.objects.calls import ApiException as CallsApiException
from hubspot.crm.objects.calls import (
    AssociationSpec,
    PublicAssociationsForObject,
    PublicObjectId,
)
from hubspot.crm.objects.calls import Filter as CallFilter
from hubspot.crm.objects.calls import FilterGroup as CallFilterGroup
from hubspot.crm.objects.calls import PublicObjectSearchRequest as CallSearchRequest
from hubspot.crm.objects.calls import (
    SimplePublicObjectInputForCreate as CallInputForCreate,
)
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.util.retry import Retry

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
from actions.webhooks.payload import utc_stamp
from extraction.types import FieldSpec

# The property of HubSpot's calls that carries the delivery's message id, so that a retry
# finds the call it logged before the answer was lost (docs/crm.md: create it once).
MESSAGE_ID_PROPERTY = "postcall_message_id"
# HubSpot's association type "call to contact".
CALL_TO_CONTACT = 194
# HubSpot's internal property names: lower-case letters, digits and underscores.
PROPERTY_NAME = re.compile(r"[a-z][a-z0-9_]*")
# The contact properties most agents fill, offered on the agent page; any other is typed.
COMMON_PROPERTIES = (
    "firstname",
    "lastname",
    "email",
    "phone",
    "mobilephone",
    "company",
    "jobtitle",
    "website",
    "city",
    "country",
    "hs_lead_status",
    "lifecyclestage",
    "message",
)
MESSAGE_ID_SHOWN = "(the delivery's message id)"
CONTACT_ID_SHOWN = "{id of the contact found or created}"


@dataclass(frozen=True)
class HubspotConfig:
    properties: Mapping[str, str]
    email_field: str = ""
    phone_field: str = ""
    summary_field: str = ""
    log_call: bool = True


@contextmanager
def urllib3_logging_kept() -> Iterator[None]:
    """Each API client the SDK builds sets urllib3's logger to WARNING (its `debug`
    setting), which would silence the worker's HTTP lines from then on: put it back."""
    logger = logging.getLogger("urllib3")
    level = logger.level
    try:
        yield
    finally:
        logger.setLevel(level)


@dataclass(frozen=True)
class HubspotPlan:
    """The contact to create or update (by email when there is one, else by phone), its
    properties, and the call to log on its timeline."""

    properties: Mapping[str, str]
    email: str = ""
    phone: str = ""
    call: Mapping[str, str] = field(default_factory=dict)

    def data(self) -> dict[str, Any]:
        return {
            "properties": dict(self.properties),
            "email": self.email,
            "phone": self.phone,
            "call": dict(self.call),
        }

    @urllib3_logging_kept()
    def upsert(self) -> BatchInputSimplePublicObjectBatchInputUpsert:
        return BatchInputSimplePublicObjectBatchInputUpsert(
            inputs=[
                SimplePublicObjectBatchInputUpsert(
                    id_property="email", id=self.email, properties=dict(self.properties)
                )
            ]
        )

    @urllib3_logging_kept()
    def phone_search(self) -> PublicObjectSearchRequest:
        phone = Filter(property_name="phone", operator="EQ", value=self.phone)
        return PublicObjectSearchRequest(
            filter_groups=[FilterGroup(filters=[phone])], properties=["phone"], limit=1
        )

    @urllib3_logging_kept()
    def call_search(self, message_id: str) -> CallSearchRequest:
        keyed = CallFilter(property_name=MESSAGE_ID_PROPERTY, operator="EQ", value=message_id)
        return CallSearchRequest(
            filter_groups=[CallFilterGroup(filters=[keyed])],
            properties=[MESSAGE_ID_PROPERTY],
            limit=1,
        )

    @urllib3_logging_kept()
    def call_create(self, contact_id: str, message_id: str) -> CallInputForCreate:
        spec = AssociationSpec(
            association_category="HUBSPOT_DEFINED", association_type_id=CALL_TO_CONTACT
        )
        return CallInputForCreate(
            properties={**self.call, MESSAGE_ID_PROPERTY: message_id},
            associations=[
                PublicAssociationsForObject(to=PublicObjectId(id=contact_id), types=[spec])
            ],
        )

    def requests(self) -> list[Request]:
        base = f"{settings.HUBSPOT_API_BASE_URL}/crm/v3/objects"
        contact: list[Request]
        if self.email:
            contact = [Request("POST", f"{base}/contacts/batch/upsert", wire(self.upsert()))]
        else:
            found = {"properties": dict(self.properties)}
            contact = [
                Request("POST", f"{base}/contacts/search", wire(self.phone_search())),
                Request("POST", f"{base}/contacts", found, when="no contact has the number"),
                Request(
                    "PATCH",
                    f"{base}/contacts/{CONTACT_ID_SHOWN}",
                    found,
                    when="a contact has the number",
                ),
            ]
        if not self.call:
            return contact
        return [
            *contact,
            Request("POST", f"{base}/calls/search", wire(self.call_search(MESSAGE_ID_SHOWN))),
            Request(
                "POST",
                f"{base}/calls",
                wire(self.call_create(CONTACT_ID_SHOWN, MESSAGE_ID_SHOWN)),
                when="no call carries the message id yet",
            ),
        ]

    def outline(self) -> Outline:
        who = f"email {self.email}" if self.email else f"phone {self.phone}"
        logged = " and log the call on it" if self.call else ""
        return request_outline(f"Create or update the HubSpot contact with {who}{logged}", self)


@cache
@urllib3_logging_kept()
def serializer() -> ContactsClient:
    return ContactsClient()


def wire(model: object) -> Any:
    """A request model as the SDK sends it: its JSON keys, without the empty ones."""
    return serializer().sanitize_for_serialization(model)


class HubspotContact(NativeKind[HubspotConfig, HubspotPlan]):
    """Create or update the caller's contact, set the mapped properties, and log the call
    with its summary on the contact's timeline. One contact per customer: by email with
    HubSpot's upsert, else by phone, searched before it is created; the call is keyed on
    the delivery's message id, so a retry logs it once."""

    type = "hubspot_contact"
    label = "HubSpot contact"
    keys = frozenset(
        {"token", "properties", "email_field", "phone_field", "summary_field", "log_call"}
    )
    secret_keys = frozenset({"token"})
    field_keys = frozenset({"email_field", "phone_field", "summary_field"})
    event_type = "hubspot.contact"
    credentials_hint = "paste the private app's access token into the action and save"
    property_choices = COMMON_PROPERTIES

    def read(self, config: Mapping[str, Any], fields: Mapping[str, FieldSpec]) -> HubspotConfig:
        log_call = config.get("log_call", True)
        raise_errors(
            [
                self._token_error(config.get("token")),
                properties_error(
                    config.get("properties"),
                    fields,
                    receiver="HubSpot property",
                    example='{"customer_name": "firstname"}',
                    name_pattern=PROPERTY_NAME,
                    name_rule="is not a HubSpot property name (lower-case letters, digits, _)",
                ),
                *(
                    field_name_error(key, config.get(key), fields)
                    for key in sorted(self.field_keys)
                ),
                None if isinstance(log_call, bool) else "config.log_call: true or false",
            ]
        )
        return HubspotConfig(
            properties=dict(config.get("properties") or {}),
            email_field=str(config.get("email_field") or ""),
            phone_field=str(config.get("phone_field") or ""),
            summary_field=str(config.get("summary_field") or ""),
            log_call=bool(log_call),
        )

    def plan(self, config: HubspotConfig, firing: Firing) -> HubspotPlan:
        values = firing.extraction.values
        properties = mapped_properties(config.properties, values)
        email = str(values.get(config.email_field) or "") if config.email_field else ""
        phone = contact_phone(values, phone_field=config.phone_field, call=firing.call)
        if not email and not phone:
            raise ActionFailed("no email and no phone number to find the HubSpot contact by")
        if email:
            properties.setdefault("email", email)
        if phone:
            properties.setdefault("phone", phone)
        call = call_properties(config, firing) if config.log_call else {}
        return HubspotPlan(properties=properties, email=email, phone=phone, call=call)

    def plan_from_data(self, data: Mapping[str, Any]) -> HubspotPlan:
        return HubspotPlan(
            properties=text_map(data["properties"]),
            email=str(data["email"]),
            phone=str(data["phone"]),
            call=text_map(data["call"]),
        )

    @urllib3_logging_kept()
    def send(self, plan: HubspotPlan, credentials: Mapping[str, str], *, message_id: str) -> Sent:
        client = HubSpot(
            access_token=credentials["token"],
            host=settings.HUBSPOT_API_BASE_URL,
            # The delivery's retries are ours, on its schedule, recorded one by one.
            retry=Retry(total=False),
        )
        return HubspotSession(client).run(plan, message_id)

    @staticmethod
    def _token_error(token: object) -> str | None:
        if token in (None, "") or (isinstance(token, str) and token.startswith("pat-")):
            return None
        return (
            "config.token: a private app's access token starts with pat- "
            "(HubSpot: Settings → Integrations → Private Apps → your app → Access token)"
        )


class HubspotSession:
    """One attempt's requests, in order, stopping at the first that fails."""

    def __init__(self, client: HubSpot) -> None:
        self.contacts = client.crm.contacts
        self.calls = client.crm.objects.calls
        self.timeout = settings.NATIVE_ACTION_TIMEOUT_SECONDS
        self.url = settings.HUBSPOT_API_BASE_URL
        self.status = 200
        self.notes: list[str] = []

    def run(self, plan: HubspotPlan, message_id: str) -> Sent:
        started = time.monotonic()
        try:
            contact_id = self._contact(plan)
            if plan.call:
                self._log_call(plan, contact_id, message_id)
        except HubspotRefused as refused:
            result = answered(
                refused.status,
                headers=refused.headers,
                body=refused.body,
                error=refused.message,
                duration_ms=elapsed_ms(started),
            )
            return Sent(refused.url, result)
        except Urllib3Error as error:
            return Sent(self.url, lost(error, duration_ms=elapsed_ms(started)))
        done = answered(
            self.status,
            headers={},
            body="; ".join(self.notes),
            error="",
            duration_ms=elapsed_ms(started),
        )
        return Sent(self.url, done)

    def _contact(self, plan: HubspotPlan) -> str:
        if plan.email:
            batch = self._ask(
                "POST",
                "/crm/v3/objects/contacts/batch/upsert",
                self.contacts.batch_api.upsert_with_http_info,
                plan.upsert(),
            )
            upserted = batch.results[0]
            self.notes.append(
                f"contact {upserted.id} {'created' if upserted.new else 'updated'} by email"
            )
            return str(upserted.id)
        found = self._ask(
            "POST",
            "/crm/v3/objects/contacts/search",
            self.contacts.search_api.do_search_with_http_info,
            plan.phone_search(),
        )
        if found.results:
            contact_id = str(found.results[0].id)
            self._ask(
                "PATCH",
                f"/crm/v3/objects/contacts/{contact_id}",
                lambda body, **options: self.contacts.basic_api.update_with_http_info(
                    contact_id, body, **options
                ),
                SimplePublicObjectInput(properties=dict(plan.properties)),
            )
            self.notes.append(f"contact {contact_id} updated (found by phone)")
            return contact_id
        created = self._ask(
            "POST",
            "/crm/v3/objects/contacts",
            self.contacts.basic_api.create_with_http_info,
            SimplePublicObjectInputForCreate(properties=dict(plan.properties)),
        )
        self.notes.append(f"contact {created.id} created (no contact had the number)")
        return str(created.id)

    def _log_call(self, plan: HubspotPlan, contact_id: str, message_id: str) -> None:
        found = self._ask(
            "POST",
            "/crm/v3/objects/calls/search",
            self.calls.search_api.do_search_with_http_info,
            plan.call_search(message_id),
        )
        if found.results:
            self.notes.append(f"call {found.results[0].id} was logged by an earlier attempt")
            return
        logged = self._ask(
            "POST",
            "/crm/v3/objects/calls",
            self.calls.basic_api.create_with_http_info,
            plan.call_create(contact_id, message_id),
        )
        self.notes.append(f"call {logged.id} logged on the contact")

    def _ask(self, method: str, path: str, call: Callable[..., Any], body: object) -> Any:
        """Make one request; its answer's data, or HubspotRefused with HubSpot's words."""
        self.url = f"{settings.HUBSPOT_API_BASE_URL}{path}"
        try:
            data, self.status, _headers = call(
                body, _request_timeout=(min(5.0, self.timeout), self.timeout)
            )
        except (ContactsApiException, CallsApiException) as error:
            raise HubspotRefused(method, self.url, error) from error
        return data


class HubspotRefused(Exception):
    """HubSpot answered with an error; `message` says it in HubSpot's own words."""

    def __init__(
        self, method: str, url: str, error: ContactsApiException | CallsApiException
    ) -> None:
        self.status = int(error.status or 0)
        self.body = error.body or b""
        self.headers = dict(error.headers or {})
        self.url = url
        path = url.removeprefix(settings.HUBSPOT_API_BASE_URL)
        self.message = (
            f"HubSpot answered {self.status} to {method} {path}: {hubspot_error(self.body)}"
        )
        super().__init__(self.message)


def hubspot_error(body: bytes | str) -> str:
    """HubSpot's error as it says it: its category, its message and each error's code."""
    try:
        document = json.loads(body)
    except ValueError:
        document = None
    if not isinstance(document, dict):
        text = body.decode(errors="replace") if isinstance(body, bytes) else body
        return text.strip()[:300] or "(no message)"
    parts = [str(document[key]) for key in ("category", "errorType") if document.get(key)] + [
        str(document.get("message") or "(no message)")
    ]
    codes = [
        f"{error.get('code')}: {error.get('message')}"
        for error in document.get("errors") or []
        if isinstance(error, dict) and error.get("code")
    ]
    return ": ".join(parts) + (f" ({'; '.join(codes)})" if codes else "")


def call_properties(config: HubspotConfig, firing: Firing) -> dict[str, str]:
    """The call as HubSpot logs it on the contact's timeline."""
    call = firing.call
    values = firing.extraction.values
    summary = values.get(config.summary_field) if config.summary_field else None
    lines = [str(summary)] if summary not in (None, "") else []
    lines += [*value_lines(values)]
    lines.append(f"Started {call_moment(call)}. AI Analysis: {analysis_link(call)}")
    properties = {
        "hs_timestamp": utc_stamp(call.started_at),
        "hs_call_title": f"{firing.agent.name}: {firing.action_name}",
        "hs_call_body": "\n".join(lines),
        "hs_call_direction": "INBOUND" if call.direction == "inbound" else "OUTBOUND",
        "hs_call_status": "COMPLETED",
    }
    if call.from_number:
        properties["hs_call_from_number"] = call.from_number
    if call.to_number:
        properties["hs_call_to_number"] = call.to_number
    if call.ended_at:
        seconds = (call.ended_at - call.started_at).total_seconds()
        properties["hs_call_duration"] = str(round(seconds * 1000))
    return properties


def text_map(data: object) -> dict[str, str]:
    if not isinstance(data, dict):
        raise TypeError(f"{data!r} is not an object")
    return {str(key): str(value) for key, value in data.items()}
