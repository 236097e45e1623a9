"""Run the web server, the task workers and the scheduler together, as `bin/dev` does.

Says "up" only once the web server answers, and on Ctrl-C (SIGINT) or SIGTERM stops all
three within a few seconds. Each runs in its own process group, which is what a stop
is sent to, so that the processes a command started itself (the task cluster's sentinel,
workers, monitor and pusher) stop with it:

- SIGINT first, which each of them takes as "stop cleanly": runserver and the scheduler
  exit, and the task cluster asks its workers to finish;
- SIGKILL to whatever is left of a group after the grace period: the task cluster's clean
  stop waits for every worker's task in progress, up to the task timeout (minutes).

Started from a shell script's `&`, the commands would inherit an ignored SIGINT (a
non-interactive shell starts background jobs so), and runserver would not stop at all.

Standard library only: it runs before anything proves the virtualenv complete.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[2]
UP_TIMEOUT_SECONDS = 120


def say(line: str) -> None:
    sys.stdout.write(f"bin/dev: {line}\n")
    sys.stdout.flush()


class Stop(Exception):
    """Ctrl-C or SIGTERM arrived."""


def on_signal(signum: int, frame: FrameType | None) -> None:
    raise Stop(signal.Signals(signum).name)


def start(name: str, *command: str) -> tuple[str, subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), *command], cwd=ROOT, start_new_session=True
    )
    say(f"started {name} (pid {process.pid})")
    return name, process


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def first_exited(processes: list[tuple[str, subprocess.Popen[bytes]]]) -> str | None:
    for name, process in processes:
        if process.poll() is not None:
            return f"{name} exited with status {process.returncode}"
    return None


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop_all(processes: list[tuple[str, subprocess.Popen[bytes]]], grace: float) -> None:
    """SIGINT to every group, SIGKILL to what is left after `grace` seconds."""
    # No second Ctrl-C interrupts the stop half-way; the deadline bounds it anyway.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    names = ", ".join(name for name, _ in processes)
    say(f"stopping {names} (at most {grace:g} s)…")
    for _, process in processes:
        if group_alive(process.pid):
            os.killpg(process.pid, signal.SIGINT)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(group_alive(p.pid) for _, p in processes):
        for _, process in processes:
            process.poll()
        time.sleep(0.1)
    for name, process in processes:
        if group_alive(process.pid):
            say(f"{name} did not stop within {grace:g} s: killed")
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    say("stopped")


def up_message(port: int, logins: list[str]) -> str:
    base = f"http://127.0.0.1:{port}"
    lines = [
        f"Postcall is up: {base}/",
        f"  admin:    {base}/admin/",
        f"  API docs: {base}/api/docs/",
        f"  health:   {base}/healthz",
        *(f"  {login}" for login in logins),
        "Ctrl-C stops the web server, the task workers and the scheduler.",
    ]
    return "\n".join(lines)


def run(port: int, grace: float, logins: list[str]) -> int:
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    processes: list[tuple[str, subprocess.Popen[bytes]]] = []
    try:
        processes.append(start("the task workers (qcluster)", "qcluster"))
        processes.append(start("the scheduler", "run_scheduler"))
        processes.append(start("the web server", "runserver", f"127.0.0.1:{port}", "--noreload"))
        say(f"waiting for the web server to answer on port {port}…")
        deadline = time.monotonic() + UP_TIMEOUT_SECONDS
        while not answers(f"http://127.0.0.1:{port}/healthz"):
            exited = first_exited(processes)
            if exited or time.monotonic() > deadline:
                say(exited or f"the web server did not answer within {UP_TIMEOUT_SECONDS} s")
                return 1
            time.sleep(0.3)
        sys.stdout.write(up_message(port, logins) + "\n")
        sys.stdout.flush()
        while True:
            exited = first_exited(processes)
            if exited:
                say(exited)
                return 1
            time.sleep(0.5)
    except Stop as stop:
        say(f"got {stop}")
        return 0
    finally:
        stop_all(processes, grace)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--grace", type=float, default=5.0, help="Seconds to stop cleanly before SIGKILL."
    )
    parser.add_argument(
        "--login", action="append", default=[], help="A line to repeat in the 'up' message."
    )
    options = parser.parse_args()
    sys.exit(run(options.port, options.grace, options.login))


if __name__ == "__main__":
    main()
