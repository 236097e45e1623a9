"""How long does a /metrics scrape take on a large database?

Fills a database with calls, extraction runs, webhook deliveries and follow-ups in the
proportions of a busy month (100,000 calls by default), then times scrapes of /metrics
through Django's full request stack. Uses DATABASE_URL when set (it must name a database
you can empty: the bench deletes every call, delivery and follow-up in it), else a fresh
SQLite file.

    .venv/bin/python bench/metrics_scrape.py [--calls 100000] [--scrapes 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BATCH = 5000


def setup_django(var_dir: str) -> None:
    os.environ.update({"POSTCALL_VAR_DIR": var_dir, "LOG_LEVEL": "WARNING", "SECRET_KEY": "b"})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "postcall_site.settings")
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=os.environ, check=True)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def in_batches(model: type, rows: list) -> list:
    created = []
    for start in range(0, len(rows), BATCH):
        created += model.objects.bulk_create(rows[start : start + BATCH])
    return created


def fill(calls: int) -> None:
    from django.utils import timezone

    from actions.models import Action, FollowUp, WebhookDelivery
    from agents.models import Agent
    from calls.models import Call, ExtractionRun

    Call.objects.all().delete()
    FollowUp.objects.all().delete()
    WebhookDelivery.objects.all().delete()
    agent, _ = Agent.objects.get_or_create(slug="bench-metrics", defaults={"name": "Bench"})
    action, _ = Action.objects.get_or_create(
        agent=agent, name="CRM", defaults={"type": "webhook", "config": {"url": "https://x.test"}}
    )
    now = timezone.now()
    call_rows = [
        Call(
            agent=agent,
            external_id=f"bench-{n}",
            started_at=now - timedelta(minutes=n),
            timezone="UTC",
            status="analyzed" if n % 20 else "failed",
        )
        for n in range(calls)
    ]
    created = in_batches(Call, call_rows)
    reasons = ["gave up after 3 attempts: the model did not answer in time", "internal error: x"]
    in_batches(
        ExtractionRun,
        [
            ExtractionRun(
                call=call,
                backend="offline",
                status="succeeded" if n % 20 else "failed",
                failure_reason="" if n % 20 else reasons[n % 2],
            )
            for n, call in enumerate(created)
        ],
    )
    in_batches(
        WebhookDelivery,
        [
            WebhookDelivery(
                action=action,
                call=call,
                event_type="call.analyzed",
                message_id=f"msg_bench_{n}",
                url="https://x.test",
                body="{}",
                status="succeeded" if n % 50 else "failed",
            )
            for n, call in enumerate(created[: calls // 2])
        ],
    )
    follow_ups = calls // 5
    in_batches(
        FollowUp,
        [
            FollowUp(
                agent=agent,
                to_number=f"+1415{n:07d}",
                from_number="+14155550000",
                due_at=now - timedelta(minutes=n),
                fired_at=now - timedelta(minutes=n) + timedelta(seconds=n % 7),
                status="done",
            )
            for n in range(follow_ups)
        ],
    )


def vacuum() -> None:
    """Do what autovacuum does soon after a bulk load: statistics and the visibility map
    that lets PostgreSQL count from an index alone."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def time_scrapes(scrapes: int) -> list[float]:
    from django.test import Client

    client = Client()
    client.get("/metrics")  # connection and imports
    durations = []
    for _ in range(scrapes):
        started = time.perf_counter()
        response = client.get("/metrics")
        durations.append(time.perf_counter() - started)
        assert response.status_code == 200
    return durations


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--scrapes", type=int, default=20)
    options = parser.parse_args()
    setup_django(tempfile.mkdtemp(prefix="postcall-bench-"))
    from django.db import connection

    started = time.perf_counter()
    fill(options.calls)
    vacuum()
    print(f"filled {options.calls} calls in {time.perf_counter() - started:.1f} s")
    durations = sorted(time_scrapes(options.scrapes))
    print(
        f"scrape of /metrics ({connection.vendor}, {options.scrapes} scrapes): "
        f"median {statistics.median(durations) * 1000:.0f} ms, max {durations[-1] * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
