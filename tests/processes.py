"""Real Postcall processes for tests: a django-q2 cluster and the scheduler, on the
test's own database and broker, each in its own process group so that a test can kill
one with SIGKILL as a machine that is lost would."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from django.db import connection

from bench.stack import children

ROOT = Path(__file__).resolve().parent.parent
PROCESS_SESSIONS = "postcall-test-process"


def database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    return (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def wait_for(predicate: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


class Processes:
    """Starts processes with one environment; stops whatever is still running at the end."""

    def __init__(self, *, cluster_name: str, log_dir: Path, **env: str) -> None:
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "postcall_site.settings",
            "DEBUG": "true",
            "DATABASE_URL": database_url(),
            "Q_CLUSTER_NAME": cluster_name,
            "Q_WORKERS": "1",
            "SCHEDULER_TICK_SECONDS": "0.5",
            "LOG_LEVEL": "WARNING",
            # libpq names the processes' PostgreSQL sessions, so that their end can be
            # told apart from the test process's own connections.
            "PGAPPNAME": PROCESS_SESSIONS,
            **env,
        }
        self.log_dir = log_dir
        self.started: list[subprocess.Popen] = []

    def manage(self, command: str) -> subprocess.Popen:
        return self.run(str(ROOT / "manage.py"), command)

    def run(self, *argv: str) -> subprocess.Popen:
        """Start `python argv…` from the repository root; its output goes to a log file."""
        log = (self.log_dir / f"process-{len(self.started)}.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, *argv],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        self.started.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
        # A killed process's PostgreSQL session ends a moment after it: wait, so that the
        # test database can be dropped at the end of the run.
        wait_for(lambda: process_sessions() == 0, 30)


def cluster_workers(cluster: subprocess.Popen) -> list[int]:
    """The worker processes of a running `qcluster`: the children of its sentinel."""
    return [worker for sentinel in children(cluster.pid) for worker in children(sentinel)]


def started_workers(
    cluster: subprocess.Popen, count: int, *, besides: Iterable[int] = ()
) -> list[int]:
    """Wait until the cluster runs `count` workers, none of them in `besides`; return them."""
    old = set(besides)

    def ready() -> bool:
        workers = cluster_workers(cluster)
        return len(workers) == count and not old & set(workers)

    assert wait_for(ready, 60), f"the cluster did not start {count} new workers"
    return cluster_workers(cluster)


def signal_all(pids: Iterable[int], signum: int) -> None:
    for pid in pids:
        os.kill(pid, signum)


def process_sessions() -> int:
    """How many PostgreSQL sessions of the started processes are still open."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND application_name = %s",
            [PROCESS_SESSIONS],
        )
        return cursor.fetchone()[0]
