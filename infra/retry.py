"""The one retry policy: how long to wait after a failed attempt, when to stop, and
which answers of a remote party are permanent.

Extraction runs, webhook deliveries, follow-up dials and the hand-offs between the apps
each have their own schedule (a setting or a constant), read by the same `RetryPolicy`.
Webhook receivers and dialers are judged by the same rule, `status_is_permanent`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from django.utils import timezone

# 4xx answers that say "not now" rather than "never": a timeout, a conflict with a
# request in flight, too early, too many requests.
TEMPORARY_CLIENT_STATUSES = frozenset({408, 409, 425, 429})
# Answers whose Retry-After header is honoured.
RETRY_AFTER_STATUSES = frozenset({429, 503})
MAX_RETRY_AFTER_SECONDS = 24 * 3600


def status_is_permanent(status: int) -> bool:
    """Whether an HTTP answer means the same request will never succeed.

    A 4xx other than 408, 409, 425 and 429 is permanent: the receiver understood the
    request and refused it (a bad number, a missing route, a refused key), so the same
    bytes get the same answer. Everything else that is not a 2xx is temporary: 5xx,
    those four 4xx, and redirects, which are never followed (the URL may be corrected).
    """
    return 400 <= status < 500 and status not in TEMPORARY_CLIENT_STATUSES


def retry_after_seconds(header: str) -> float | None:
    """The wait a `Retry-After` header asks for, in seconds or as an HTTP date; None when
    it says neither."""
    value = header.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max((moment - timezone.now()).total_seconds(), 0.0)


@dataclass(frozen=True)
class RetryPolicy:
    """`delays[n]` is the wait in seconds after attempt n + 1 fails.

    After `len(delays) + 1` failed attempts the work is given up, unless `keep_trying`:
    then the last delay repeats. `jitter` adds up to that fraction of each delay, so
    that many rows that failed together do not retry together.
    """

    delays: tuple[float, ...]
    jitter: float = 0.0
    keep_trying: bool = False

    @property
    def max_attempts(self) -> int:
        """Attempts made before giving up (`keep_trying` never gives up)."""
        return len(self.delays) + 1

    def delay_after(self, attempts: int, *, retry_after: float | None = None) -> float | None:
        """Seconds to wait after `attempts` failed attempts, or None to give up.

        A `retry_after` the remote party asked for (capped at a day) is waited at least.
        """
        if not self.delays or (attempts > len(self.delays) and not self.keep_trying):
            return None
        delay = self.delays[min(max(attempts, 1), len(self.delays)) - 1]
        if self.jitter:
            delay += random.uniform(0, delay * self.jitter)
        if retry_after is not None:
            delay = max(delay, min(retry_after, MAX_RETRY_AFTER_SECONDS))
        return delay
