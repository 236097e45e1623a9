"""The admin's buttons that change, try or send something take a POST; a GET gets 405."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

POST_ONLY = [
    ("agents_agent_duplicate", [1]),
    ("agents_agent_try", [1]),
    ("agents_agent_try_recent", [1]),
    ("agents_agent_restore_version", [1, 1]),
    ("agents_agent_try_webhook", [1]),
    ("agents_agent_try_webhook_new", []),
    ("agents_agent_new_inbox", [1]),
    ("agents_agent_new_inbox_new", []),
    ("agents_agent_test_webhook", [1, 1]),
    ("agents_agent_rotate_secret", [1, 1]),
    ("calls_call_trial", [1]),
    ("calls_call_rerun", [1]),
    ("connectors_connection_sample", [1]),
    ("connectors_connection_replay", [1, 1]),
]


@pytest.mark.parametrize(("name", "args"), POST_ONLY)
def test_a_get_of_a_button_view_is_405(admin_client: Client, name: str, args: list[int]) -> None:
    response = admin_client.get(reverse(f"admin:{name}", args=args))

    assert response.status_code == 405
    assert response["Allow"] == "POST"
