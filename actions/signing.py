"""Standard Webhooks v1 signatures.

`webhook-signature` is `v1,` + base64(HMAC-SHA256(key, f"{id}.{timestamp}." + body)),
keyed with the base64-decoded part of a `whsec_` secret; during a secret rotation one
signature per valid secret, separated by spaces.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from collections.abc import Sequence

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 24


def generate_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def new_message_id() -> str:
    return f"msg_{secrets.token_urlsafe(18)}"


def secret_key(secret: str) -> bytes:
    """The HMAC key inside a `whsec_` secret."""
    if not secret.startswith(SECRET_PREFIX):
        raise ValueError("secret must start with whsec_ followed by base64")
    try:
        key = base64.b64decode(secret.removeprefix(SECRET_PREFIX), validate=True)
    except binascii.Error as error:
        raise ValueError("secret must start with whsec_ followed by base64") from error
    if len(key) < 16:
        raise ValueError("secret is too short: use at least 16 random bytes")
    return key


def sign(*, secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signature_header(*, secrets: Sequence[str], msg_id: str, timestamp: int, body: bytes) -> str:
    """One signature per secret, so receivers holding either side of a rotation verify."""
    if not secrets:
        raise ValueError("at least one secret is needed to sign")
    return " ".join(
        sign(secret=secret, msg_id=msg_id, timestamp=timestamp, body=body) for secret in secrets
    )


def signed_headers(
    *, secrets: Sequence[str], msg_id: str, timestamp: int, body: bytes
) -> dict[str, str]:
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature_header(
            secrets=secrets, msg_id=msg_id, timestamp=timestamp, body=body
        ),
    }


def signature_matches(
    *, secrets: Sequence[str], msg_id: str, timestamp: int, body: bytes, header: str
) -> bool:
    """Whether any `v1,` signature in `header` was made with one of `secrets`."""
    given = [part for part in header.split() if part.startswith("v1,")]
    for secret in secrets:
        expected = sign(secret=secret, msg_id=msg_id, timestamp=timestamp, body=body)
        if any(hmac.compare_digest(expected, signature) for signature in given):
            return True
    return False
