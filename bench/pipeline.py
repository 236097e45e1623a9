"""Benchmarks 1 and 2: a call's way from its POST to its webhook, one at a time
(overhead) and many at once (throughput, with a model answering in 1 s and in 10 s),
beside a hand-written thread pool."""

from __future__ import annotations

import json
import multiprocessing
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection

import openai
import requests

from bench import fixtures
from bench.cpu import per_item, total_ms
from bench.memory import PssSamples, Sample
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


@dataclass(frozen=True)
class Pool:
    """What the hand-written thread pool measured: calls per second, its threads' CPU
    seconds, and its process's PSS before and during the calls."""

    rate: float
    cpu_seconds: float
    memory: PssSamples


@dataclass(frozen=True)
class Flood:
    """One run of benchmark 2: every call POSTed at once, then the thread pool."""

    done: int
    rate: float
    posted: float
    spent: dict[str, float]
    servers: float
    memory: PssSamples | None
    at_rest: dict[str, float]
    model: ModelServer
    pool: Pool


def flood(
    processes: Processes,
    *,
    prefix: str,
    latency: float,
    count: int,
    workers: int,
    poll: float,
    rest: float = 0.0,
) -> Flood:
    """POST `count` calls at once to a stack of `workers` task workers and wait for their
    webhooks, then have a thread pool of the same width make the same model requests.
    With `rest` seconds, the stack's CPU is read for that long before the calls, with
    nothing to do, and its PSS sampled from then until the calls are done."""
    deployment = deploy(processes, latency=latency, workers=workers, poll=poll)
    warm_up(deployment)
    ids = [f"{prefix}-{n}" for n in range(count)]
    at_rest = cpu_at_rest(processes, rest) if rest else {}
    sampler = processes.memory() if rest else None
    cpu, servers = processes.cpu(), servers_cpu(deployment)
    started = time.time()
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda external_id: post_call(deployment, external_id), ids))
    posted = time.time() - started
    wait_for_webhooks(deployment.receiver, set(ids), timeout=count * latency + 120)
    spent, servers = cpu.stop(), servers_cpu(deployment) - servers
    if sampler is not None:
        sampler.stop()
    hooks = webhook_arrivals(deployment.receiver)
    done = [hooks[i] for i in ids if i in hooks]
    return Flood(
        done=len(done),
        rate=len(done) / (max(done) - started),
        posted=posted,
        spent=spent,
        servers=servers,
        memory=sampler,
        at_rest=at_rest,
        model=deployment.model,
        pool=hand_written(deployment, count=count, threads=workers),
    )


def cpu_at_rest(processes: Processes, seconds: float) -> dict[str, float]:
    """CPU seconds each part of the stack spends in `seconds` with no call to handle."""
    cpu = processes.cpu()
    time.sleep(seconds)
    return cpu.stop()


def throughput(processes: Processes, *, quick: bool, workers: int, poll: float) -> list[Figure]:
    latency, count = 1.0, (200 if quick else 1000)
    run = flood(processes, prefix="tput", latency=latency, count=count, workers=workers, poll=poll)
    baseline = run.pool.rate
    stack_ms, pool_ms = total_ms(run.spent, count), run.pool.cpu_seconds / count * 1000
    note = (
        f"{run.done}/{count} calls, model {latency:g} s, {workers} workers, "
        f"{broker(processes, poll)}, "
        f"posted in {run.posted:.1f} s; thread pool of {workers}: {baseline:.1f} calls/s"
    )
    return [
        Figure(
            "2 throughput",
            f"{run.rate:.1f} calls/s",
            "≥ 25 calls/s",
            run.rate >= 25 and run.done == count,
            note,
        ),
        Figure(
            "2 thread pool / pipeline",
            f"{baseline / run.rate:.2f}x",
            "≤ 1.2x",
            baseline / run.rate <= 1.2,
        ),
        cpu_figure("2 CPU per call", run.spent, run.servers, count),
        Figure(
            "2 CPU per call, pipeline / thread pool",
            f"{stack_ms / pool_ms:.1f}x",
            "",
            None,
            f"pipeline {stack_ms:.1f} ms, thread pool {pool_ms:.1f} ms a call (its threads' "
            "CPU: the model request and the webhook POST)",
        ),
    ]


# How long benchmark 2 with the slow model reads the stack's CPU with nothing to do.
REST_SECONDS = 10


def slow_model(processes: Processes, *, quick: bool, workers: int, poll: float) -> list[Figure]:
    """Benchmark 2 with a model that answers in 10 s, as extraction of a long call does:
    every worker takes several calls in turn, and each waits the whole 10 s."""
    latency, count = 10.0, (2 if quick else 4) * workers
    run = flood(
        processes,
        prefix="slow",
        latency=latency,
        count=count,
        workers=workers,
        poll=poll,
        rest=REST_SECONDS,
    )
    assert run.memory is not None
    baseline, ideal = run.pool.rate, workers / latency
    stack_ms, pool_ms = total_ms(run.spent, count), run.pool.cpu_seconds / count * 1000
    stack, stack_calls = busiest(run.memory, run.model, latency, workers)
    pool, pool_calls = busiest(run.pool.memory, run.model, latency, workers)
    stack_mib = (stack.total - run.memory.idle.total) / 1024 / workers
    pool_mib = (pool.total - run.pool.memory.idle.total) / 1024 / workers
    return [
        Figure(
            "2 throughput, model 10 s",
            f"{run.rate:.2f} calls/s",
            "",
            None,
            f"{run.done}/{count} calls, {workers} workers, {broker(processes, poll)}, "
            f"posted in {run.posted:.1f} s; at most {ideal:.1f} calls/s ({workers} workers "
            f"/ {latency:g} s); thread pool of {workers}: {baseline:.2f} calls/s",
        ),
        Figure(
            "2 thread pool / pipeline, model 10 s",
            f"{baseline / run.rate:.2f}x",
            "≤ 1.2x",
            baseline / run.rate <= 1.2 and run.done == count,
        ),
        Figure(
            "2 memory per call in flight, model 10 s",
            f"{stack_mib:.1f} MiB",
            "",
            None,
            f"PSS of every process of the stack with {stack_calls} model requests in flight, "
            f"{stack.total / 1024:.0f} MiB, less {run.memory.idle.total / 1024:.0f} MiB idle "
            f"before the calls ({parts(run.memory.idle)}), over {workers} workers; growth by "
            f"part: {growth(stack, run.memory.idle)}; largest of the run "
            f"{run.memory.largest().total / 1024:.0f} MiB",
        ),
        Figure(
            "2 memory per call in flight, thread pool, model 10 s",
            f"{pool_mib:.2f} MiB",
            "",
            None,
            f"PSS of the thread pool's process with {pool_calls} model requests in flight, "
            f"{pool.total / 1024:.0f} MiB, less {run.pool.memory.idle.total / 1024:.0f} MiB "
            f"before its threads, over {workers} threads; pipeline / thread pool "
            f"{stack_mib / pool_mib:.0f}x",
        ),
        cpu_figure("2 CPU per call, model 10 s", run.spent, run.servers, count),
        Figure(
            "2 CPU per call, pipeline / thread pool, model 10 s",
            f"{stack_ms / pool_ms:.1f}x",
            "",
            None,
            f"pipeline {stack_ms:.1f} ms, thread pool {pool_ms:.1f} ms a call",
        ),
        Figure(
            "2 CPU at rest",
            f"{sum(run.at_rest.values()) / REST_SECONDS * 100:.1f} % of a core",
            "",
            None,
            f"the stack with {workers} workers and no call to handle, over {REST_SECONDS} s; "
            f"CPU a second, by part: {per_item(run.at_rest, REST_SECONDS)}",
        ),
    ]


def busiest(
    memory: PssSamples, model: ModelServer, latency: float, width: int
) -> tuple[Sample, int]:
    """The largest sample taken with the most model requests in flight (at most `width`:
    a request counts from its arrival until the model's latency has passed), and that
    number of requests."""
    counted = [
        (min(in_flight(model, reading.at, latency), width), reading) for reading in memory.samples
    ]
    calls, reading = max(counted, key=lambda pair: (pair[0], pair[1].total))
    return reading, calls


def in_flight(model: ModelServer, at: float, latency: float) -> int:
    return sum(1 for arrival in list(model.arrivals) if at - latency < arrival.at <= at)


def growth(sample: Sample, idle: Sample) -> str:
    return ", ".join(f"{part} {mib:+.1f}" for part, mib in sample.growth_mib(idle).items())


def parts(sample: Sample) -> str:
    return ", ".join(f"{part} {kib / 1024:.0f}" for part, kib in sorted(sample.parts.items()))


@dataclass(frozen=True)
class PoolTarget:
    """Where the thread pool sends its requests (picklable, for its own process)."""

    model_url: str
    receiver_url: str
    agent: str


def hand_written(deployment: Deployment, *, count: int, threads: int) -> Pool:
    """The same model requests and webhooks from a plain thread pool, in a process of its
    own so that its memory is measured apart from the bench's servers."""
    target = PoolTarget(deployment.model.base_url, deployment.receiver.url, deployment.agent)
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(
        target=pool_process, args=(theirs, target, count, threads), daemon=True
    )
    process.start()
    pid = process.pid or 0
    try:
        ours.recv()
        memory = PssSamples(lambda: {pid: "pool"}).start()
        ours.send("go")
        rate, cpu_seconds = ours.recv()
        memory.stop()
    finally:
        process.join(timeout=30)
        if process.is_alive():
            process.kill()
    return Pool(rate, cpu_seconds, memory)


def pool_process(connection: Connection, target: PoolTarget, count: int, threads: int) -> None:
    """Runs in the thread pool's process: one call to load what a call loads, then tell
    the bench it is ready, wait for its word, and send back calls/s and CPU seconds."""
    client = openai.OpenAI(api_key="bench", base_url=target.model_url)
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
        body = fixtures.call_body(target.agent, f"pool-{n}")
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
        session.post(f"{target.receiver_url}/pool", data=json.dumps(event), timeout=10)

    call(-1)
    connection.send("ready")
    connection.recv()
    started = time.time()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, range(count)))
    connection.send((count / (time.time() - started), spent[0]))
