"""The deployment under test: a fresh database, and the processes that serve it
(`qcluster`, `run_scheduler`, gunicorn), each in its own process group so that every
process they spawn is stopped with them, on success, failure, Ctrl-C or SIGTERM."""

from __future__ import annotations

import atexit
import ctypes
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

import requests

from bench.cpu import Stack, StackCpu, group_parts
from bench.memory import PssSamples

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
POSTGRES_NAME = "postcall_bench"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
CLUSTER_NAME = "postcall-bench"
PR_SET_PDEATHSIG = 1


def children(pid: int) -> list[int]:
    """The living processes whose parent is `pid`, read from Linux's /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, parent = stat.read_text().rsplit(")", 1)[1].split()[:2]
        except OSError:
            continue
        if int(parent) == pid and state != "Z":
            found.append(int(stat.parent.name))
    return found


def base_environment(database: str, var_dir: str) -> dict[str, str]:
    """The settings every bench process shares; DATABASE_URL and REDIS_URL for PostgreSQL."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "OPENAI_API_KEY", "OPENAI_BASE_URL"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "postcall_site.settings",
            "DEBUG": "false",
            "SECRET_KEY": "bench-only-secret-key-bench-only-secret-key",
            "POSTCALL_VAR_DIR": var_dir,
            "LOG_LEVEL": "WARNING",
            "OUTBOUND_ALLOWED_NETWORKS": "127.0.0.1/32",
            "Q_CLUSTER_NAME": CLUSTER_NAME,
            "API_INGEST_RATE": "1000000/minute",
            "PYTHONUNBUFFERED": "1",
        }
    )
    if database == "postgres":
        env["DATABASE_URL"] = f"{POSTGRES_SERVER}/{POSTGRES_NAME}"
        env["REDIS_URL"] = REDIS_URL
    return env


def fresh_database(env: dict[str, str]) -> None:
    """Drop and create the bench database (or start a new SQLite file), then migrate."""
    if "DATABASE_URL" in env:
        server = ["-h", "127.0.0.1", "-U", "postgres"]
        subprocess.run(["dropdb", *server, "--if-exists", "--force", POSTGRES_NAME], check=True)
        subprocess.run(["createdb", *server, POSTGRES_NAME], check=True)
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    subprocess.run([*MANAGE, "migrate", "-v0"], env=env, check=True, cwd=ROOT)


def new_var_dir() -> str:
    return tempfile.mkdtemp(prefix="postcall-bench-")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _die_with_parent() -> None:
    # A bench killed with SIGKILL runs no clean-up: the kernel then sends SIGTERM.
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Processes:
    """Started processes, stopped together (process group by process group)."""

    def __init__(self, env: dict[str, str], log_dir: str) -> None:
        self.env = env
        self.log_dir = Path(log_dir)
        self.running: list[tuple[str, subprocess.Popen[bytes], IO[bytes]]] = []
        self.started = 0
        atexit.register(self.stop_all)
        signal.signal(signal.SIGTERM, _exit_on_signal)

    def start(self, name: str, argv: list[str], **env: str) -> subprocess.Popen[bytes]:
        self.started += 1
        log = (self.log_dir / f"{self.started:02d}-{name}.log").open("wb")
        process = subprocess.Popen(
            argv,
            env={**self.env, **env},
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        self.running.append((name, process, log))
        return process

    def qcluster(self, *, workers: int, poll: float = 0.5) -> None:
        self.start(
            "qcluster", [*MANAGE, "qcluster"], Q_WORKERS=str(workers), Q_ORM_POLL_SECONDS=str(poll)
        )

    def scheduler(self) -> None:
        self.start("scheduler", [*MANAGE, "run_scheduler"])

    def gunicorn(self, *, workers: int, threads: int) -> str:
        port = free_port()
        argv = [
            str(Path(sys.executable).parent / "gunicorn"),
            "postcall_site.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--worker-class=gthread",
            f"--threads={threads}",
            "--backlog=2048",
        ]
        self.start("gunicorn", argv)
        url = f"http://127.0.0.1:{port}"
        wait_until_serving(url)
        return url

    def stack(self) -> Stack:
        """The processes under test: those started, the bench database's backends, Redis."""
        database = self.env.get("DATABASE_URL", "").rsplit("/", 1)[-1]
        groups = group_parts((name, process.pid) for name, process, _log in self.running)
        return Stack(groups, database=database, broker="REDIS_URL" in self.env)

    def cpu(self) -> StackCpu:
        """A reading of the CPU every process of the stack spends from now on."""
        return StackCpu(self.stack()).start()

    def memory(self) -> PssSamples:
        """The PSS of every process of the stack now, then every second until stopped."""
        return PssSamples(self.stack().pids).start()

    def stop_all(self) -> None:
        # Only the leader: qcluster and gunicorn stop their own children, and a group
        # signal makes django-q2's sentinel and workers race and hang while stopping.
        for _name, process, _log in self.running:
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + 20
        for _name, process, log in self.running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
                process.wait()
            # Workers a stopped qcluster left behind share its process group.
            _signal_group(process, signal.SIGKILL)
            log.close()
        self.running.clear()


def _signal_group(process: subprocess.Popen[bytes], signum: int) -> None:
    try:
        os.killpg(process.pid, signum)
    except ProcessLookupError:
        return


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def wait_until_serving(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            requests.get(f"{url}/api/v1/", timeout=5)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError(f"the web server at {url} did not answer within {timeout:g} s")
