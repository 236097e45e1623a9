"""API keys: `pc_<prefix>_<secret>`; the prefix finds the row, a hash checks the secret."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Collection
from datetime import timedelta

from django.utils import timezone

from agents.models import ApiKey, ApiScope

LAST_USED_RESOLUTION = timedelta(minutes=1)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_key_create(*, name: str, scopes: Collection[str]) -> tuple[ApiKey, str]:
    """Create a key; return it with the full key text, which is never shown again."""
    unknown = set(scopes) - set(ApiScope.values)
    if unknown or not scopes:
        raise ValueError(f"scopes must be some of {', '.join(ApiScope.values)}")
    prefix, secret = secrets.token_hex(4), secrets.token_urlsafe(24)
    key = ApiKey.objects.create(
        name=name, prefix=prefix, key_hash=_hash(secret), scopes=sorted(scopes)
    )
    return key, f"pc_{prefix}_{secret}"


def api_key_authenticate(text: str) -> ApiKey | None:
    """The live key that `text` is, or None."""
    parts = text.split("_", 2)
    if len(parts) != 3 or parts[0] != "pc":
        return None
    key = ApiKey.objects.filter(prefix=parts[1], revoked_at__isnull=True).first()
    if key is None or not hmac.compare_digest(key.key_hash, _hash(parts[2])):
        return None
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
        # Written at most once a minute, so busy integrations do not write on every request.
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key


def api_key_revoke(*, key: ApiKey) -> bool:
    """Revoke a key now; False when it was revoked already."""
    revoked = ApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True)
    return bool(revoked.update(revoked_at=timezone.now()))
