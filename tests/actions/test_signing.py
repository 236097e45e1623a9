"""Standard Webhooks v1 signatures, checked against the spec's vector and its package."""

from __future__ import annotations

import base64
import time
from datetime import UTC, datetime

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from actions.signing import (
    generate_secret,
    new_message_id,
    sign,
    signature_header,
    signed_headers,
)

VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def test_the_known_vector() -> None:
    signature = sign(
        secret=VECTOR_SECRET,
        msg_id="msg_p5jXN8AQM9LWM0D4loKWxJek",
        timestamp=1614265330,
        body=b'{"test": 2432232314}',
    )

    assert signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_signatures_match_the_standardwebhooks_package() -> None:
    secret, msg_id, timestamp = generate_secret(), new_message_id(), 1_760_000_000
    body = '{"customer_name": "Zoë"}'

    ours = sign(secret=secret, msg_id=msg_id, timestamp=timestamp, body=body.encode())

    assert ours == Webhook(secret).sign(msg_id, datetime.fromtimestamp(timestamp, UTC), body)


def test_a_fresh_secret_carries_24_to_32_random_bytes() -> None:
    secrets = {generate_secret() for _ in range(100)}

    assert len(secrets) == 100
    for secret in secrets:
        assert secret.startswith("whsec_")
        assert 24 <= len(base64.b64decode(secret.removeprefix("whsec_"))) <= 32


def headers_for(secrets: list[str], body: bytes) -> dict[str, str]:
    return signed_headers(
        secrets=secrets, msg_id=new_message_id(), timestamp=int(time.time()), body=body
    )


def test_a_fresh_secret_verifies_with_the_standardwebhooks_package() -> None:
    secret = generate_secret()
    body = '{"type": "call.analyzed", "data": {"name": "Müller"}}'.encode()

    payload = Webhook(secret).verify(body, headers_for([secret], body))

    assert payload["data"]["name"] == "Müller"


def test_during_rotation_both_secrets_verify() -> None:
    old, new = generate_secret(), generate_secret()
    body = b'{"type": "call.analyzed"}'
    headers = headers_for([new, old], body)

    assert len(headers["webhook-signature"].split(" ")) == 2
    Webhook(old).verify(body, headers)
    Webhook(new).verify(body, headers)


def test_the_signature_header_holds_one_signature_per_secret_in_order() -> None:
    old, new = generate_secret(), generate_secret()
    signed = {"msg_id": "msg_1", "timestamp": 1_760_000_000, "body": b"{}"}

    header = signature_header(secrets=[new, old], **signed)

    assert header == f"{sign(secret=new, **signed)} {sign(secret=old, **signed)}"


def test_signing_without_a_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one secret"):
        signature_header(secrets=[], msg_id="msg_1", timestamp=1, body=b"{}")


def test_a_body_changed_by_one_byte_fails() -> None:
    secret = generate_secret()
    body = b'{"interest_level": "high"}'
    headers = headers_for([secret], body)

    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(b'{"interest_level": "hig"}', headers)


@pytest.mark.parametrize(
    ("secret", "message"),
    [
        ("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "secret must start with whsec_ followed by base64"),
        ("whsec_not base64!", "secret must start with whsec_ followed by base64"),
        ("whsec_c2hvcnQ=", "secret is too short: use at least 16 random bytes"),
    ],
)
def test_a_bad_secret_is_refused_clearly(secret: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        sign(secret=secret, msg_id="msg_1", timestamp=1, body=b"{}")


def test_message_ids_are_unique() -> None:
    ids = {new_message_id() for _ in range(1000)}

    assert len(ids) == 1000
    assert all(message_id.startswith("msg_") for message_id in ids)
