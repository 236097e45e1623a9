"""Benchmark 7: platform deliveries, Retell's signed `call_analyzed` posted to
`/hooks/retell/<token>/` through gunicorn and driven by wrk, each request a new call.
As in benchmark 5 no task worker runs: the figure is the web tier's (signature check,
mapping, the call and the delivery stored, the analysis queued)."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

from bench import fixtures
from bench.cpu import per_item, total_ms
from bench.report import Figure
from bench.stack import Processes

TARGETS = {"sqlite": 250, "postgres": 300}
GUNICORN_WORKERS, GUNICORN_THREADS, CONNECTIONS = 4, 4, 32
API_KEY = "key_bench_retell_0123456789"
# Each wrk thread takes every n-th prepared delivery, so no two requests repeat a call
# while the file lasts; past its end a thread starts over (and Postcall answers duplicates).
SCRIPT = """
local threads, lines = 0, {}
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
  thread:set("thread_count", 2)
end
function init(args)
  local index = 0
  for line in io.lines(os.getenv("BENCH_DELIVERIES")) do
    if index % thread_count == thread_id - 1 then
      local tab = string.find(line, "\\t", 1, true)
      lines[#lines + 1] = {string.sub(line, 1, tab - 1), string.sub(line, tab + 1)}
    end
    index = index + 1
  end
end
local next_line = 0
request = function()
  next_line = next_line % #lines + 1
  local signature, body = lines[next_line][1], lines[next_line][2]
  local headers = {["Content-Type"] = "application/json", ["X-Retell-Signature"] = signature}
  return wrk.format("POST", os.getenv("BENCH_PATH"), headers, body)
end
done = function(summary, latency, requests)
  io.write(string.format("BENCH-WRK %d %d %d %d %d %.1f %.1f\\n", summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write,
    summary.errors.timeout, summary.duration, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000))
end
"""


def retell_delivery(call_id: str, now_ms: int) -> tuple[str, str]:
    """A signed `call_analyzed` of a short finished call, as Retell sends it."""
    start = now_ms - 300_000
    lines = [
        ("agent", "Hello, this is Ada. Who am I speaking with?", 0.4),
        ("user", "Hi, my name is Maria Gonzalez. Please call me back next Tuesday.", 3.9),
        ("agent", "Of course. Is this number the best one to reach you?", 9.2),
        ("user", "Yes, 415 555 0134.", 12.8),
    ]
    body = json.dumps(
        {
            "event": "call_analyzed",
            "call": {
                "call_type": "phone_call",
                "call_id": call_id,
                "agent_id": "agent_bench",
                "agent_version": 1,
                "call_status": "ended",
                "direction": "inbound",
                "from_number": "+14155550134",
                "to_number": "+14155550000",
                "start_timestamp": start,
                "end_timestamp": start + 180_000,
                "duration_ms": 180_000,
                "disconnection_reason": "user_hangup",
                "transcript_object": [
                    {"role": role, "content": text, "words": [{"word": "w", "start": at}]}
                    for role, text, at in lines
                ],
                "call_analysis": {
                    "call_summary": "A call back next Tuesday.",
                    "in_voicemail": False,
                },
            },
        },
        separators=(",", ":"),
    )
    stamp = str(now_ms)
    digest = hmac.new(API_KEY.encode(), (body + stamp).encode(), hashlib.sha256).hexdigest()
    return f"v={stamp},d={digest}", body


def write_deliveries(path: Path, prefix: str, count: int) -> None:
    now_ms = int(time.time() * 1000)
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            signature, body = retell_delivery(f"{prefix}-{number}", now_ms)
            out.write(f"{signature}\t{body}\n")


def run(processes: Processes, *, quick: bool) -> list[Figure]:
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is missing: apt-get install wrk")
    from connectors.services import connection_create

    database = "postgres" if "DATABASE_URL" in processes.env else "sqlite"
    agent = fixtures.agent_with_webhook(slug="platform-ingest", url="http://127.0.0.1:9/hooks")
    connection = connection_create(agent=agent, platform="retell", secret=API_KEY)
    api = processes.gunicorn(workers=GUNICORN_WORKERS, threads=GUNICORN_THREADS)
    seconds = 5 if quick else 20
    script = processes.log_dir / "platform_ingest.lua"
    script.write_text(SCRIPT, encoding="utf-8")
    warm, measured = processes.log_dir / "warm.tsv", processes.log_dir / "measured.tsv"
    write_deliveries(warm, "warm", 2_000)
    write_deliveries(measured, "load", 4_000 if quick else 16_000)
    env = {**os.environ, "BENCH_PATH": f"/hooks/retell/{connection.token}/"}
    wrk = ["wrk", "-t2", f"-c{CONNECTIONS}", "--timeout=10s", "-s", str(script), api]
    subprocess.run(
        [*wrk[:3], "-d2s", *wrk[3:]],
        env={**env, "BENCH_DELIVERIES": str(warm)},
        capture_output=True,
        check=True,
    )
    cpu = processes.cpu()
    output = subprocess.run(
        [*wrk[:3], f"-d{seconds}s", *wrk[3:]],
        env={**env, "BENCH_DELIVERIES": str(measured)},
        capture_output=True,
        text=True,
        check=True,
    )
    spent = cpu.stop()
    line = next(row for row in output.stdout.splitlines() if row.startswith("BENCH-WRK "))
    requests, bad_status, socket_errors, timeouts, micros, p50, p99 = line.split()[1:]
    rate = int(requests) / (int(micros) / 1e6)
    errors = int(bad_status) + int(socket_errors) + int(timeouts)
    target = TARGETS[database]
    return [
        Figure(
            "7 platform ingest",
            f"{rate:.0f} req/s, {errors} errors",
            f"≥ {target} req/s, p99 < 250 ms, no error",
            rate >= target and errors == 0 and float(p99) < 250,
            f"Retell call_analyzed, signed; wrk {CONNECTIONS} connections for {seconds} s; "
            f"gunicorn {GUNICORN_WORKERS} workers x {GUNICORN_THREADS} threads; latency p50 "
            f"{float(p50):.0f} ms, p99 {float(p99):.0f} ms",
        ),
        Figure(
            "7 CPU per request",
            f"{total_ms(spent, int(requests)):.1f} ms",
            "",
            None,
            f"CPU of the web workers and the database a request, by part: "
            f"{per_item(spent, int(requests))}",
        ),
    ]
