"""Queueing django-q2 tasks through one broker per process.

`async_task` without a broker builds a new one for every task: with Redis that is a new
connection pool, so a new TCP connection per task (~2 ms); with the ORM broker a new
broker object and its set-up (~1 ms of CPU). The broker is thread-safe (Redis' pool, or
Django's per-thread connections), and a Redis pool notices a fork and reconnects.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from django_q.brokers import Broker, get_broker
from django_q.tasks import async_task
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def broker() -> Broker:
    return get_broker()


def enqueue(func: str, *args: Any, **options: Any) -> str:
    """Queue the task `func` (a dotted path) with `args`; options as for `async_task`."""
    return async_task(func, *args, broker=broker(), **options)


@contextmanager
def broker_outage_tolerated(what: str) -> Iterator[None]:
    """Queue work whose row carries a deadline: while Redis is away the message is
    dropped, logged, and the scheduler queues the work again at its deadline."""
    try:
        yield
    except RedisError as error:
        logger.warning("%s not queued, the broker is away: %r", what, error)


def enqueue_each(
    row_ids: Sequence[int],
    queue: Callable[[int], object],
    *,
    unqueued: Callable[[list[int]], object],
) -> None:
    """Queue each claimed row; when the broker fails, hand the rows not queued to
    `unqueued` (which makes them due again soon) before raising."""
    for index, row_id in enumerate(row_ids):
        try:
            queue(row_id)
        except Exception:
            unqueued(list(row_ids[index:]))
            raise
