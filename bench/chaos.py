"""Chaos experiments: the production topology under bounded load, one fault injected
halfway, and what became of every call.

    .venv/bin/python -m bench.chaos [--calls 60] [--seconds 20] [--only kill_idle ...]

Each experiment gets a fresh database on a PostgreSQL server of the bench's own
(`CHAOS_POSTGRES`, default `postgres://postgres@127.0.0.1:5440`; the `postgres_restart`
fault restarts it with `pg_ctl` as the `postgres` user, so `CHAOS_PGDATA` must name its
data directory) and a `redis-server` it starts itself on `CHAOS_REDIS_PORT` (6390): the
faults stop and wipe only these. It runs gunicorn, `qcluster` with 4 workers and
`run_scheduler`, posts `--calls` calls over `--seconds` seconds to 127.0.0.1, injects the
fault halfway, and waits until every posted call is analysed, both of its actions (a
webhook and a follow-up, both unconditional) are decided, its webhook is answered 2xx
and its follow-up booked. It prints one Markdown row per fault.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests

from bench import fixtures
from bench.servers import LocalServer, ModelServer, _Server
from bench.stack import MANAGE, ROOT, Processes, base_environment, children, new_var_dir

POSTGRES_SERVER = os.environ.get("CHAOS_POSTGRES", "postgres://postgres@127.0.0.1:5440")
PGDATA = os.environ.get("CHAOS_PGDATA", "")
REDIS_PORT = int(os.environ.get("CHAOS_REDIS_PORT", "6390"))
DATABASE = "postcall_chaos"
WORKERS = 4
TASK_TIMEOUT = 30
MODEL_LATENCY = 0.5
SETTLE_LIMIT = 240.0
ACTIONS = [
    {"type": "webhook", "name": "Receiver", "config": {"url": "RECEIVER"}},
    {
        "type": "schedule_call",
        "name": "Follow-up",
        "config": {
            "use_field": "follow_up_date",
            "fallback_delay_minutes": 1440,
            "from_number": "+14155550000",
        },
    },
]


class Receiver(LocalServer):
    """A webhook receiver whose answer the faults change; it records what it answered."""

    def __init__(self) -> None:
        super().__init__()
        self.failing = False
        self.answered: list[tuple[str, str, int]] = []

    def answer(self, body: bytes) -> tuple[int, dict[str, Any]]:
        return (500, {}) if self.failing else (200, {})

    def record(self, arrival: Any) -> None:
        super().record(arrival)
        external_id = arrival.json()["data"]["call"]["external_id"]
        status = 500 if self.failing else 200
        with self._lock:
            self.answered.append((external_id, arrival.headers.get("webhook-id", ""), status))

    def refuse_for(self, seconds: float) -> None:
        """Close the listening socket, so that connections are refused, then listen again
        on the same port."""
        port = self._httpd.server_address[1]
        self.stop()
        time.sleep(seconds)
        self._httpd = _Server(("127.0.0.1", port), self._handler())
        self.start()


class RedisServer:
    """A redis-server of the bench's own, which the faults may wipe, stop and start."""

    def __init__(self, port: int, directory: str) -> None:
        self.port = port
        self.directory = directory
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        argv = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        argv += ["--appendonly", "no", "--dir", self.directory]
        self.process = subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not self.answers():
            time.sleep(0.1)

    def answers(self) -> bool:
        import redis

        try:
            return bool(redis.Redis(port=self.port, socket_timeout=1).ping())
        except redis.RedisError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def flush(self) -> None:
        import redis

        redis.Redis(port=self.port).flushdb()


@dataclass
class Experiment:
    processes: Processes
    api: str
    key: str
    redis: RedisServer
    model: ModelServer
    receiver: Receiver
    cluster: subprocess.Popen[bytes]
    scheduler: subprocess.Popen[bytes]
    posted: list[str] = field(default_factory=list)
    refused: Counter[int] = field(default_factory=Counter)
    paused: threading.Event = field(default_factory=threading.Event)


def kill_workers(experiment: Experiment) -> None:
    for sentinel in children(experiment.cluster.pid):
        for worker in children(sentinel):
            os.kill(worker, signal.SIGKILL)


def settled_so_far(experiment: Experiment) -> bool:
    return not outstanding(experiment.posted, experiment.receiver)


def fault_kill_idle(experiment: Experiment) -> None:
    """Posting paused until every call so far is done, so that every worker is idle."""
    experiment.paused.set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not settled_so_far(experiment):
        time.sleep(0.2)
    kill_workers(experiment)
    experiment.paused.clear()


def fault_kill_twice(experiment: Experiment) -> None:
    kill_workers(experiment)
    time.sleep(5)
    kill_workers(experiment)


def fault_task_timeout(experiment: Experiment) -> None:
    """The model answers after longer than Q_TASK_TIMEOUT for 2 s of requests."""
    experiment.model.latency = TASK_TIMEOUT + 10
    time.sleep(2)
    experiment.model.latency = MODEL_LATENCY


def fault_redis_restart(experiment: Experiment) -> None:
    experiment.redis.stop()
    time.sleep(10)
    experiment.redis.start()


def fault_postgres_restart(experiment: Experiment) -> None:
    pg_ctl = f"pg_ctl -D {PGDATA} -m fast -w"
    port = POSTGRES_SERVER.rsplit(":", 1)[1]
    subprocess.run(["su", "postgres", "-c", f"{pg_ctl} stop"], check=True, capture_output=True)
    time.sleep(15)
    start = f"{pg_ctl} -o '-p {port} -k /tmp' -l {PGDATA}/log start"
    subprocess.run(["su", "postgres", "-c", start], check=True, capture_output=True)


def fault_receiver_500(experiment: Experiment) -> None:
    experiment.receiver.failing = True
    time.sleep(10)
    experiment.receiver.failing = False


def fault_receiver_refuses(experiment: Experiment) -> None:
    experiment.receiver.refuse_for(10)


def fault_receiver_hangs(experiment: Experiment) -> None:
    """Each request in 5 s waits 60 s for its answer, past the webhook's timeout."""
    experiment.receiver.latency = 60
    time.sleep(5)
    experiment.receiver.latency = 0


def fault_scheduler_killed(experiment: Experiment) -> None:
    os.killpg(experiment.scheduler.pid, signal.SIGKILL)
    time.sleep(30)
    experiment.scheduler = experiment.processes.start("scheduler", [*MANAGE, "run_scheduler"])


FAULTS: dict[str, Callable[[Experiment], None]] = {
    "none": lambda experiment: None,
    "kill_idle": fault_kill_idle,
    "kill_busy": kill_workers,
    "kill_twice": fault_kill_twice,
    "task_timeout": fault_task_timeout,
    "redis_flushdb": lambda experiment: experiment.redis.flush(),
    "redis_restart": fault_redis_restart,
    "postgres_restart": fault_postgres_restart,
    "receiver_500": fault_receiver_500,
    "receiver_refuses": fault_receiver_refuses,
    "receiver_hangs": fault_receiver_hangs,
    "scheduler_killed": fault_scheduler_killed,
}


def post_calls(experiment: Experiment, *, calls: int, seconds: float, prefix: str) -> None:
    session = requests.Session()
    for index in range(calls):
        while experiment.paused.is_set():
            time.sleep(0.1)
        external_id = f"{prefix}-{index:04d}"
        # A number of its own: a call from a number cancels that number's pending follow-ups.
        body = {**fixtures.call_body("chaos", external_id), "from_number": f"+1415556{index:04d}"}
        try:
            response = session.post(
                f"{experiment.api}/api/v1/calls/",
                json=body,
                headers={"Authorization": f"Bearer {experiment.key}"},
                timeout=30,
            )
            status = response.status_code
        except requests.RequestException:
            status = 0
        if status == 201:
            experiment.posted.append(external_id)
        else:
            experiment.refused[status] += 1
        time.sleep(seconds / calls)


@dataclass
class Outcome:
    analysed: int = 0
    decisions_missing: int = 0
    decisions_doubled: int = 0
    webhooks_missing: int = 0
    webhooks_doubled: int = 0
    follow_ups_missing: int = 0
    follow_ups_doubled: int = 0

    def complete(self, posted: int) -> bool:
        missing = self.decisions_missing + self.webhooks_missing + self.follow_ups_missing
        return self.analysed == posted and not missing


def decision_counts(calls: Any) -> dict[tuple[int, int], int]:
    from django.db.models import Count

    from actions.models import ActionRun

    rows = (
        ActionRun.objects.filter(call__in=calls)
        .values("call_id", "action_id")
        .annotate(n=Count("*"))
        .values_list("call_id", "action_id", "n")
    )
    return {(call_id, action_id): n for call_id, action_id, n in rows}


def outcome(posted: list[str], receiver: Receiver) -> Outcome:
    from django.db import close_old_connections

    from actions.models import FollowUp
    from calls.models import Call, CallStatus

    close_old_connections()
    calls = Call.objects.filter(external_id__in=posted)
    ids = list(calls.values_list("pk", flat=True))
    decisions = decision_counts(calls)
    decided = Counter(call_id for call_id, _action_id in decisions)
    booked = Counter(
        FollowUp.objects.filter(source_call__in=calls).values_list("source_call_id", flat=True)
    )
    answered: dict[str, set[str]] = defaultdict(set)
    for external_id, webhook_id, status in list(receiver.answered):
        if status == 200:
            answered[external_id].add(webhook_id)
    unstored = len(posted) - len(ids)
    return Outcome(
        analysed=calls.filter(status=CallStatus.ANALYZED).count(),
        decisions_missing=sum(len(ACTIONS) - decided[pk] for pk in ids) + unstored * len(ACTIONS),
        decisions_doubled=sum(n - 1 for n in decisions.values()),
        webhooks_missing=sum(1 for external_id in posted if not answered[external_id]),
        webhooks_doubled=sum(1 for webhook_ids in answered.values() if len(webhook_ids) > 1),
        follow_ups_missing=sum(1 for pk in ids if not booked[pk]) + unstored,
        follow_ups_doubled=sum(1 for pk in ids if booked[pk] > 1),
    )


def outstanding(posted: list[str], receiver: Receiver) -> bool:
    return not outcome(posted, receiver).complete(len(posted))


def fresh_database(env: dict[str, str], redis: RedisServer) -> None:
    from django.db import connections

    connections.close_all()
    server = ["-h", "127.0.0.1", "-p", POSTGRES_SERVER.rsplit(":", 1)[1], "-U", "postgres"]
    subprocess.run(["dropdb", *server, "--if-exists", "--force", DATABASE], check=True)
    subprocess.run(["createdb", *server, DATABASE], check=True)
    redis.flush()
    subprocess.run([*MANAGE, "migrate", "-v0"], env=env, check=True, cwd=ROOT)


def deploy(processes: Processes, redis: RedisServer) -> Experiment:
    import json

    from agents.models import Agent
    from agents.services import agent_import_json

    model = ModelServer(latency=MODEL_LATENCY).start()
    receiver = Receiver()
    receiver.start()
    processes.env.update({"OPENAI_API_KEY": "chaos", "OPENAI_BASE_URL": model.base_url})
    agent = Agent.objects.create(name="Chaos", slug="chaos")
    actions = json.dumps(ACTIONS).replace("RECEIVER", f"{receiver.url}/hooks")
    agent_import_json(agent=agent, fields_json=json.dumps(fixtures.FIELDS), actions_json=actions)
    api = processes.gunicorn(workers=2, threads=4)
    cluster = processes.start("qcluster", [*MANAGE, "qcluster"], Q_WORKERS=str(WORKERS))
    scheduler = processes.start("scheduler", [*MANAGE, "run_scheduler"])
    return Experiment(
        processes, api, fixtures.api_key(), redis, model, receiver, cluster, scheduler
    )


def run(name: str, env: dict[str, str], redis: RedisServer, *, calls: int, seconds: float) -> str:
    fresh_database(env, redis)
    processes = Processes(env, new_var_dir())
    try:
        experiment = deploy(processes, redis)
        poster = threading.Thread(
            target=post_calls,
            args=(experiment,),
            kwargs={"calls": calls, "seconds": seconds, "prefix": name},
        )
        poster.start()
        time.sleep(seconds / 2)
        FAULTS[name](experiment)
        poster.join()
        # Both over: the last POST is sent and the fault undone (a restarted server).
        posted_at = time.monotonic()
        settle = None
        while time.monotonic() - posted_at < SETTLE_LIMIT:
            if not outstanding(experiment.posted, experiment.receiver):
                settle = time.monotonic() - posted_at
                break
            time.sleep(0.5)
        return row(name, experiment, outcome(experiment.posted, experiment.receiver), settle)
    finally:
        processes.stop_all()


def row(name: str, experiment: Experiment, result: Outcome, settle: float | None) -> str:
    refused = ", ".join(
        f"{count} x {status or 'no answer'}" for status, count in experiment.refused.items()
    )
    cells = [
        name,
        f"{len(experiment.posted)}" + (f" ({refused} refused)" if refused else ""),
        f"{result.analysed}",
        f"{result.decisions_missing} / {result.decisions_doubled}",
        f"{result.webhooks_missing} / {result.webhooks_doubled}",
        f"{result.follow_ups_missing} / {result.follow_ups_doubled}",
        "not within 240 s" if settle is None else f"{settle:.0f} s",
    ]
    return "| " + " | ".join(cells) + " |"


HEADER = (
    "| fault | calls stored (201) | analysed | decisions missing / doubled "
    "| webhooks missing / doubled | follow-ups missing / doubled "
    "| settled after posting and fault |\n"
    "|---|---|---|---|---|---|---|"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--only", action="append", choices=sorted(FAULTS))
    options = parser.parse_args()
    names = options.only or list(FAULTS)
    if "postgres_restart" in names and not PGDATA:
        parser.error("postgres_restart needs CHAOS_PGDATA, the data directory of CHAOS_POSTGRES")
    var_dir = new_var_dir()
    redis = RedisServer(REDIS_PORT, var_dir)
    env = base_environment("postgres", var_dir)
    env.update(
        {
            "DATABASE_URL": f"{POSTGRES_SERVER}/{DATABASE}",
            "REDIS_URL": redis.url,
            "Q_CLUSTER_NAME": "postcall-chaos",
            "Q_TASK_TIMEOUT": str(TASK_TIMEOUT),
            "EXTRACTION_BACKEND": "openai",
            "OPENAI_API_KEY": "chaos",
        }
    )
    os.environ.clear()
    os.environ.update(env)
    import django

    django.setup()
    print(HEADER, flush=True)
    redis.start()
    try:
        for name in names:
            print(run(name, env, redis, calls=options.calls, seconds=options.seconds), flush=True)
    finally:
        redis.stop()


if __name__ == "__main__":
    sys.exit(main())
