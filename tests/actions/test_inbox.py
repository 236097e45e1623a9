"""Webhook inboxes: a URL of Postcall's own that records what it receives."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from actions.inbox import inbox_create, inbox_token_in, inbox_url
from actions.kinds.webhook import Webhook as WebhookKind
from actions.models import InboxRequest, WebhookDelivery
from actions.signing import new_message_id, signed_headers
from actions.webhooks.secrets import active_secrets
from agents.config import ConfigInvalid
from agents.models import Action, Agent
from agents.services import agent_import_json
from calls.services import call_create
from tests.conftest import SEED_TRANSCRIPT

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def crm_hook(agent: Agent, url: str) -> Action:
    hook = {
        "type": "webhook",
        "name": "CRM lead",
        "condition": {"field": "interest_level", "operator": "==", "value": "high"},
        "config": {"url": url},
    }
    agent_import_json(agent=agent, actions_json=json.dumps(hook))
    return agent.actions.get(name="CRM lead")


def inbox_path(url: str) -> str:
    return url.removeprefix("http://127.0.0.1:8000")


def test_a_real_call_is_delivered_to_an_inbox_with_a_verified_signature(
    seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    inbox = inbox_create(name="CRM try-out")
    action = crm_hook(seed_agent, inbox_url(inbox))
    inbox.action = action
    inbox.save()

    with django_capture_on_commit_callbacks(execute=True):
        call_create(
            agent=seed_agent,
            external_id="rt-0001",
            started_at=timezone.now(),
            transcript=SEED_TRANSCRIPT,
        )

    received = inbox.requests.get()
    assert received.method == "POST"
    assert received.signature_verified is True
    assert received.signature_note == "verified with the secrets of 'CRM lead'"
    payload = Webhook(active_secrets(action)[0]).verify(received.body, received.headers)
    assert payload["data"]["call"]["external_id"] == "rt-0001"
    assert payload["data"]["extraction"]["values"]["customer_name"] == "Maria Gonzalez"
    delivery = WebhookDelivery.objects.get(action=action)
    assert delivery.status == "succeeded"
    assert delivery.attempts.get().response_excerpt.startswith('{"ok":true')


def test_anyone_may_post_to_an_inbox_over_http(client: Client, seed_agent: Agent) -> None:
    action = crm_hook(seed_agent, "http://127.0.0.1:9/crm")
    inbox = inbox_create(name="CRM", action=action)
    body = b'{"hello": "inbox"}'
    headers = signed_headers(
        secrets=active_secrets(action),
        msg_id=new_message_id(),
        timestamp=int(timezone.now().timestamp()),
        body=body,
    )

    response = client.post(
        inbox_path(inbox_url(inbox)),
        body,
        content_type="application/json",
        headers={**headers, "Cookie": "sessionid=secret"},
    )

    assert response.status_code == 200
    assert response.json()["ok"] is True
    received = inbox.requests.get()
    assert received.body == '{"hello": "inbox"}'
    assert received.signature_verified is True
    assert received.headers["webhook-id"] == headers["webhook-id"]
    assert "cookie" not in received.headers


def test_a_wrong_signature_is_recorded_as_invalid(client: Client, seed_agent: Agent) -> None:
    action = crm_hook(seed_agent, "http://127.0.0.1:9/crm")
    inbox = inbox_create(name="CRM", action=action)
    headers = signed_headers(
        secrets=["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
        msg_id="msg_1",
        timestamp=int(timezone.now().timestamp()),
        body=b"{}",
    )

    client.post(
        inbox_path(inbox_url(inbox)), b"{}", content_type="application/json", headers=headers
    )

    received = inbox.requests.get()
    assert received.signature_verified is False
    assert received.signature_note == "invalid: no signature matches the secrets of 'CRM lead'"


def test_a_request_without_a_signature_is_recorded_unchecked(client: Client) -> None:
    inbox = inbox_create(name="Anything")

    client.post(inbox_path(inbox_url(inbox)), "plain text", content_type="text/plain")

    received = inbox.requests.get()
    assert received.body == "plain text"
    assert received.signature_verified is None
    assert received.signature_note == "not checked: no webhook-signature header"


def test_an_unknown_token_is_404(client: Client) -> None:
    inbox_create(name="Real")

    response = client.post(
        "/inbox/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/", b"{}", content_type="application/json"
    )

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert InboxRequest.objects.count() == 0


def test_a_body_over_the_limit_is_refused(client: Client, settings) -> None:
    settings.INBOX_MAX_BODY_BYTES = 100
    inbox = inbox_create(name="Small")

    too_big = client.post(inbox_path(inbox_url(inbox)), "x" * 101, content_type="text/plain")
    just_fits = client.post(inbox_path(inbox_url(inbox)), "x" * 100, content_type="text/plain")

    assert too_big.status_code == 413
    assert just_fits.status_code == 200
    assert inbox.requests.count() == 1


def test_only_the_latest_requests_are_kept(client: Client, settings) -> None:
    settings.INBOX_KEEP_REQUESTS = 3
    inbox = inbox_create(name="Busy")

    for number in range(5):
        client.post(inbox_path(inbox_url(inbox)), f"{number}", content_type="text/plain")

    assert list(inbox.requests.values_list("body", flat=True)) == ["4", "3", "2"]


def test_get_is_not_accepted(client: Client) -> None:
    inbox = inbox_create(name="Posts only")

    assert client.get(inbox_path(inbox_url(inbox))).status_code == 405


def test_only_this_site_s_exact_inbox_urls_are_inboxes(settings) -> None:
    settings.PUBLIC_BASE_URL = "https://postcall.example.com"
    token = "A" * 32

    assert inbox_token_in(f"https://postcall.example.com/inbox/{token}/") == token
    assert inbox_token_in(f"https://POSTCALL.example.com:443/inbox/{token}/") == token
    for other in (
        f"http://postcall.example.com/inbox/{token}/",
        f"https://postcall.example.com:8443/inbox/{token}/",
        f"https://evil.example.com/inbox/{token}/",
        f"https://postcall.example.com/inbox/{token}/x/",
        f"https://postcall.example.com/inbox/{token}/?next=/admin/",
        f"https://user:pw@postcall.example.com/inbox/{token}/",
        "https://postcall.example.com/inbox/short/",
        "https://postcall.example.com/admin/",
    ):
        assert inbox_token_in(other) is None, other


def test_the_guard_still_refuses_this_host_on_other_paths(seed_agent: Agent, settings) -> None:
    settings.OUTBOUND_ALLOWED_NETWORKS = []
    inbox = inbox_create(name="CRM")
    action = crm_hook(seed_agent, inbox_url(inbox))
    with pytest.raises(ConfigInvalid, match="is a loopback address"):
        crm_hook(seed_agent, "http://127.0.0.1:8000/admin/")
    # Stored by hand, as if the save had let it through: delivery checks again.
    Action.objects.filter(pk=action.pk).update(config={"url": "http://127.0.0.1:8000/admin/"})
    action.refresh_from_db()

    delivery = WebhookKind.registered().test_send(action)

    assert delivery.status == "failed"
    assert delivery.attempts.get().error == (
        "refused: 127.0.0.1 resolves to 127.0.0.1 is a loopback address"
    )
    assert InboxRequest.objects.count() == 0


def test_other_loopback_and_metadata_urls_stay_refused(seed_agent: Agent, settings) -> None:
    settings.OUTBOUND_ALLOWED_NETWORKS = []
    for url in (
        "http://localhost:8000/inbox/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/",
        "http://127.0.0.1:8001/inbox/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/",
        "http://10.0.0.5/hooks",
        "http://169.254.169.254/latest/meta-data/",
    ):
        with pytest.raises(ConfigInvalid, match="refused"):
            crm_hook(seed_agent, url)


def test_an_inbox_url_on_the_address_the_site_is_served_at_is_this_site_s(settings) -> None:
    # As with `PORT=8123 bin/dev`, PUBLIC_BASE_URL left at its default.
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    inbox = inbox_create(name="CRM")

    assert inbox_token_in(f"http://127.0.0.1:8123/inbox/{inbox.token}/") == inbox.token
    assert inbox_token_in(f"http://localhost:8123/inbox/{inbox.token}/") == inbox.token
    for other in (
        f"http://127.0.0.1:8123/inbox/{'B' * 32}/",
        f"http://10.0.0.5:8123/inbox/{inbox.token}/",
        f"ftp://127.0.0.1:8123/inbox/{inbox.token}/",
        f"http://127.0.0.1:8123/other/inbox/{inbox.token}/",
    ):
        assert inbox_token_in(other) is None, other
