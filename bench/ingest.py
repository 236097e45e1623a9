"""Benchmark 5: API ingest, `POST /api/v1/calls/` served by gunicorn and driven by wrk
(Debian's `wrk`), each request a new call. No task worker runs: the figure is the web
tier's, and each call's extraction waits in the broker."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from bench import fixtures
from bench.cpu import per_item, total_ms
from bench.report import Figure
from bench.stack import Processes

SCRIPT = Path(__file__).with_name("ingest.lua")
TARGETS = {"sqlite": 250, "postgres": 300}
GUNICORN_WORKERS, GUNICORN_THREADS, CONNECTIONS = 4, 4, 32


def run(processes: Processes, *, quick: bool) -> list[Figure]:
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is missing: apt-get install wrk")
    database = "postgres" if "DATABASE_URL" in processes.env else "sqlite"
    agent = fixtures.agent_with_webhook(slug="ingest", url="http://127.0.0.1:9/hooks")
    key = fixtures.api_key()
    api = processes.gunicorn(workers=GUNICORN_WORKERS, threads=GUNICORN_THREADS)
    seconds = 5 if quick else 20
    wrk = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout=10s", "-s", str(SCRIPT)]
    env = {**os.environ, "BENCH_API_KEY": key, "BENCH_AGENT": agent.slug}
    subprocess.run([*wrk[:3], "-d2s", *wrk[4:], api], env=env, capture_output=True, check=True)
    cpu = processes.cpu()
    output = subprocess.run([*wrk, api], env=env, capture_output=True, text=True, check=True)
    spent = cpu.stop()
    line = next(row for row in output.stdout.splitlines() if row.startswith("BENCH-WRK "))
    requests, bad_status, socket_errors, timeouts, micros, p50, p99 = line.split()[1:]
    rate = int(requests) / (int(micros) / 1e6)
    errors = int(bad_status) + int(socket_errors) + int(timeouts)
    target = TARGETS[database]
    return [
        Figure(
            "5 API ingest",
            f"{rate:.0f} req/s, {errors} errors",
            f"≥ {target} req/s, no error",
            rate >= target and errors == 0,
            f"wrk {CONNECTIONS} connections for {seconds} s; gunicorn {GUNICORN_WORKERS} "
            f"workers x {GUNICORN_THREADS} threads; latency p50 {float(p50):.0f} ms, "
            f"p99 {float(p99):.0f} ms",
        ),
        Figure(
            "5 CPU per request",
            f"{total_ms(spent, int(requests)):.1f} ms",
            "",
            None,
            f"CPU of the web workers and the database a request, by part: "
            f"{per_item(spent, int(requests))}",
        ),
    ]
