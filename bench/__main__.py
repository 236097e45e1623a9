"""bench/run: every benchmark on SQLite with the ORM broker and on PostgreSQL with Redis,
one fresh database and one set of processes each, then one table of the figures.

    bench/run [--quick] [--only N ...] [--db sqlite|postgres|both]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.case import RESULT_PREFIX
from bench.report import table, verdict

CASES = {
    "1": ["overhead"],
    "2": ["throughput", "slow_model"],
    "3": ["followups", "burst"],
    "4": ["deliveries"],
    "5": ["ingest"],
    "6": ["admin"],
    "7": ["platform_ingest"],
}


def load() -> float:
    return os.getloadavg()[0]


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    cpu = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")),
        platform.processor(),
    )
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} CPUs ({cpu}); "
        f"Python {platform.python_version()}; {platform.platform()}"
    )


def run_case(name: str, database: str, extra: list[str]) -> list[dict[str, str]]:
    before = load()
    command = [sys.executable, "-m", "bench.case", name, database, *extra]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        output, _ = process.communicate()
    except KeyboardInterrupt:
        # The case got the same Ctrl-C and is stopping its processes: let it finish.
        process.wait(timeout=60)
        raise
    loads = f"{before:.1f} → {load():.1f}"
    lines = [line for line in output.splitlines() if line.startswith(RESULT_PREFIX)]
    if process.returncode != 0 or not lines:
        return [
            {
                "benchmark": name,
                "database": database,
                "result": "error",
                "load": loads,
                "note": f"exit code {process.returncode}; see the output above",
            }
        ]
    figures = json.loads(lines[-1].removeprefix(RESULT_PREFIX))
    return [
        {**figure, "database": database, "result": verdict(figure["met"]), "load": loads}
        for figure in figures
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, to try the harness")
    parser.add_argument("--only", action="append", choices=sorted(CASES), help="repeatable")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--workers", type=int, help="task workers for benchmark 2 (32)")
    parser.add_argument("--poll", type=float, help="ORM broker poll interval, s (0.02)")
    parser.add_argument("--keep", action="store_true", help="keep each case's logs and files")
    options = parser.parse_args()
    extra = ["--quick"] if options.quick else []
    extra += ["--workers", str(options.workers)] if options.workers else []
    extra += ["--poll", str(options.poll)] if options.poll is not None else []
    extra += ["--keep"] if options.keep else []
    databases = ["sqlite", "postgres"] if options.db == "both" else [options.db]
    names = [name for key in options.only or sorted(CASES) for name in CASES[key]]
    started = time.time()
    rows = []
    for database in databases:
        for name in names:
            print(f"== {name} on {database}", file=sys.stderr, flush=True)
            case_rows = run_case(name, database, extra)
            for row in case_rows:
                figure = row.get("figure", "")
                print(f"   {figure} {row['result']} ({row['note']})", file=sys.stderr)
            rows += case_rows
    print(f"\n{machine()}; {time.time() - started:.0f} s in all")
    print(f"bench/run {' '.join(sys.argv[1:])}".rstrip())
    print(table(rows))


if __name__ == "__main__":
    main()
