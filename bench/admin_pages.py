"""Benchmark 6: the admin's call list (plain, filtered, searched, with value columns) and a
call's AI Analysis page with many calls stored:
queries a page makes (the same at every size) and how long it takes, served in this
process by Django's test client; the time spent in SQL and the slowest query say where
the time goes."""

from __future__ import annotations

import time
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import Any

from bench import fixtures
from bench.report import Figure
from bench.stack import Processes
from bench.stats import median

BATCH = 5_000
REPEATS = 7


def seed_calls(agent: Any, *, start: int, count: int) -> None:
    """Store `count` analysed calls, each with a successful run, as the pipeline leaves them."""
    from calls.models import Call, CallStatus, ExtractionRun, RunStatus
    from calls.search import call_search_text

    names = [field["name"] for field in fixtures.FIELDS]
    snapshot = [asdict(field.spec()) for field in agent.fields.all()]
    base = datetime(2026, 1, 1, tzinfo=UTC)
    turns = transcript_turns(agent.slug, "admin")
    for offset in range(start, start + count, BATCH):
        numbers = range(offset, min(offset + BATCH, start + count))
        calls = Call.objects.bulk_create(
            Call(
                agent=agent,
                external_id=f"admin-{n}",
                from_number="+14155550134",
                to_number="+14155550000",
                started_at=base + timedelta(minutes=n),
                ended_at=base + timedelta(minutes=n, seconds=200),
                timezone="America/Los_Angeles",
                transcript=turns,
                status=CallStatus.ANALYZED,
            )
            for n in numbers
        )
        runs = ExtractionRun.objects.bulk_create(
            ExtractionRun(
                call=call,
                status=RunStatus.SUCCEEDED,
                config_snapshot=snapshot,
                backend="openai",
                model="bench-model",
                values={name: None for name in names} | {"customer_name": "Maria Gonzalez"},
                evidence={name: None for name in names},
            )
            for call in calls
        )
        for call, run in zip(calls, runs, strict=True):
            call.latest_run = run
            call.search_text = call_search_text(values=run.values, transcript=turns)
        Call.objects.bulk_update(calls, ["latest_run", "search_text"], batch_size=1000)


def transcript_turns(agent_slug: str, external_id: str) -> list[dict[str, str]]:
    lines = fixtures.call_body(agent_slug, external_id)["transcript"].split("\n")
    return [
        {"role": "agent" if line.startswith("Agent") else "user", "text": line.split(": ", 1)[1]}
        for line in lines
    ]


def measure(client: Any, url: str) -> tuple[float, int, float, str]:
    """Median time (ms), queries, SQL time (ms) and the slowest query of one page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    sql_ms = sum(float(query["time"]) for query in queries.captured_queries) * 1000
    slowest = max(queries.captured_queries, key=lambda query: float(query["time"]))
    slow = f"{float(slowest['time']) * 1000:.0f} ms: {slowest['sql'][:90]}"
    return median(timings), len(queries), sql_ms, slow


def run(processes: Processes, *, quick: bool) -> list[Figure]:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from actions.services import run_actions_decide
    from calls.models import Call

    small, large = (100, 5_000) if quick else (1_000, 100_000)
    # Pages render with the production static storage, which needs its manifest.
    call_command("collectstatic", "--noinput", verbosity=0)
    agent = fixtures.agent_with_webhook(slug="admin", url="http://127.0.0.1:9/hooks")
    user = get_user_model().objects.create_superuser("bench", "bench@example.com", "bench")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    seed_calls(agent, start=0, count=small)
    call = Call.objects.order_by("-started_at").first()
    run_actions_decide(run_id=call.latest_run_id)
    pages = {
        "call list": "/admin/calls/call/",
        "call list filtered by a value": f"/admin/calls/call/?agent__id__exact={agent.pk}"
        "&value__interest_level=high",
        # A name no call has: the search reads every call's text.
        "call list searched for a name": "/admin/calls/call/?q=nobody+by+this+name",
        "call list with two value columns": f"/admin/calls/call/?agent__id__exact={agent.pk}"
        "&columns=customer_name,interest_level",
        "call page": f"/admin/calls/call/{call.pk}/change/",
        "AI Analysis page": f"/admin/calls/call/{call.pk}/analysis/",
    }
    before = {name: measure(client, url) for name, url in pages.items()}
    seeded = time.time()
    seed_calls(agent, start=small, count=large - small)
    seeding = time.time() - seeded
    figures = []
    for name, url in pages.items():
        ms, queries, sql_ms, slowest = measure(client, url)
        small_queries = before[name][1]
        figures.append(
            Figure(
                f"6 admin {name}",
                f"{ms:.0f} ms, {queries} queries",
                "≤ 300 ms, queries constant",
                ms <= 300 and queries == small_queries,
                f"{large:,} calls (seeded in {seeding:.0f} s); at {small:,} calls "
                f"{before[name][0]:.0f} ms, {small_queries} queries; SQL {sql_ms:.0f} ms; "
                f"slowest {slowest}",
            )
        )
    return figures
