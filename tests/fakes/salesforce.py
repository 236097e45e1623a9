"""Salesforce's REST API on 127.0.0.1, answering as Salesforce documents it: the OAuth 2.0
client credentials token endpoint, SOQL queries of one equality, sObject create, update
and upsert by an external id field, and its error bodies (`INVALID_SESSION_ID` 401,
`REQUIRED_FIELD_MISSING` and `INVALID_FIELD` 400, `NOT_FOUND` 404), plus whatever a test
scripts with `then` before the request is handled.

simple-salesforce has no request models, so each body is checked against the objects'
fields as Salesforce's Object Reference lists them (names and types): a field Salesforce
does not have is answered `INVALID_FIELD` and kept in `refused`.
`lose_answer_to(method, path_end)` makes the next such request succeed and then drops the
connection, as a lost answer does; `expire_tokens()` ends every session handed out.
"""

from __future__ import annotations

import re
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import trustme

from tests.fakes.http import Received, Reply, Server

JSON = {"Content-Type": "application/json;charset=UTF-8"}
CLIENT_ID = "3MVG9fake.consumer.key"
CLIENT_SECRET = "F4KE5ECRET"
API = "/services/data/v62.0"
TEXT, INT, DATE, REFERENCE = str, int, date, "reference"
FIELDS: dict[str, dict[str, Any]] = {
    "Lead": {
        "FirstName": TEXT,
        "LastName": TEXT,
        "Company": TEXT,
        "Email": TEXT,
        "Phone": TEXT,
        "MobilePhone": TEXT,
        "Title": TEXT,
        "LeadSource": TEXT,
        "Status": TEXT,
        "Rating": TEXT,
        "Description": TEXT,
        "Postcall_Phone__c": TEXT,
    },
    "Contact": {
        "FirstName": TEXT,
        "LastName": TEXT,
        "Email": TEXT,
        "Phone": TEXT,
        "MobilePhone": TEXT,
        "Title": TEXT,
        "LeadSource": TEXT,
        "Description": TEXT,
        "Postcall_Phone__c": TEXT,
    },
    "Task": {
        "Subject": TEXT,
        "Description": TEXT,
        "Status": TEXT,
        "Priority": TEXT,
        "TaskSubtype": TEXT,
        "CallType": TEXT,
        "ActivityDate": DATE,
        "CallDurationInSeconds": INT,
        "WhoId": REFERENCE,
        "Postcall_Message_Id__c": TEXT,
    },
}
REQUIRED = {"Lead": ("LastName", "Company"), "Contact": ("LastName",), "Task": ()}
PICKLISTS = {
    ("Task", "TaskSubtype"): {"Task", "Email", "ListEmail", "Cadence", "Call", "LinkedIn"},
    ("Task", "CallType"): {"Internal", "Inbound", "Outbound"},
}
EXTERNAL_IDS = {"Lead": {"Postcall_Phone__c"}, "Contact": {"Postcall_Phone__c"}}
PREFIXES = {"Lead": "00Q", "Contact": "003", "Task": "00T"}
QUERY = re.compile(
    r"SELECT Id FROM (\w+) WHERE (\w+) = '((?:[^'\\]|\\.)*)'(?: ORDER BY CreatedDate)? LIMIT 1"
)
SOBJECT = re.compile(rf"{API}/sobjects/(\w+)/(?:(\w+)/)?([^/]*)$")


@dataclass
class Lost:
    method: str
    path_end: str


class SalesforceApi:
    def __init__(self, ca: trustme.CA) -> None:
        self.server = _Server(self._answer)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("127.0.0.1").configure_cert(context)
        httpd = self.server._httpd
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
        self.records: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in FIELDS}
        self.refused: list[str] = []
        self.tokens: list[str] = []
        self._valid: set[str] = set()
        self._lose: list[Lost] = []
        self._ids = iter(range(1, 100_000))
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        """The org's My Domain URL: HTTPS, as simple-salesforce reaches Salesforce only so."""
        return self.server.url.replace("http://", "https://")

    def then(self, *replies: Reply) -> SalesforceApi:
        self.server.then(*replies)
        return self

    def lose_answer_to(self, method: str, path_end: str) -> None:
        self._lose.append(Lost(method, path_end))

    def expire_tokens(self) -> None:
        self._valid.clear()

    def session(self) -> str:
        """A session id, as a person copies one from Salesforce."""
        token = f"00D000000000001!session-{len(self.tokens) + 1}"
        self.tokens.append(token)
        self._valid.add(token)
        return token

    def requests(self) -> list[tuple[str, str]]:
        return [(r.method, urlsplit(r.path).path) for r in self.server.received]

    def _answer(self, request: Received) -> Reply:
        with self._lock:
            reply = self._route(request)
            path = urlsplit(request.path).path
            for lost in self._lose:
                if request.method == lost.method and path.endswith(lost.path_end):
                    self._lose.remove(lost)
                    return Reply(drop=True)
        return reply

    def _route(self, request: Received) -> Reply:
        parts = urlsplit(request.path)
        if parts.path == "/services/oauth2/token" and request.method == "POST":
            return self._token(parse_qs(request.body.decode()))
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if token not in self._valid:
            return errors(401, "INVALID_SESSION_ID", "Session expired or invalid")
        if parts.path == f"{API}/query/" and request.method == "GET":
            return self._query(parse_qs(parts.query).get("q", [""])[0])
        match = SOBJECT.match(parts.path)
        if not match or match.group(1) not in FIELDS:
            return errors(404, "NOT_FOUND", "The requested resource does not exist")
        name, external, key = match.groups()
        body = request.json() if request.body else {}
        problem = self._fields_problem(name, body)
        if problem:
            return problem
        if request.method == "POST" and not external and not key:
            return self._create(name, body)
        if request.method == "PATCH" and external:
            return self._upsert(name, external, unquote(key), body)
        if request.method == "PATCH" and key in self.records[name]:
            self.records[name][key].update(body)
            return Reply(204)
        return errors(404, "NOT_FOUND", "The requested resource does not exist")

    def _token(self, form: dict[str, list[str]]) -> Reply:
        if form.get("grant_type") != ["client_credentials"]:
            return Reply(
                400,
                {
                    "error": "unsupported_grant_type",
                    "error_description": "grant type not supported",
                },
                JSON,
            )
        if form.get("client_id") != [CLIENT_ID] or form.get("client_secret") != [CLIENT_SECRET]:
            return Reply(
                400,
                {"error": "invalid_client", "error_description": "invalid client credentials"},
                JSON,
            )
        token = f"00D000000000001!token-{len(self.tokens) + 1}"
        self.tokens.append(token)
        self._valid.add(token)
        return Reply(
            200,
            {
                "access_token": token,
                "signature": "c2lnbmF0dXJl",
                "scope": "api",
                "instance_url": self.url,
                "id": f"{self.url}/id/00D000000000001/005000000000001",
                "token_type": "Bearer",
                "issued_at": "1765090000000",
            },
            JSON,
        )

    def _query(self, soql: str) -> Reply:
        match = QUERY.fullmatch(soql)
        if not match:
            return errors(400, "MALFORMED_QUERY", f"unexpected query: {soql}")
        name, column, value = match.group(1), match.group(2), match.group(3).replace("\\'", "'")
        if name not in FIELDS or (column != "Id" and column not in FIELDS[name]):
            return errors(400, "INVALID_FIELD", f"No such column '{column}' on entity '{name}'")
        found = [
            {
                "attributes": {"type": name, "url": f"{API}/sobjects/{name}/{record_id}"},
                "Id": record_id,
            }
            for record_id, record in self.records[name].items()
            if record.get(column) == value
        ][:1]
        return Reply(200, {"totalSize": len(found), "done": True, "records": found}, JSON)

    def _fields_problem(self, name: str, body: dict[str, Any]) -> Reply | None:
        for field_name, value in body.items():
            kind = FIELDS[name].get(field_name)
            if kind is None:
                self.refused.append(f"{name}.{field_name}")
                return errors(
                    400, "INVALID_FIELD", f"No such column '{field_name}' on sobject of type {name}"
                )
            if not fits(kind, value) or value not in PICKLISTS.get((name, field_name), {value}):
                self.refused.append(f"{name}.{field_name}={value!r}")
                return errors(
                    400,
                    "INVALID_TYPE_ON_FIELD_IN_RECORD",
                    f"{field_name}: value not of required type: {value}",
                    fields=[field_name],
                )
            if kind == REFERENCE and not any(value in records for records in self.records.values()):
                return errors(
                    400,
                    "INVALID_CROSS_REFERENCE_KEY",
                    "invalid cross reference id",
                    fields=[field_name],
                )
        return None

    def _create(self, name: str, body: dict[str, Any]) -> Reply:
        missing = [field_name for field_name in REQUIRED[name] if not body.get(field_name)]
        if missing:
            return errors(
                400,
                "REQUIRED_FIELD_MISSING",
                f"Required fields are missing: [{', '.join(missing)}]",
                fields=missing,
            )
        record_id = f"{PREFIXES[name]}{next(self._ids):015d}"
        self.records[name][record_id] = dict(body)
        return Reply(201, {"id": record_id, "success": True, "errors": []}, JSON)

    def _upsert(self, name: str, external: str, key: str, body: dict[str, Any]) -> Reply:
        if external not in EXTERNAL_IDS.get(name, set()):
            return errors(
                404,
                "NOT_FOUND",
                f"Provided external ID field does not exist or is not accessible: {external}",
            )
        if external in body:
            return errors(
                400,
                "INVALID_FIELD",
                f"The value of the external id field {external} in the body does not match the URL",
            )
        for record_id, record in self.records[name].items():
            if record.get(external) == key:
                record.update(body)
                return Reply(
                    200, {"id": record_id, "success": True, "errors": [], "created": False}, JSON
                )
        created = self._create(name, {**body, external: key})
        if created.status != 201:
            return created
        record_id = created.body["id"]  # type: ignore[index]
        return Reply(201, {"id": record_id, "success": True, "errors": [], "created": True}, JSON)


def fits(kind: Any, value: Any) -> bool:
    if kind is INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is DATE:
        try:
            date.fromisoformat(value)
        except (TypeError, ValueError):
            return False
        return True
    return isinstance(value, str)


def errors(status: int, code: str, message: str, *, fields: list[str] | None = None) -> Reply:
    """An error body as Salesforce's REST API sends one: a list of errors."""
    return Reply(status, [{"message": message, "errorCode": code, "fields": fields or []}], JSON)


class _Server(Server):
    """The test HTTP server, answering PATCH too."""

    def _handler(self) -> Any:
        handler = super()._handler()
        handler.do_PATCH = handler.do_POST  # type: ignore[attr-defined]
        return handler


@contextmanager
def salesforce_api(ca_bundle: Path) -> Iterator[SalesforceApi]:
    """The API, its certificate issued by a CA written to `ca_bundle` for clients to trust."""
    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(ca_bundle))
    fake = SalesforceApi(ca)
    fake.server.start()
    try:
        yield fake
    finally:
        fake.server.stop()
