"""How soon after its due time does a follow-up reach the dialer?

Books follow-ups due a few seconds from now, runs the standard deployment (task workers
plus schedulers, as separate processes) with the `http` dialer pointed at a local
receiver, and prints how late each call reached the dialer and whether any was dialled
twice. Uses DATABASE_URL / REDIS_URL when set, else a fresh SQLite file.

    .venv/bin/python bench/followup_latency.py [--rows 300] [--schedulers 2] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
arrivals: dict[int, list[float]] = {}
lock = threading.Lock()


class Dialer(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with lock:
            arrivals.setdefault(body["follow_up_id"], []).append(time.time())
        answer = json.dumps({"id": f"dial-{body['follow_up_id']}"}).encode()
        self.send_response(201)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: object) -> None:
        return


def environment(dialer_url: str, var_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DEBUG": "true",
            "POSTCALL_VAR_DIR": var_dir,
            "FOLLOW_UP_DIALER": "http",
            "FOLLOW_UP_DIALER_URL": dialer_url,
            "OUTBOUND_ALLOWED_NETWORKS": "127.0.0.1/32",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def book(rows: int, lead_seconds: float) -> dict[int, float]:
    from django.utils import timezone

    from actions.models import FollowUp
    from agents.models import Agent

    agent, _ = Agent.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    FollowUp.objects.filter(agent=agent).delete()
    start = timezone.now() + timedelta(seconds=lead_seconds)
    created = FollowUp.objects.bulk_create(
        FollowUp(
            agent=agent,
            to_number=f"+1415{n:07d}",
            from_number="+14155550000",
            # Spread over 10 seconds, as real bookings are.
            due_at=start + timedelta(seconds=10 * n / rows),
        )
        for n in range(rows)
    )
    return {row.pk: row.due_at.timestamp() for row in created}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=300)
    parser.add_argument("--schedulers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Dialer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    var_dir = tempfile.mkdtemp(prefix="postcall-bench-")
    env = environment(f"http://127.0.0.1:{server.server_address[1]}/calls", var_dir)
    env["Q_WORKERS"] = str(options.workers)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)

    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "postcall_site.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

    processes = [subprocess.Popen([*manage, "qcluster"], env=env)]
    processes += [
        subprocess.Popen([*manage, "run_scheduler"], env=env) for _ in range(options.schedulers)
    ]
    try:
        time.sleep(3)
        due = book(options.rows, lead_seconds=5)
        deadline = time.time() + 60
        while time.time() < deadline and len(arrivals) < len(due):
            time.sleep(0.5)
        time.sleep(2)  # let any duplicate show up
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        server.shutdown()

    delays = sorted(arrivals[pk][0] - due[pk] for pk in due if pk in arrivals)
    duplicates = sum(len(times) - 1 for times in arrivals.values())
    print(
        f"follow-ups booked: {len(due)}; reached the dialer: {len(delays)}; "
        f"dialled twice: {duplicates}"
    )
    if delays:
        quantiles = statistics.quantiles(delays, n=100)
        print(
            f"lateness after due time (s): p50 {quantiles[49]:.2f}, p95 {quantiles[94]:.2f}, "
            f"max {delays[-1]:.2f}"
        )
    print(
        f"database: {'DATABASE_URL' if 'DATABASE_URL' in env else 'SQLite'}; broker: "
        f"{'Redis' if env.get('REDIS_URL') else 'ORM'}; schedulers: {options.schedulers}; "
        f"workers: {options.workers}"
    )


if __name__ == "__main__":
    main()
