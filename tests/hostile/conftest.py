from __future__ import annotations

import pytest

from tests.api.conftest import client_with, reader, runtime, writer

__all__ = ["client_with", "reader", "runtime", "writer"]


@pytest.fixture
def call_body() -> dict:
    return {
        "agent": "solaris",
        "external_id": "rt-1",
        "started_at": "2026-03-10T14:05:00+03:00",
        "timezone": "Europe/Istanbul",
        "transcript": [{"role": "user", "text": "Hi, my name is Maria Gonzalez."}],
    }
