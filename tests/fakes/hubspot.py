"""HubSpot's CRM API on 127.0.0.1, answering as HubSpot documents it: contacts (batch upsert
by email, search, create, update) and calls (search, create with associations), a private
app's bearer token, `PROPERTY_DOESNT_EXIST` for a property the portal lacks, 401
`INVALID_AUTHENTICATION`, and whatever a test scripts with `then` (429 with Retry-After,
500, …) before the request is handled.

Every request body must deserialize into the hubspot-api-client model its endpoint takes
and serialize back unchanged; one that does not is answered 400 and kept in `refused`.
`lose_answer_to(path)` makes the next request to that path succeed and then drops the
connection, as a lost answer does.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from hubspot.crm.contacts import ApiClient as ContactsClient
from hubspot.crm.objects.calls import ApiClient as CallsClient

from tests.fakes.http import Received, Reply, Server

JSON = {"Content-Type": "application/json;charset=utf-8"}
TOKEN = "pat-na1-00000000-0000-0000-0000-000000000000"
CONTACT_PROPERTIES = frozenset(
    {
        "email",
        "firstname",
        "lastname",
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
    }
)
CALL_PROPERTIES = frozenset(
    {
        "hs_timestamp",
        "hs_call_title",
        "hs_call_body",
        "hs_call_direction",
        "hs_call_status",
        "hs_call_from_number",
        "hs_call_to_number",
        "hs_call_duration",
    }
)
# What each endpoint's body is, as the SDK's models name it.
REQUEST_MODELS = {
    ("POST", "/crm/v3/objects/contacts/batch/upsert"): (
        ContactsClient,
        "BatchInputSimplePublicObjectBatchInputUpsert",
    ),
    ("POST", "/crm/v3/objects/contacts/search"): (ContactsClient, "PublicObjectSearchRequest"),
    ("POST", "/crm/v3/objects/contacts"): (ContactsClient, "SimplePublicObjectInputForCreate"),
    ("PATCH", "/crm/v3/objects/contacts/{id}"): (ContactsClient, "SimplePublicObjectInput"),
    ("POST", "/crm/v3/objects/calls/search"): (CallsClient, "PublicObjectSearchRequest"),
    ("POST", "/crm/v3/objects/calls"): (CallsClient, "SimplePublicObjectInputForCreate"),
}
OBJECT_ID = re.compile(r"/crm/v3/objects/contacts/(\d+)$")


@dataclass
class Record:
    id: str
    properties: dict[str, str]
    associations: list[dict[str, Any]] = field(default_factory=list)
    created_at: str = field(default_factory=lambda: stamp())

    def document(self, **extra: Any) -> dict[str, Any]:
        return {
            "id": self.id,
            "properties": self.properties,
            "createdAt": self.created_at,
            "updatedAt": stamp(),
            "archived": False,
            **extra,
        }


def stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


@dataclass
class _Payload:
    data: bytes


class HubSpotApi:
    def __init__(self, *, message_id_property: bool = True) -> None:
        self.server = _Server(self._answer)
        self.contacts: dict[str, Record] = {}
        self.calls: dict[str, Record] = {}
        self.refused: list[str] = []
        self.call_properties = CALL_PROPERTIES | (
            {"postcall_message_id"} if message_id_property else set()
        )
        self._lose: set[str] = set()
        self._ids = iter(range(101, 100_000))
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return self.server.url

    def then(self, *replies: Reply) -> HubSpotApi:
        self.server.then(*replies)
        return self

    def lose_answer_to(self, path: str) -> None:
        self._lose.add(path)

    def requests(self) -> list[tuple[str, str]]:
        return [(request.method, request.path) for request in self.server.received]

    def _answer(self, request: Received) -> Reply:
        if request.headers.get("authorization") != f"Bearer {TOKEN}":
            return error(
                401,
                "INVALID_AUTHENTICATION",
                "Authentication credentials not found. This API supports OAuth 2.0 "
                "authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
            )
        route = (request.method, OBJECT_ID.sub("/crm/v3/objects/contacts/{id}", request.path))
        if route not in REQUEST_MODELS:
            return Reply(404, "", JSON)
        problem = body_problem(request, *REQUEST_MODELS[route])
        if problem:
            self.refused.append(f"{route}: {problem}")
            return error(400, "VALIDATION_ERROR", f"Invalid input JSON: {problem}")
        with self._lock:
            reply = self._handle(route, request)
            if route[1] in self._lose:
                self._lose.discard(route[1])
                return Reply(drop=True)
        return reply

    def _handle(self, route: tuple[str, str], request: Received) -> Reply:
        body = request.json()
        handlers = {
            "/crm/v3/objects/contacts/batch/upsert": self._upsert,
            "/crm/v3/objects/contacts/search": lambda data: search(self.contacts, data),
            "/crm/v3/objects/contacts": lambda data: self._create(self.contacts, data),
            "/crm/v3/objects/calls/search": lambda data: search(self.calls, data),
            "/crm/v3/objects/calls": lambda data: self._create(self.calls, data),
        }
        if route[1] == "/crm/v3/objects/contacts/{id}":
            match = OBJECT_ID.search(request.path)
            return self._update(match.group(1) if match else "", body)
        return handlers[route[1]](body)

    def _unknown(self, records: dict[str, Record], properties: dict[str, str]) -> Reply | None:
        known = CONTACT_PROPERTIES if records is self.contacts else self.call_properties
        missing = [name for name in properties if name not in known]
        if not missing:
            return None
        details = [
            {
                "isValid": False,
                "message": f'Property "{name}" does not exist',
                "error": "PROPERTY_DOESNT_EXIST",
                "name": name,
                "localizedErrorMessage": f'Property "{name}" does not exist',
            }
            for name in missing
        ]
        return error(
            400,
            "VALIDATION_ERROR",
            f"Property values were not valid: {json.dumps(details)}",
            errors=[
                {
                    "message": f'Property "{name}" does not exist',
                    "code": "PROPERTY_DOESNT_EXIST",
                    "context": {"propertyName": [name]},
                }
                for name in missing
            ],
        )

    def _upsert(self, body: dict[str, Any]) -> Reply:
        results = []
        for item in body["inputs"]:
            refused = self._unknown(self.contacts, item["properties"])
            if refused:
                return refused
            assert item["idProperty"] == "email", item
            found = next(
                (
                    record
                    for record in self.contacts.values()
                    if record.properties.get("email", "").lower() == item["id"].lower()
                ),
                None,
            )
            if found is None:
                found = Record(id=str(next(self._ids)), properties={"email": item["id"]})
                self.contacts[found.id] = found
                new = True
            else:
                new = False
            found.properties.update(item["properties"])
            results.append(found.document(new=new))
        now = stamp()
        return Reply(
            200,
            {"status": "COMPLETE", "results": results, "startedAt": now, "completedAt": now},
            JSON,
        )

    def _create(self, records: dict[str, Record], body: dict[str, Any]) -> Reply:
        refused = self._unknown(records, body["properties"])
        if refused:
            return refused
        for association in body.get("associations") or []:
            if association["to"]["id"] not in self.contacts:
                return error(400, "VALIDATION_ERROR", "One or more associations are invalid")
        record = Record(
            id=str(next(self._ids)),
            properties=dict(body["properties"]),
            associations=list(body.get("associations") or []),
        )
        records[record.id] = record
        return Reply(201, record.document(), JSON)

    def _update(self, contact_id: str, body: dict[str, Any]) -> Reply:
        if contact_id not in self.contacts:
            return error(404, "OBJECT_NOT_FOUND", "resource not found")
        refused = self._unknown(self.contacts, body["properties"])
        if refused:
            return refused
        record = self.contacts[contact_id]
        record.properties.update(body["properties"])
        return Reply(200, record.document(), JSON)


def search(records: dict[str, Record], body: dict[str, Any]) -> Reply:
    """HubSpot's search with EQ filters, ANDed within a group, groups ORed."""
    found = [
        record
        for record in records.values()
        if any(
            all(
                record.properties.get(rule["propertyName"]) == rule["value"]
                for rule in group["filters"]
                if rule["operator"] == "EQ"
            )
            for group in body.get("filterGroups") or []
        )
    ][: body.get("limit") or 10]
    return Reply(200, {"total": len(found), "results": [r.document() for r in found]}, JSON)


def error(status: int, category: str, message: str, **extra: Any) -> Reply:
    """An error body as HubSpot's API sends one."""
    return Reply(
        status,
        {
            "status": "error",
            "message": message,
            "correlationId": "4d1d7d6e-7f28-4a5e-9a52-2f0a6b1c3e11",
            "category": category,
            **extra,
        },
        JSON,
    )


def body_problem(request: Received, client: type, model: str) -> str:
    """Why the body is not what the SDK's `model` sends, or ""."""
    try:
        data = json.loads(request.body)
        api = client()
        parsed = api.deserialize(_Payload(request.body), model)
    except (ValueError, TypeError) as problem:
        return str(problem)
    if api.sanitize_for_serialization(parsed) != data:
        return f"{data} holds what {model} does not"
    return ""


class _Server(Server):
    """The test HTTP server, answering PATCH too."""

    def _handler(self) -> Any:
        handler = super()._handler()
        handler.do_PATCH = handler.do_POST  # type: ignore[attr-defined]
        return handler


@contextmanager
def hubspot_api(**options: Any) -> Iterator[HubSpotApi]:
    fake = HubSpotApi(**options)
    fake.server.start()
    try:
        yield fake
    finally:
        fake.server.stop()
