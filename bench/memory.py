"""Memory of processes, read from Linux's /proc: RSS, and PSS, which splits each page that
processes share (after a fork, or a library's) between them, so that the PSS of a set of
processes is the memory the machine spends on them."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


def memory_kib(pid: int) -> tuple[int, int]:
    """RSS and PSS of one process, in KiB."""
    rss = pss = 0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1])
        elif line.startswith("Pss:"):
            pss = int(line.split()[1])
    return rss, pss


@dataclass(frozen=True)
class Sample:
    """PSS in KiB by part, at a time."""

    at: float
    parts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.parts.values())

    def growth_mib(self, before: Sample) -> dict[str, float]:
        """MiB each part grew (or shrank) since `before`."""
        names = self.parts.keys() | before.parts.keys()
        return {
            name: (self.parts.get(name, 0) - before.parts.get(name, 0)) / 1024
            for name in sorted(names)
        }


def sample(processes: dict[int, str]) -> Sample:
    """The PSS of each part, from pid → part; a process gone meanwhile counts nothing."""
    parts: dict[str, int] = {}
    for pid, part in processes.items():
        try:
            pss = memory_kib(pid)[1]
        except OSError:
            continue
        parts[part] = parts.get(part, 0) + pss
    return Sample(time.time(), parts)


@dataclass
class PssSamples:
    """The PSS of `processes()` when started (`idle`), then every `interval` seconds until
    stopped (`samples`)."""

    processes: Callable[[], dict[int, str]]
    interval: float = 1.0
    idle: Sample = field(default_factory=lambda: Sample(0.0, {}))
    samples: list[Sample] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> PssSamples:
        self.idle = sample(self.processes())
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.samples.append(sample(self.processes()))

    def stop(self) -> PssSamples:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        return self

    def largest(self) -> Sample:
        return max(self.samples, key=lambda reading: reading.total, default=self.idle)
