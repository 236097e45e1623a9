"""CPU seconds spent by the processes of the stack under test, read from Linux's /proc.

The stack is every process in the process groups the bench started (gunicorn, `qcluster`,
`run_scheduler` and whatever they spawn), the PostgreSQL backends connected to the bench
database, and the Redis server when the bench uses one. The bench's own process (the
load it sends, the model server and the webhook receiver) is not in it: those servers
count their own CPU (`bench/servers.py`).

The processes are read every `interval` seconds in a thread: a process that ends between
two readings takes at most that much of its CPU with it. A process is known by its pid
and start time, so a reused pid is a new process.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
GROUPS = ("web", "workers", "scheduler", "database", "broker")


@dataclass(frozen=True)
class Reading:
    """One process: its part of the stack, and its user + system CPU seconds so far."""

    part: str
    seconds: float


def _stat(pid: str) -> tuple[int, int, float] | None:
    """(process group, start time, CPU seconds) of `pid`, or None once it is gone."""
    try:
        text = (Path("/proc") / pid / "stat").read_text()
    except OSError:
        return None
    # The fields after the name, from 0: state, ppid, pgrp, ..., utime (11), stime (12),
    # ..., starttime (19).
    rest = text.rsplit(")", 1)[1].split()
    return int(rest[2]), int(rest[19]), (int(rest[11]) + int(rest[12])) / TICKS


def _cmdline(pid: str) -> str:
    try:
        return (Path("/proc") / pid / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@dataclass(frozen=True)
class Stack:
    """Which processes are the stack: those of the started process groups, the PostgreSQL
    backends connected to `database`, and the Redis server when `broker` is set."""

    groups: dict[int, str]
    database: str = ""
    broker: bool = False

    def _part_of(self, pid: str, group: int) -> str | None:
        if group in self.groups:
            return self.groups[group]
        command = _cmdline(pid)
        if self.database and command.startswith("postgres: ") and f" {self.database} " in command:
            return "database"
        if self.broker and command.startswith("redis-server"):
            return "broker"
        return None

    def processes(self) -> dict[tuple[str, int], Reading]:
        """(pid, start time) → part and CPU seconds, of every process of the stack now."""
        found = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            stat = _stat(entry.name)
            if stat is None:
                continue
            group, started, seconds = stat
            part = self._part_of(entry.name, group)
            if part is not None:
                found[(entry.name, started)] = Reading(part, seconds)
        return found

    def pids(self) -> dict[int, str]:
        """pid → part, of every process of the stack now."""
        return {int(pid): reading.part for (pid, _started), reading in self.processes().items()}


@dataclass
class StackCpu:
    """Reads the stack's CPU until stopped; `seconds()` is what each part spent since start."""

    stack: Stack
    interval: float = 0.2
    _first: dict[tuple[str, int], Reading] = field(default_factory=dict)
    _last: dict[tuple[str, int], Reading] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> StackCpu:
        self._first = self.stack.processes()
        self._last = dict(self._first)
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self._last.update(self.stack.processes())

    def stop(self) -> dict[str, float]:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self._last.update(self.stack.processes())
        return self.seconds()

    def seconds(self) -> dict[str, float]:
        spent = dict.fromkeys(GROUPS, 0.0)
        for key, reading in self._last.items():
            before = self._first.get(key)
            spent[reading.part] += reading.seconds - (before.seconds if before else 0.0)
        return spent


def per_item(spent: dict[str, float], items: int) -> str:
    """`12.3 ms (web 4.1, workers 6.0, ...)`: CPU milliseconds per item, in all and by part."""
    total = sum(spent.values()) / items * 1000
    parts = ", ".join(
        f"{part} {seconds / items * 1000:.1f}" for part, seconds in spent.items() if seconds
    )
    return f"{total:.1f} ms ({parts})"


def total_ms(spent: dict[str, float], items: int) -> float:
    return sum(spent.values()) / items * 1000


def group_parts(processes: Iterable[tuple[str, int]]) -> dict[int, str]:
    """Process group → part of the stack, from (name, leader pid) of started processes."""
    names = {"gunicorn": "web", "qcluster": "workers", "scheduler": "scheduler"}
    return {pid: names.get(name, name) for name, pid in processes}
