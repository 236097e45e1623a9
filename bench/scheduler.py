"""Benchmark 3: two `run_scheduler` processes together fire follow-ups: spread over
minutes through the `http` dialer (each once, how late), then a burst due at the same
moment through the `queue` dialer (how long until every row is handed over)."""

from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta

from bench.report import Figure
from bench.servers import DialerServer
from bench.stack import Processes
from bench.stats import median, percentile

WORKERS = 8


def book(*, rows: int, start_in: float, spread: float, prefix: str) -> dict[int, float]:
    """Book rows due from `start_in` seconds from now, evenly over `spread` seconds."""
    from django.utils import timezone

    from actions.models import FollowUp
    from agents.models import Agent

    agent, _ = Agent.objects.get_or_create(slug="bench-followups", defaults={"name": "Bench"})
    start = timezone.now() + timedelta(seconds=start_in)
    created = FollowUp.objects.bulk_create(
        (
            FollowUp(
                agent=agent,
                to_number=f"+1{prefix}{n:07d}",
                from_number="+14155550000",
                due_at=start + timedelta(seconds=spread * n / rows),
            )
            for n in range(rows)
        ),
        batch_size=1000,
    )
    return {row.pk: row.due_at.timestamp() for row in created}


def dialled(dialer: DialerServer) -> Counter[int]:
    """How many times each follow-up reached the dialer."""
    return Counter(arrival.json()["follow_up_id"] for arrival in list(dialer.arrivals))


def start_deployment(processes: Processes, **env: str) -> None:
    processes.env.update(env)
    processes.qcluster(workers=WORKERS, poll=0.05)
    processes.scheduler()
    processes.scheduler()


def spread(processes: Processes, *, rows: int, seconds: float) -> list[Figure]:
    dialer = DialerServer().start()
    start_deployment(processes, FOLLOW_UP_DIALER="http", FOLLOW_UP_DIALER_URL=f"{dialer.url}/dial")
    due = book(rows=rows, start_in=5, spread=seconds, prefix="415")
    # Long enough for a row whose dial task died to be claimed again once its lease
    # (FOLLOW_UP_LEASE_SECONDS, 120 s) expires: it counts as late, not as lost.
    deadline = time.time() + 5 + seconds + 180
    while (
        time.time() < deadline and len({a.json()["follow_up_id"] for a in dialer.arrivals}) < rows
    ):
        time.sleep(0.5)
    time.sleep(3)  # a second dial of the same row would show up by now
    dials = dialled(dialer)
    first: dict[int, float] = {}
    for arrival in dialer.arrivals:
        first.setdefault(arrival.json()["follow_up_id"], arrival.at)
    lateness = [first[pk] - due[pk] for pk in due if pk in first]
    twice = sum(1 for count in dials.values() if count > 1)
    processes.stop_all()
    dialer.stop()
    once = len(lateness) == rows and twice == 0
    return [
        Figure(
            "3 follow-ups dialled exactly once",
            f"{sum(1 for pk in due if dials[pk] == 1)} / {rows}",
            f"{rows} / {rows}",
            once,
            f"{rows} due over {seconds:g} s; 2 schedulers, {WORKERS} workers, http dialer; "
            f"{twice} dialled twice",
        ),
        Figure(
            "3 follow-up lateness p99",
            f"{percentile(lateness, 99):.2f} s",
            "≤ 5 s",
            percentile(lateness, 99) <= 5 and once,
            f"median {median(lateness):.2f} s, max {max(lateness):.2f} s",
        ),
    ]


def burst(processes: Processes, *, quick: bool) -> list[Figure]:
    from actions.models import FollowUp, FollowUpStatus

    rows = 1_000 if quick else 10_000
    due = book(rows=rows, start_in=5, spread=0, prefix="416")
    due_at = next(iter(due.values()))
    start_deployment(processes, FOLLOW_UP_DIALER="queue")
    handed = FollowUp.objects.filter(pk__in=list(due), status=FollowUpStatus.DIALING)
    drained_at = None
    while time.time() < due_at + 300:
        if handed.exclude(dialer_reference="").count() == rows:
            drained_at = time.time()
            break
        time.sleep(0.25)
    attempts = Counter(FollowUp.objects.filter(pk__in=list(due)).values_list("attempts", flat=True))
    processes.stop_all()
    drained = drained_at - due_at if drained_at else None
    return [
        Figure(
            "3 burst drained (queue dialer)",
            f"{drained:.1f} s" if drained is not None else "not drained in 300 s",
            "≤ 60 s",
            drained is not None and drained <= 60 and set(attempts) == {1},
            f"{rows} due at once; 2 schedulers, {WORKERS} workers; attempts per row: "
            + ", ".join(f"{n}: {count}" for n, count in sorted(attempts.items())),
        )
    ]
