"""How long does the ops home page take with 100,000 calls?

Fills a fresh database as `bench/dashboard_page.py` does (one agent's 100,000 calls over
the last 30 days, one in twenty failed, 20,000 follow-ups, 100,000 webhook deliveries,
and another agent's 20,000 calls), then adds what the home page counts: a platform
delivery for every call of the agent (one in a hundred refused as not a finished call's
shape), a connection refusing signatures, 2,000 calls waiting for review and a failure
kind on each failed run. Opens `/admin/` as a superuser with Django's test client,
five times after one warm-up, and prints the median, the maximum and the queries. Uses
DATABASE_URL when set (its tables are emptied first: point it at a database of its own),
else a fresh SQLite file.

    .venv/bin/python -m bench.home_page [--calls 100000] [--repeat 5] [--reuse]
"""

from __future__ import annotations

import statistics
import time

from bench.dashboard_page import REASONS, in_batches, run_bench
from bench.dashboard_page import fill as dashboard_fill

REVIEWS = 2000
FAILURE_KINDS = ["retries_exhausted", "model_refused_request", "bad_answer"]


def add_platform_deliveries(agent) -> None:
    from connectors.models import Connection, Delivery
    from connectors.services import connection_refusal_count

    connection = Connection.objects.create(agent=agent, platform="retell")
    calls = agent.calls.values_list("pk", "started_at")
    in_batches(
        [
            Delivery(
                connection=connection,
                event="call_analyzed",
                verdict="invalid" if n % 100 == 0 else "created",
                status_code=400 if n % 100 == 0 else 200,
                body=b"{}",
                call_id=None if n % 100 == 0 else pk,
            )
            for n, (pk, _) in enumerate(calls)
        ],
        Delivery,
    )
    from django.db.models import OuterRef, Subquery

    from calls.models import Call

    started = Call.objects.filter(pk=OuterRef("call_id")).values("started_at")
    Delivery.objects.filter(call__isnull=False).update(received_at=Subquery(started))
    refusing = Connection.objects.create(agent=agent, platform="vapi")
    connection_refusal_count(
        connection=refusing, reason="no signature matches", now=calls.first()[1]
    )


def add_reviews(agent) -> None:
    from actions.models import Review
    from calls.models import ExtractionRun

    runs = ExtractionRun.objects.filter(call__agent=agent, status="succeeded").values_list(
        "pk", "call_id"
    )[:REVIEWS]
    in_batches(
        [
            Review(call_id=call, extraction_run_id=run, reason_kinds=" ungrounded ")
            for run, call in runs
        ],
        Review,
    )


def add_failure_kinds() -> None:
    from calls.models import ExtractionRun

    for reason, kind in zip(REASONS, FAILURE_KINDS, strict=True):
        ExtractionRun.objects.filter(status="failed", failure_reason=reason).update(
            failure_kind=kind
        )


def add_home_work(agent) -> None:
    add_platform_deliveries(agent)
    add_reviews(agent)
    add_failure_kinds()


def fill(calls: int) -> None:
    dashboard_fill(calls, then=add_home_work)


def measure(repeat: int) -> None:
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    bench_user = User.objects.filter(username="bench").first()
    client.force_login(
        bench_user or User.objects.create_superuser("bench", "bench@example.com", "pw")
    )
    for url in ("/admin/", "/admin/home/lines/"):
        client.get(url)
        timings = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                timings.append(time.perf_counter() - started)
            assert response.status_code == 200
        slowest = max(queries.captured_queries, key=lambda query: float(query["time"]))
        print(
            f"{url}: median {statistics.median(timings) * 1000:.0f} ms, "
            f"max {max(timings) * 1000:.0f} ms, {len(queries)} queries; slowest query "
            f"{float(slowest['time']) * 1000:.0f} ms: {slowest['sql'][:90]}…"
        )


def main() -> None:
    run_bench(fill_for=fill, stored=lambda: None, measure_with=lambda _, repeat: measure(repeat))


if __name__ == "__main__":
    main()
