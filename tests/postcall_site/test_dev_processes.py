"""`bin/dev`'s processes (bin/lib/dev_processes.py, which it runs): "up" is said only
once the web server answers, and Ctrl-C or SIGTERM stops the web server, the task
cluster with every process it started, and the scheduler within a few seconds.

Real processes on the test's database, as `bin/dev` starts them.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.processes import Processes, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

GRACE_SECONDS = 5
LOGIN = "Ops login: ops / a-password"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


class Dev:
    def __init__(self, processes: Processes, log: Path, port: int) -> None:
        self.processes = processes
        self.log = log
        self.port = port
        self.supervisor = processes.run(
            "bin/lib/dev_processes.py", "--port", str(port), "--grace", str(GRACE_SECONDS),
            "--login", LOGIN,
        )  # fmt: skip

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def children(self) -> list[int]:
        return [int(pid) for pid in re.findall(r"started .+ \(pid (\d+)\)", self.output())]


@pytest.fixture
def dev(worker_id: str, tmp_path: Path) -> Iterator[Dev]:
    processes = Processes(
        cluster_name=f"dev-{worker_id}-{os.getpid()}", log_dir=tmp_path, LOG_LEVEL="INFO"
    )
    started = Dev(processes, tmp_path / "process-0.log", free_port())
    yield started
    for pgid in started.children():
        if group_alive(pgid):
            os.killpg(pgid, signal.SIGKILL)
    processes.stop_all()


def page_status(url: str) -> int:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_up_is_said_once_the_site_answers_and_a_signal_stops_every_process(
    dev: Dev, stop_signal: signal.Signals
) -> None:
    assert wait_for(lambda: "Postcall is up" in dev.output(), 120), dev.output()
    assert page_status(f"http://127.0.0.1:{dev.port}/") == 200
    output = dev.output()
    up = output.index("Postcall is up")
    assert output.index("waiting for the web server to answer") < up
    # The web server's own access line may reach the shared log after "up" is printed.
    assert wait_for(lambda: '"GET /healthz HTTP/1.1" 200' in dev.output(), 10)
    assert f"http://127.0.0.1:{dev.port}/admin/" in output[up:]
    assert LOGIN in output[up:]
    children = dev.children()
    assert len(children) == 3
    assert wait_for(lambda: "Q Cluster" in dev.output() and "running" in dev.output(), 60)

    os.kill(dev.supervisor.pid, stop_signal)

    assert wait_for(lambda: not any(group_alive(pgid) for pgid in children), GRACE_SECONDS + 3), (
        dev.output()
    )
    dev.supervisor.wait(timeout=5)
    assert dev.supervisor.returncode == 0
    assert "bin/dev: stopped" in dev.output()
    assert "killed" not in dev.output()
