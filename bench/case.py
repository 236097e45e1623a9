"""Run one benchmark on one database in this process, and print its figures as JSON.

    .venv/bin/python -m bench.case NAME sqlite|postgres [--quick]

`bench/run` starts one of these per benchmark and database, so that every benchmark gets
a fresh database and Django settings read for it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Callable

from bench.report import Figure
from bench.stack import Processes, base_environment, fresh_database, new_var_dir

RESULT_PREFIX = "BENCH-RESULT "


def cases() -> dict[str, Callable[[Processes, argparse.Namespace], list[Figure]]]:
    from bench import admin_pages, deliveries, ingest, pipeline, platform_ingest, scheduler

    return {
        "overhead": lambda p, o: pipeline.overhead(p, quick=o.quick, poll=o.poll),
        "throughput": lambda p, o: pipeline.throughput(
            p, quick=o.quick, workers=o.workers, poll=o.poll
        ),
        "slow_model": lambda p, o: pipeline.slow_model(
            p, quick=o.quick, workers=o.workers, poll=o.poll
        ),
        "followups": lambda p, o: scheduler.spread(
            p, rows=500 if o.quick else 10_000, seconds=30.0 if o.quick else 300.0
        ),
        "burst": lambda p, o: scheduler.burst(p, quick=o.quick),
        "deliveries": lambda p, o: deliveries.run(p, quick=o.quick, poll=o.poll),
        "ingest": lambda p, o: ingest.run(p, quick=o.quick),
        "platform_ingest": lambda p, o: platform_ingest.run(p, quick=o.quick),
        "admin": lambda p, o: admin_pages.run(p, quick=o.quick),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("name")
    parser.add_argument("database", choices=["sqlite", "postgres"])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--workers", type=int, default=32)
    parser.add_argument("--poll", type=float, default=0.02)
    parser.add_argument("--keep", action="store_true", help="keep the logs and SQLite file")
    options = parser.parse_args()
    var_dir = new_var_dir()
    if options.keep:
        print(f"logs and files of {options.name} on {options.database}: {var_dir}", file=sys.stderr)
    env = base_environment(options.database, var_dir)
    os.environ.clear()
    os.environ.update(env)
    fresh_database(env)
    import django

    django.setup()
    processes = Processes(env, var_dir)
    try:
        figures = cases()[options.name](processes, options)
    finally:
        processes.stop_all()
        if not options.keep:
            shutil.rmtree(var_dir, ignore_errors=True)
    print(RESULT_PREFIX + json.dumps([figure.as_dict() for figure in figures]), flush=True)


if __name__ == "__main__":
    sys.exit(main())
