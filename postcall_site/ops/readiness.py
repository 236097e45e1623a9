"""Readiness: can this process do its work now? Each check answers ok or an error."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import redis
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_q.brokers import get_broker
from django_q.models import OrmQ
from django_q.signing import SignedPackage

# A probe must answer within its own timeout (often 1-5 s): a broker that does not
# answer within this is as good as down.
BROKER_TIMEOUT_SECONDS = 2.0


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    error: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"ok": True} if self.ok else {"ok": False, "error": self.error}


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_migrations() -> None:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        names = [f"{migration.app_label}.{migration.name}" for migration, _ in plan]
        more = f" and {len(names) - 3} more" if len(names) > 3 else ""
        raise RuntimeError(f"{len(names)} unapplied migration(s): {', '.join(names[:3])}{more}")


def redis_client() -> redis.Redis:
    return redis.Redis.from_url(
        settings.REDIS_URL,
        socket_connect_timeout=BROKER_TIMEOUT_SECONDS,
        socket_timeout=BROKER_TIMEOUT_SECONDS,
    )


def check_broker() -> None:
    """Redis answers PING; with the ORM broker, its table answers in the database."""
    if settings.REDIS_URL:
        with redis_client() as client:
            client.ping()
        return
    OrmQ.objects.exists()


def oldest_task_queued_at() -> datetime | None:
    """When the task that has waited longest in the broker for a worker was queued."""
    list_key = get_broker().list_key
    if settings.REDIS_URL:
        with redis_client() as client:
            # Tasks are pushed on the right and taken from the left: the head is oldest.
            head = client.lindex(list_key, 0)
        return SignedPackage.loads(head).get("started") if head else None
    waiting = OrmQ.objects.filter(key=list_key, lock__lte=timezone.now())
    return waiting.order_by("lock").values_list("lock", flat=True).first()


def oldest_task_wait_seconds() -> float:
    queued_at = oldest_task_queued_at()
    return 0.0 if queued_at is None else (timezone.now() - queued_at).total_seconds()


def check_cluster() -> None:
    """A task has waited Q_STALL_SECONDS: no worker is taking tasks (stalled, stopped, or
    all busy for that long)."""
    waited = oldest_task_wait_seconds()
    if waited >= settings.Q_STALL_SECONDS:
        raise RuntimeError(
            f"the oldest task has waited {waited:.0f} s for a worker "
            f"(Q_STALL_SECONDS={settings.Q_STALL_SECONDS}): the task workers are not taking tasks"
        )


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "migrations": check_migrations,
    "broker": check_broker,
    "cluster": check_cluster,
}


def run_check(name: str, check: Callable[[], None]) -> CheckResult:
    try:
        check()
    except Exception as error:
        return CheckResult(name=name, ok=False, error=f"{type(error).__name__}: {error}")
    return CheckResult(name=name, ok=True)


def readiness_checks() -> list[CheckResult]:
    """Run every check; a failing one does not stop the others."""
    return [run_check(name, check) for name, check in CHECKS.items()]
