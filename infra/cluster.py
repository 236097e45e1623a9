"""django-q2's cluster, with workers that take their tasks from the broker themselves.

django-q2's workers share one `multiprocessing.Queue`, filled by a pusher process, and
wait on it with a blocking `get()` that holds the queue's read lock. A worker killed while
it waits (the OOM killer, or django-q2 itself on a task timeout) dies holding that lock,
and every worker after it blocks on it for ever: the cluster is alive and takes nothing
(django-q2 #23, django-q #200 and #394). A timeout on `get()` does not help, since the
dead holder never releases the lock.

Here each worker asks the broker for its next task, through its own connection, and saves
its own results: no lock, pipe or queue is shared between workers, so a worker that dies
takes with it at most the task it held. The task itself still runs in django-q2's own
`worker()` (timeouts, signals, recycling), which is handed an object whose `get()` asks
the broker and a result sink that does what django-q2's monitor does with each result.

The sentinel also watches for a stall (tasks waiting while none of its workers has taken
one for Q_STALL_SECONDS), stops within a bounded time whatever its workers do, and can
exit non-zero on a stall so that its supervisor restarts it (Q_EXIT_ON_STALL).
"""

from __future__ import annotations

import logging
import os
import signal
import time
from collections import deque
from multiprocessing import Event
from multiprocessing.sharedctypes import RawValue
from multiprocessing.synchronize import Event as EventType
from typing import Any

from django import db
from django.conf import settings
from django_q.brokers import Broker, get_broker
from django_q.brokers.orm import ORM
from django_q.cluster import Cluster, Sentinel, get_mp_context
from django_q.conf import Conf
from django_q.models import Task
from django_q.monitor import save_cached, save_task
from django_q.signals import post_execute
from django_q.signing import BadSignature, SignedPackage
from django_q.status import Stat
from django_q.utils import get_func_repr
from django_q.worker import worker

logger = logging.getLogger(__name__)

# The exit status of a cluster that stopped itself on a stall.
STALL_EXIT_CODE = 3
# How often the sentinel asks the broker whether tasks wait.
STALL_CHECK_SECONDS = 5.0
# Seconds a stopping worker gets beyond what its task's timeout leaves it: an idle worker
# notices the stop within a second.
STOP_MARGIN_SECONDS = 5.0
# The broker's counter of task results that could not be saved (Redis broker only).
UNSAVED_RESULTS_KEY = "postcall:task-results-unsaved"


class BrokerTasks:
    """What django-q2's `worker()` reads its tasks from: the broker, asked directly.

    `get()` returns the next task, or "STOP" once the cluster is stopping."""

    def __init__(self, *, stop: EventType, taken_at: Any) -> None:
        self.broker = get_broker()
        self.stop = stop
        self.taken_at = taken_at
        self.fetched: deque[tuple[Any, str]] = deque()

    def get(self) -> dict[str, Any] | str:
        while not self.stop.is_set():
            if not self.fetched:
                self.fetched.extend(self.fetch())
                continue
            ack_id, payload = self.fetched.popleft()
            task = self.unpack(ack_id, payload)
            if task is not None:
                self.taken_at.value = time.time()
                return task
        return "STOP"

    def fetch(self) -> list[tuple[Any, str]]:
        try:
            fetched = self.broker.dequeue() or []
        except Exception as error:
            logger.warning("could not take a task from the broker: %r", error)
            time.sleep(1)
            return []
        if not fetched and isinstance(self.broker, ORM):
            # The ORM broker is polled: each worker polls that many times less often, so
            # the cluster looks as often as django-q2's one pusher did.
            time.sleep(Conf.POLL * max(Conf.WORKERS - 1, 0))
        return list(fetched)

    def unpack(self, ack_id: Any, payload: str) -> dict[str, Any] | None:
        try:
            task = SignedPackage.loads(payload)
        except (TypeError, BadSignature):
            logger.exception("could not read a task taken from the broker")
            self.broker.fail(ack_id)
            return None
        task["cluster"] = Conf.CLUSTER_NAME
        task["ack_id"] = ack_id
        return task


class ResultSink:
    """Where django-q2's `worker()` puts each result: saved as its monitor would."""

    def __init__(self) -> None:
        self.broker = get_broker()

    def put(self, task: dict[str, Any]) -> None:
        if task.get("cached", False):
            save_cached(task, self.broker)
        else:
            save_task(task, self.broker)
            self.check_saved(task)
        ack_id = task.pop("ack_id", False)
        if ack_id and (task["success"] or task.get("ack_failure", False)):
            self.broker.acknowledge(ack_id)
        post_execute.send(sender="django_q", task=task)
        log_result(task)

    def check_saved(self, task: dict[str, Any]) -> None:
        """django-q2 logs a result it could not save and goes on: count it as well."""
        if task["success"] and not task.get("save", Conf.SAVE_LIMIT >= 0):
            return
        try:
            if Task.objects.filter(id=task["id"]).exists():
                return
        except Exception:
            logger.debug("the database is away: the result of %s is not saved", task["name"])
        logger.error("the result of task %s (%s) was not saved", task["name"], task["func"])
        results_unsaved_count(self.broker)


def results_unsaved_count(broker: Broker) -> None:
    connection = getattr(broker, "connection", None)
    if connection is None or isinstance(broker, ORM):
        return
    try:
        connection.incr(UNSAVED_RESULTS_KEY)
    except Exception:
        logger.exception("could not count an unsaved task result")


def log_result(task: dict[str, Any]) -> None:
    name = get_func_repr(task["func"])
    if task["success"]:
        logger.info("Processed '%s' (%s)", name, task["name"])
    else:
        logger.error("Failed '%s' (%s) - %s", name, task["name"], task["result"])


def pulling_worker(stop: EventType, timer: Any, taken_at: Any, timeout: int) -> None:
    """A worker process: django-q2's worker loop, fed by the broker directly."""
    worker(BrokerTasks(stop=stop, taken_at=taken_at), ResultSink(), timer, timeout)


class PullingSentinel(Sentinel):
    """django-q2's sentinel without the pusher and the monitor, whose workers pull."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.workers_stop = Event()
        self.started_at = time.time()
        self.stalled = False
        self.stall_checked_at = 0.0
        super().__init__(*args, **kwargs)

    def spawn_cluster(self) -> None:
        self.pool: list[Any] = []
        Stat(self).save()
        db.connections.close_all()
        for _ in range(self.pool_size):
            self.spawn_worker()

    def spawn_worker(self) -> None:
        timer = get_mp_context().Value("f", -1)
        taken_at = RawValue("d", 0.0)
        process = get_mp_context().Process(
            target=pulling_worker,
            args=(self.workers_stop, timer, taken_at, self.timeout),
            name=f"Worker-{len(self.pool) + self.reincarnations + 1}",
        )
        process.daemon = Conf.DAEMONIZE_WORKERS
        process.timer = timer
        process.taken_at = taken_at
        self.pool.append(process)
        process.start()

    def reincarnate(self, process: Any) -> None:
        """Replace a worker, reading its timer without its lock, which a killed worker
        may hold for ever."""
        db.connections.close_all()
        self.pool.remove(process)
        self.spawn_worker()
        self.reincarnations += 1
        timer = process.timer.get_obj().value
        if timer == -2:
            logger.info("recycled worker %s", process.name)
        elif timer == 0:
            kill(process.pid)
            logger.critical("reincarnated worker %s after its task timed out", process.name)
        else:
            logger.critical("reincarnated worker %s after its death", process.name)

    def status(self) -> str:
        if self.stop_event.is_set():
            return Conf.STOPPING if self.pool else Conf.STOPPED
        if not self.start_event.is_set():
            return Conf.STARTING
        return Conf.WORKING if any(busy(process) for process in self.pool) else Conf.IDLE

    def guard(self) -> None:
        self.start_event.set()
        Stat(self).save()
        logger.info("Q Cluster %s running, %s workers", self.queue_name(), self.pool_size)
        while not self.stalled or not settings.Q_EXIT_ON_STALL:
            for process in list(self.pool):
                self.check_worker(process)
            self.check_stall()
            Stat(self).save()
            if self.stop_event.wait(Conf.GUARD_CYCLE):
                break
        self.stop()
        if self.stalled and settings.Q_EXIT_ON_STALL:
            raise SystemExit(STALL_EXIT_CODE)

    def check_worker(self, process: Any) -> None:
        """Replace a dead worker; count down a busy worker's time, as django-q2 does."""
        if not process.is_alive():
            self.reincarnate(process)
            return
        # A worker killed while holding its timer's lock never releases it.
        lock = process.timer.get_lock()
        if not lock.acquire(timeout=Conf.GUARD_CYCLE):
            return
        try:
            if process.timer.value == 0:
                self.reincarnate(process)
            elif process.timer.value > 0:
                process.timer.value -= Conf.GUARD_CYCLE
        finally:
            lock.release()

    def check_stall(self) -> None:
        """Tasks wait, a worker is free, and no worker has taken one for Q_STALL_SECONDS:
        the cluster is stalled (said once, until it takes a task again)."""
        now = time.time()
        if now - self.stall_checked_at < STALL_CHECK_SECONDS:
            return
        self.stall_checked_at = now
        idle_for = now - self.last_taken_at()
        free = any(not busy(process) for process in self.pool)
        waiting = waiting_tasks(self.broker) if free and idle_for >= settings.Q_STALL_SECONDS else 0
        if waiting and not self.stalled:
            logger.critical(
                "Q Cluster %s stalled: %s task(s) waiting, none taken for %.0f s%s",
                self.queue_name(),
                waiting,
                idle_for,
                ", stopping" if settings.Q_EXIT_ON_STALL else "",
            )
        self.stalled = bool(waiting)

    def last_taken_at(self) -> float:
        return max([self.started_at, *(process.taken_at.value for process in self.pool)])

    def stop(self) -> None:
        """Stop the workers: each may finish its task, within the time its timeout leaves
        it; a worker still there after that (and a margin) is killed."""
        logger.info("Q Cluster %s stopping its workers", self.queue_name())
        self.workers_stop.set()
        now = time.monotonic()
        deadlines = {
            process: now + time_left(process) + STOP_MARGIN_SECONDS for process in self.pool
        }
        while any(process.is_alive() for process in deadlines):
            for process, deadline in deadlines.items():
                if process.is_alive() and time.monotonic() > deadline:
                    logger.warning(
                        "killing worker %s: still there at its stop deadline", process.name
                    )
                    kill(process.pid)
            time.sleep(0.1)
        self.pool = []
        Stat(self).save()


def time_left(process: Any) -> float:
    """Seconds a worker's task may still run; 0 for an idle worker."""
    return max(float(process.timer.get_obj().value), 0.0)


def busy(process: Any) -> bool:
    return bool(process.timer.get_obj().value > 0)


def waiting_tasks(broker: Broker) -> int:
    try:
        return int(broker.queue_size() or 0)
    except Exception:
        logger.exception("could not ask the broker how many tasks wait")
        return 0


def kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return


class PullingCluster(Cluster):
    """django-q2's cluster, run by `PullingSentinel`."""

    def start(self) -> int:
        self.stop_event = Event()
        self.start_event = Event()
        self.sentinel = get_mp_context().Process(
            target=PullingSentinel,
            name="Sentinel",
            args=(self.stop_event, self.start_event, self.cluster_id, self.broker, self.timeout),
        )
        self.sentinel.start()
        logger.info("Q Cluster %s starting", self.name)
        # Polled rather than waited on: a signal that arrives meanwhile stops the cluster
        # and clears start_event (django-q2's `start` says why).
        while self.start_event and not self.start_event.is_set():
            if not self.sentinel.is_alive():
                if self.sentinel.exitcode == 0:
                    break
                raise RuntimeError(f"the sentinel exited with code {self.sentinel.exitcode}")
            time.sleep(0.1)
        return self.pid
