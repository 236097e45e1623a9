"""How long does an agent's dashboard take with 100,000 calls in its period?

Fills a fresh database with one agent's calls spread over the last 30 days (each with a
successful or failed extraction run), follow-ups and webhook deliveries, plus another
agent's calls as noise, then opens the dashboard with Django's test client for each
preset and prints the page time and the number of queries. Uses DATABASE_URL when set
(its tables are emptied first: point it at a database of its own), else a fresh SQLite
file.

    .venv/bin/python bench/dashboard_page.py [--calls 100000] [--repeat 5] [--reuse]

With --reuse (and DATABASE_URL) it measures the database an earlier run filled, so that a
change to the dashboard's queries can be timed again without the fill (minutes on
PostgreSQL).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BATCH = 5000
INTEREST = ["high", "medium", "low", "none", None]
REASONS = [
    "gave up after 3 attempts: the model did not answer within 60 s",
    "the model refused: content policy",
    "the answer was not valid JSON after a re-ask",
]
FOLLOW_UP_STATUSES = ["pending", "dialing", "done", "done", "failed", "canceled", "expired"]
DELIVERY_STATUSES = ["succeeded"] * 8 + ["failed", "pending"]


def set_up(*, reuse: bool) -> str | None:
    """Point Django at the database to fill; return the temporary folder it made, if any."""
    var_dir = None
    if "DATABASE_URL" not in os.environ:
        var_dir = tempfile.mkdtemp(prefix="postcall-dashboard-bench-")
        os.environ["POSTCALL_VAR_DIR"] = var_dir
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ["DEBUG"] = "false"
    # The test settings: production's, with static files found without a collectstatic.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "postcall_site.test_settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()
    call_command("migrate", verbosity=0)
    if not reuse:
        call_command("flush", interactive=False, verbosity=0)
    return var_dir


def in_batches(rows: list, model: type) -> list:
    created = []
    for start in range(0, len(rows), BATCH):
        created += model.objects.bulk_create(rows[start : start + BATCH])
    return created


def add_calls(agent, count: int, *, now) -> None:
    from django.db.models import OuterRef, Subquery

    from calls.models import Call, CallValue, ExtractionRun
    from calls.values import value_texts

    step = timedelta(days=30) / count
    calls = in_batches(
        [
            Call(
                agent=agent,
                external_id=f"{agent.slug}-{n}",
                started_at=now - step * (n + 1),
                timezone=agent.timezone,
                status="failed" if n % 20 == 0 else "analyzed",
            )
            for n in range(count)
        ],
        Call,
    )
    in_batches([run_for(call, n) for n, call in enumerate(calls)], ExtractionRun)
    latest = ExtractionRun.objects.filter(call=OuterRef("pk"), status="succeeded").values("pk")
    Call.objects.filter(agent=agent).update(latest_run=Subquery(latest[:1]))
    # What calls.values.replace_call_values keeps for each analysed call, in bulk.
    in_batches(
        [
            CallValue(call=call, agent=agent, started_at=call.started_at, field=name, value=text)
            for n, call in enumerate(calls)
            if n % 20
            for name, text in value_texts(run_for(call, n).values)
        ],
        CallValue,
    )


def run_for(call, n: int):
    from calls.models import ExtractionRun

    if n % 20 == 0:
        return ExtractionRun(
            call=call, status="failed", backend="offline", failure_reason=REASONS[n % 3]
        )
    values = {
        "customer_name": f"Customer {n}",
        "interest_level": INTEREST[n % 5],
        "follow_up_required": [True, False, None][n % 3],
        "follow_up_date": None,
        "callback_number": None,
    }
    return ExtractionRun(call=call, status="succeeded", backend="offline", values=values)


def add_actions_work(agent, webhook, count: int, *, now) -> None:
    from django.db.models import OuterRef, Subquery

    from actions.models import FollowUp, WebhookDelivery
    from calls.models import Call

    call_ids = list(Call.objects.filter(agent=agent).values_list("pk", flat=True))

    in_batches(
        [
            FollowUp(
                agent=agent,
                source_call_id=call_ids[n * 5],
                to_number=f"+1415{n:07d}",
                from_number="+14155550000",
                due_at=now + timedelta(days=1),
                status=FOLLOW_UP_STATUSES[n % 7],
            )
            for n in range(count // 5)
        ],
        FollowUp,
    )
    in_batches(
        [
            WebhookDelivery(
                action=webhook,
                call_id=call_ids[n],
                event_type="call.analyzed",
                message_id=f"msg_{n}",
                url="https://crm.example.com/hook",
                body="{}",
                status=DELIVERY_STATUSES[n % 10],
                attempt_count=0 if n % 10 == 9 else 1 + n % 3,
            )
            for n in range(count)
        ],
        WebhookDelivery,
    )
    # Booked and queued when their call was analysed, not all at once now.
    started = Call.objects.filter(pk=OuterRef("call_id")).values("started_at")
    WebhookDelivery.objects.update(created_at=Subquery(started))
    started = Call.objects.filter(pk=OuterRef("source_call_id")).values("started_at")
    FollowUp.objects.update(created_at=Subquery(started))


def fill(calls: int, *, then: Callable[[Any], None] | None = None):
    """Fill the database; `then(agent)` adds what another page counts before the planner's
    statistics are taken."""
    from django.db import connection
    from django.utils import timezone

    from agents.models import Action, Agent
    from agents.services import agent_import_json

    now = timezone.now()
    fields = (ROOT / "console" / "demo" / "seed_fields.json").read_text()
    agent = Agent.objects.create(name="Bench", slug="bench", timezone="Europe/Berlin")
    agent_import_json(agent=agent, fields_json=fields, actions_json="")
    webhook = Action.objects.create(
        agent=agent, name="CRM", type="webhook", config={"url": "https://crm.example.com/hook"}
    )
    noise = Agent.objects.create(name="Noise", slug="noise", timezone="UTC")
    started = time.perf_counter()
    add_calls(agent, calls, now=now)
    add_calls(noise, calls // 5, now=now)
    add_actions_work(agent, webhook, calls, now=now)
    if then is not None:
        then(agent)
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load; without statistics the planner guesses.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"filled in {time.perf_counter() - started:.0f} s")
    return agent


def measure(agent, repeat: int) -> None:
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client = Client()
    bench_user = User.objects.filter(username="bench").first()
    client.force_login(
        bench_user or User.objects.create_superuser("bench", "bench@example.com", "pw")
    )
    url = reverse("admin:agents_agent_dashboard", args=[agent.pk])
    for period in ("24h", "7d", "30d"):
        client.get(url, {"period": period})
        timings = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url, {"period": period})
                timings.append(time.perf_counter() - started)
            assert response.status_code == 200
        print(
            f"{period:>4}: median {statistics.median(timings) * 1000:.0f} ms, "
            f"max {max(timings) * 1000:.0f} ms, {len(queries)} queries"
        )


def stored_agent():
    from agents.models import Agent

    return Agent.objects.get(slug="bench")


def run_bench(
    *,
    fill_for: Callable[[int], Any],
    stored: Callable[[], Any],
    measure_with: Callable[[Any, int], None],
) -> None:
    """A page benchmark's command line: fill a database (or reuse one), then measure."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Measure the DATABASE_URL an earlier run filled, without emptying or filling it.",
    )
    options = parser.parse_args()
    if options.reuse and "DATABASE_URL" not in os.environ:
        parser.error("--reuse needs DATABASE_URL: without it each run fills a new SQLite file")
    var_dir = set_up(reuse=options.reuse)
    try:
        filled = stored() if options.reuse else fill_for(options.calls)
        from django.db import connection

        print(f"database: {connection.vendor}; calls of the agent: {options.calls}")
        measure_with(filled, options.repeat)
    finally:
        if var_dir:
            shutil.rmtree(var_dir)


def main() -> None:
    run_bench(fill_for=fill, stored=stored_agent, measure_with=measure)


if __name__ == "__main__":
    main()
