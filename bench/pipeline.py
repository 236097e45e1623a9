"""Benchmarks 1 and 2: a call's way from its POST to its webhook, one at a time
(overhead) and 1,000 at once (throughput), beside a hand-written thread pool."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import openai
import requests

from bench import fixtures
from bench.cpu import per_item, total_ms
from bench.report import Figure
from bench.servers import LocalServer, ModelServer
from bench.stack import Processes
from bench.stats import median, percentile


@dataclass
class Deployment:
    api: str
    key: str
    agent: str
    model: ModelServer
    receiver: LocalServer


def deploy(processes: Processes, *, latency: float, workers: int, poll: float) -> Deployment:
    model = ModelServer(latency=latency).start()
    receiver = LocalServer().start()
    processes.env.update({"OPENAI_API_KEY": "bench", "OPENAI_BASE_URL": model.base_url})
    agent = fixtures.agent_with_webhook(slug="pipeline", url=f"{receiver.url}/hooks")
    api = processes.gunicorn(workers=2, threads=8)
    processes.qcluster(workers=workers, poll=poll)
    processes.scheduler()
    return Deployment(api, fixtures.api_key(), agent.slug, model, receiver)


_sessions = threading.local()


def post_call(deployment: Deployment, external_id: str) -> float:
    """POST one call; return when the POST started."""
    session = getattr(_sessions, "session", None)
    if session is None:
        session = _sessions.session = requests.Session()
    started = time.time()
    response = session.post(
        f"{deployment.api}/api/v1/calls/",
        json=fixtures.call_body(deployment.agent, external_id),
        headers={"Authorization": f"Bearer {deployment.key}"},
        timeout=30,
    )
    if response.status_code != 201:
        raise RuntimeError(f"POST /calls/ answered {response.status_code}: {response.text[:300]}")
    return started


def webhook_arrivals(receiver: LocalServer) -> dict[str, float]:
    """The first arrival of each call's webhook, by external id."""
    arrivals: dict[str, float] = {}
    for arrival in list(receiver.arrivals):
        external_id = arrival.json()["data"]["call"]["external_id"]
        arrivals.setdefault(external_id, arrival.at)
    return arrivals


def model_arrivals(model: ModelServer, prefix: str) -> dict[str, float]:
    arrivals: dict[str, float] = {}
    for arrival in list(model.arrivals):
        text = arrival.body.decode()
        start = text.find(prefix)
        if start >= 0:
            external_id = text[start:].split(".", 1)[0]
            arrivals.setdefault(external_id, arrival.at)
    return arrivals


def wait_for_webhooks(receiver: LocalServer, ids: set[str], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not ids <= webhook_arrivals(receiver).keys():
        time.sleep(0.1)


def warm_up(deployment: Deployment) -> None:
    """One call end to end, so that every process has connected and imported its code."""
    ids = {f"warm-{n}" for n in range(3)}
    for external_id in ids:
        post_call(deployment, external_id)
    wait_for_webhooks(deployment.receiver, ids, timeout=60)


def broker(processes: Processes, poll: float) -> str:
    return "Redis broker" if "REDIS_URL" in processes.env else f"ORM broker polled every {poll:g} s"


def overhead(processes: Processes, *, quick: bool, poll: float) -> list[Figure]:
    latency, count, rate = 0.2, (30 if quick else 200), 5.0
    deployment = deploy(processes, latency=latency, workers=8, poll=poll)
    warm_up(deployment)
    ids = [f"ovh-{n}" for n in range(count)]
    posted: dict[str, float] = {}
    cpu, servers = processes.cpu(), servers_cpu(deployment)
    start = time.time() + 0.5
    with ThreadPoolExecutor(8) as pool:

        def paced(index: int, external_id: str) -> None:
            # Open loop: calls arrive at a steady rate, whatever the pipeline does.
            time.sleep(max(0.0, start + index / rate - time.time()))
            posted[external_id] = post_call(deployment, external_id)

        list(pool.map(paced, range(count), ids))
    wait_for_webhooks(deployment.receiver, set(ids), timeout=120)
    spent, servers = cpu.stop(), servers_cpu(deployment) - servers
    hooks = webhook_arrivals(deployment.receiver)
    asked = model_arrivals(deployment.model, "ovh-")
    done = [i for i in ids if i in hooks]
    total = [(hooks[i] - posted[i] - latency) * 1000 for i in done]
    before = [(asked[i] - posted[i]) * 1000 for i in done if i in asked]
    after = [(hooks[i] - asked[i] - latency) * 1000 for i in done if i in asked]
    note = (
        f"{len(done)}/{count} calls at {rate:g}/s, model {latency * 1000:.0f} ms, 8 workers, "
        f"{broker(processes, poll)}; POST→model median {median(before):.0f} ms, "
        f"model→webhook median {median(after):.0f} ms"
    )
    return [
        Figure(
            "1 overhead median",
            f"{median(total):.0f} ms",
            "≤ 150 ms",
            median(total) <= 150 and len(done) == count,
            note,
        ),
        Figure(
            "1 overhead p99",
            f"{percentile(total, 99):.0f} ms",
            "≤ 500 ms",
            percentile(total, 99) <= 500 and len(done) == count,
        ),
        cpu_figure("1 CPU per call", spent, servers, count),
    ]


def servers_cpu(deployment: Deployment) -> float:
    return deployment.model.cpu_seconds + deployment.receiver.cpu_seconds


def cpu_figure(name: str, spent: dict[str, float], servers: float, calls: int) -> Figure:
    return Figure(
        name,
        f"{total_ms(spent, calls):.1f} ms",
        "",
        None,
        f"CPU of every process of the stack a call, by part: {per_item(spent, calls)}; "
        f"the bench's model server and receiver {servers / calls * 1000:.1f} ms apart",
    )


def throughput(processes: Processes, *, quick: bool, workers: int, poll: float) -> list[Figure]:
    latency, count = 1.0, (200 if quick else 1000)
    deployment = deploy(processes, latency=latency, workers=workers, poll=poll)
    warm_up(deployment)
    ids = [f"tput-{n}" for n in range(count)]
    cpu, servers = processes.cpu(), servers_cpu(deployment)
    started = time.time()
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda external_id: post_call(deployment, external_id), ids))
    posted = time.time() - started
    wait_for_webhooks(deployment.receiver, set(ids), timeout=count * latency + 120)
    spent, servers = cpu.stop(), servers_cpu(deployment) - servers
    hooks = webhook_arrivals(deployment.receiver)
    done = [hooks[i] for i in ids if i in hooks]
    rate = len(done) / (max(done) - started)
    baseline, pool_cpu = hand_written(deployment, count=count, threads=workers)
    stack_ms, pool_ms = total_ms(spent, count), pool_cpu / count * 1000
    note = (
        f"{len(done)}/{count} calls, model {latency:g} s, {workers} workers, "
        f"{broker(processes, poll)}, "
        f"posted in {posted:.1f} s; thread pool of {workers}: {baseline:.1f} calls/s"
    )
    return [
        Figure(
            "2 throughput",
            f"{rate:.1f} calls/s",
            "≥ 25 calls/s",
            rate >= 25 and len(done) == count,
            note,
        ),
        Figure(
            "2 thread pool / pipeline", f"{baseline / rate:.2f}x", "≤ 1.2x", baseline / rate <= 1.2
        ),
        cpu_figure("2 CPU per call", spent, servers, count),
        Figure(
            "2 CPU per call, pipeline / thread pool",
            f"{stack_ms / pool_ms:.1f}x",
            "",
            None,
            f"pipeline {stack_ms:.1f} ms, thread pool {pool_ms:.1f} ms a call (its threads' "
            "CPU: the model request and the webhook POST)",
        ),
    ]


def hand_written(deployment: Deployment, *, count: int, threads: int) -> tuple[float, float]:
    """The same model requests and webhooks from a plain thread pool: calls per second,
    and the CPU seconds its threads spent."""
    client = openai.OpenAI(api_key="bench", base_url=deployment.model.base_url)
    fields = {f["name"]: {"type": ["string", "null"]} for f in fixtures.FIELDS}
    schema = {
        "type": "object",
        "properties": {
            "values": {"type": "object", "properties": fields},
            "evidence": {"type": "object", "properties": fields},
        },
    }
    sessions = threading.local()
    spent = [0.0]
    lock = threading.Lock()

    def one(n: int) -> None:
        cpu = time.thread_time()
        try:
            call(n)
        finally:
            with lock:
                spent[0] += time.thread_time() - cpu

    def call(n: int) -> None:
        body = fixtures.call_body(deployment.agent, f"pool-{n}")
        answer = client.chat.completions.create(
            model="bench-model",
            messages=[{"role": "user", "content": body["transcript"]}],
            response_format={
                "type": "json_schema",
                "json_schema": {"name": "call", "schema": schema, "strict": True},
            },
        )
        session = getattr(sessions, "session", None) or requests.Session()
        sessions.session = session
        event = {"data": {"call": {"external_id": f"pool-{n}"}}, "answer": answer.model_dump()}
        session.post(f"{deployment.receiver.url}/pool", data=json.dumps(event), timeout=10)

    started = time.time()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, range(count)))
    return count / (time.time() - started), spent[0]
