from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from agents.api_keys import api_key_create


@pytest.fixture
def client_with(db: None) -> Callable[..., APIClient]:
    """An API client holding a new key with these scopes."""

    def make(*scopes: str) -> APIClient:
        _, key = api_key_create(name=f"test {'+'.join(scopes)}", scopes=scopes)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        return client

    return make


@pytest.fixture
def runtime(client_with) -> APIClient:
    return client_with("runtime")


@pytest.fixture
def reader(client_with) -> APIClient:
    return client_with("read")


@pytest.fixture
def writer(client_with) -> APIClient:
    return client_with("read", "write")


@pytest.fixture
def call_body() -> dict:
    return {
        "agent": "solaris",
        "external_id": "rt-1",
        "started_at": "2026-03-10T14:05:00+03:00",
        "timezone": "Europe/Istanbul",
        "transcript": [{"role": "user", "text": "Hi, my name is Maria Gonzalez."}],
    }
