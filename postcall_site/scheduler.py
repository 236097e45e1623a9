"""The scheduler loop: hands due work to the task workers within about a second:
follow-up calls, webhook attempts, extraction runs due again, and the hand-offs between
the apps (a run's actions to decide, a call's arrival to handle, a reviewed call's held
actions to decide) whose queue message
was lost or whose worker died.

django-q2's own scheduler looks only every ~30 s; this loop looks every
SCHEDULER_TICK_SECONDS. Every claim it makes is atomic, so any number of scheduler
processes, on any number of machines, may run at once.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections

from actions.services import deliveries_dispatch, followups_dispatch, review_releases_dispatch
from alerts.digests import digests_create, digests_dispatch
from alerts.sending import alert_messages_dispatch
from alerts.services import alerts_check_if_due
from calls.analysis import extraction_runs_dispatch
from calls.handoffs import call_arrivals_dispatch, run_actions_dispatch
from infra.logs import log_context

logger = logging.getLogger(__name__)

# Each dispatcher hands over at most 100 rows a call. A burst (thousands of follow-ups
# due at the same minute) is handed over within the tick, up to this many calls, instead
# of 100 rows a second; the cap keeps one kind from holding up the others for long.
MAX_BATCHES_PER_TICK = 20


def drain(dispatch: Callable[[], int]) -> int:
    """Call a dispatcher until it finds nothing more to hand over, or the cap is reached."""
    total = 0
    for _ in range(MAX_BATCHES_PER_TICK):
        handed = dispatch()
        total += handed
        if not handed:
            break
    return total


def tick() -> dict[str, int]:
    """Dispatch everything due now; return how many of each kind."""
    return {
        "follow_ups": drain(followups_dispatch),
        "webhook_deliveries": drain(deliveries_dispatch),
        "extraction_runs": drain(extraction_runs_dispatch),
        "run_actions": drain(run_actions_dispatch),
        "call_arrivals": drain(call_arrivals_dispatch),
        "review_releases": drain(review_releases_dispatch),
        "incidents": alerts_check_if_due(),
        "alert_messages": drain(alert_messages_dispatch),
        "digests": digests_create(),
        "digest_emails": drain(digests_dispatch),
    }


def run_forever(*, should_stop: Callable[[], bool]) -> None:
    ticks = itertools.count(1)
    while not should_stop():
        started = time.monotonic()
        close_old_connections()
        with log_context(scheduler_tick=next(ticks)):
            try:
                counts = tick()
            except Exception:
                # A database that is briefly away must not end the loop.
                logger.exception("scheduler tick failed")
            else:
                if any(counts.values()):
                    logger.info("dispatched %s", counts)
        time.sleep(max(0.0, settings.SCHEDULER_TICK_SECONDS - (time.monotonic() - started)))
