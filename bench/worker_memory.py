"""How many django-q2 worker processes does one machine sustain for I/O-bound tasks?

For each worker count, starts `manage.py qcluster` with Q_WORKERS set, measures the
memory of the whole process tree (RSS, and PSS, which splits pages shared after fork
fairly between processes), then queues four tasks per worker that each wait
--task-seconds (standing in for a model answer) and times how long the cluster takes to
finish them and how much CPU it spent. Uses DATABASE_URL / REDIS_URL when set (they must
name a database and Redis db you can use), else a fresh SQLite file and the ORM broker.

    .venv/bin/python -m bench.worker_memory [--workers 8 16 32] [--task-seconds 2]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.memory import memory_kib

ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    """Every descendant of pid, read from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found, queue = [], [pid]
    while queue:
        for child in parents.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / TICKS


def wait_for_workers(pid: int, workers: int, timeout: float = 60) -> list[int]:
    # qcluster: the command, the sentinel, then a pusher, a monitor and the workers.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        tree = children(pid)
        if len(tree) >= workers + 3:
            time.sleep(2)
            return children(pid)
        time.sleep(0.5)
    raise RuntimeError(f"qcluster did not start {workers} workers in {timeout} s")


def model_call_standin(seconds: float) -> None:
    """Load what a real extraction task loads (the SDK, the engine), then wait as for a model."""
    import actions.tasks  # noqa: F401
    import calls.tasks  # noqa: F401

    time.sleep(seconds)


def run_tasks(count: int, seconds: float, group: str) -> float:
    from django_q.models import Task
    from django_q.tasks import async_task

    started = time.monotonic()
    for _ in range(count):
        async_task("bench.worker_memory.model_call_standin", seconds, group=group)
    while Task.objects.filter(group=group).count() < count:
        time.sleep(0.2)
    return time.monotonic() - started


def measure(workers: int, task_seconds: float, env: dict[str, str]) -> None:
    manage = [sys.executable, str(ROOT / "manage.py")]
    process = subprocess.Popen([*manage, "qcluster"], env={**env, "Q_WORKERS": str(workers)})
    try:
        tree = [process.pid, *wait_for_workers(process.pid, workers)]
        idle_pss = sum(memory_kib(pid)[1] for pid in tree)
        cpu_before = cpu_seconds(tree)
        tasks = workers * 4
        elapsed = run_tasks(tasks, task_seconds, group=f"bench-{workers}-{time.time()}")
        cpu = cpu_seconds(tree) - cpu_before
        # After the tasks: every worker has loaded what a real task loads.
        sizes = [memory_kib(pid) for pid in tree]
        rss, pss = sum(s[0] for s in sizes), sum(s[1] for s in sizes)
    finally:
        process.terminate()
        process.wait(timeout=60)
    ideal = 4 * task_seconds
    print(
        f"Q_WORKERS={workers:>3}: {len(tree)} processes, PSS idle {idle_pss / 1024:.0f} MiB, "
        f"after tasks {pss / 1024:.0f} MiB ({pss / 1024 / workers:.1f} MiB a worker), "
        f"RSS {rss / 1024:.0f} MiB; "
        f"{tasks} tasks of {task_seconds:g} s done in {elapsed:.1f} s (ideal {ideal:g} s), "
        f"cluster CPU {cpu:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, nargs="+", default=[8, 16, 32])
    parser.add_argument("--task-seconds", type=float, default=2.0)
    options = parser.parse_args()

    env = dict(os.environ)
    env.update(
        POSTCALL_VAR_DIR=tempfile.mkdtemp(prefix="postcall-bench-"),
        LOG_LEVEL="WARNING",
        SECRET_KEY="bench",
    )
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env, check=True)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "postcall_site.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django_q.brokers import get_broker

    get_broker().purge_queue()
    print(f"broker: {'Redis' if env.get('REDIS_URL') else 'ORM'}")
    for workers in options.workers:
        measure(workers, options.task_seconds, env)


if __name__ == "__main__":
    main()
