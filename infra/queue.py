"""Queueing django-q2 tasks through one broker per process.

`async_task` without a broker builds a new one for every task: with Redis that is a new
connection pool, so a new TCP connection per task (~2 ms); with the ORM broker a new
broker object and its set-up (~1 ms of CPU). The broker is thread-safe (Redis' pool, or
Django's per-thread connections), and a Redis pool notices a fork and reconnects.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django_q.brokers import Broker, get_broker
from django_q.tasks import async_task


@lru_cache(maxsize=1)
def broker() -> Broker:
    return get_broker()


def enqueue(func: str, *args: Any, **options: Any) -> str:
    """Queue the task `func` (a dotted path) with `args`; options as for `async_task`."""
    return async_task(func, *args, broker=broker(), **options)
