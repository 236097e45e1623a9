"""Readiness: can this process do its work now? Each check answers ok or an error."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import redis
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_q.models import OrmQ

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


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "migrations": check_migrations,
    "broker": check_broker,
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
