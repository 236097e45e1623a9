"""The whole OpenAPI schema, exercised property-based: no server error, no answer that
contradicts the schema."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis import checks
from schemathesis.core.parameters import ParameterLocation

from agents.api_keys import api_key_create
from agents.models import Agent
from calls.services import call_create
from tests.factories import FollowUpFactory

# What a client relies on: no 5xx, every answer (status, content type, body) as the
# schema documents it, and what the schema forbids refused (a number for a string, a
# malformed limit, a missing header, a method not offered, a request without its key).
# One check is left out, on purpose: `positive_data_acceptance` demands a 2xx for every
# schema-valid body, but a body may be valid in shape and still name an agent, a call or a
# follow-up that does not exist, which is refused with 400 or 404 as documented. Unknown
# query parameters are ignored, as in Django REST Framework generally.
SCHEMA_CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
    checks.negative_data_rejection,
    checks.missing_required_header,
    checks.unsupported_method,
    checks.ignored_auth,
]
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.fixture
def same_connection():
    """Keep the test's transaction open across requests, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_headers(same_connection: None, seed_agent: Agent) -> dict[str, str]:
    call, _ = call_create(
        agent=seed_agent,
        external_id="schema-1",
        started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
        transcript="Agent: Hi\nUser: My name is Maria Gonzalez.",
    )
    FollowUpFactory(
        agent=seed_agent,
        source_call=call,
        to_number="+905321234567",
        from_number="+908501234567",
        due_at=call.started_at,
    )
    _, key = api_key_create(name="schema", scopes=["read", "write", "runtime"])
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_its_schema(case: schemathesis.Case, api_headers: dict[str, str]) -> None:
    # A case whose headers are the part made invalid (the key left out) is sent as made:
    # adding the key back would turn it into a valid request that is rightly accepted.
    components = case.meta.components if case.meta is not None else {}
    header = components.get(ParameterLocation.HEADER)
    headers = {} if header is not None and header.mode.is_negative else api_headers
    case.call_and_validate(headers=headers, checks=SCHEMA_CHECKS)


def test_the_schema_and_its_reference_pages_are_served(client: Client) -> None:
    document = client.get("/api/schema/?format=json").json()

    assert document["info"]["title"] == "Postcall API"
    assert "/api/v1/calls/" in document["paths"]
    assert document["components"]["securitySchemes"]["ApiKey"]["scheme"] == "bearer"
    assert client.get("/api/docs/").status_code == 200
    assert client.get("/api/redoc/").status_code == 200
