"""The steps that `calls` hands to the apps above it, known here only by task name.

- deciding a succeeded run's actions (`actions.tasks.decide_run_actions`);
- handling a stored call's arrival: linking the transfer decisions made while it was
  live, cancelling follow-ups it makes unnecessary (`actions.tasks.handle_call_arrival`).

A step with nothing to do is not made needed at all: a call of an agent that neither
cancels follow-ups on inbound calls (or the call is not inbound) nor has a transfer_call
action has no arrival step.

Each hand-off is durable. The transaction that makes a step needed also sets the row's
deadline (`actions_due_at`, `arrival_due_at`), Q_QUEUED_DEADLINE_SECONDS away; the step is
queued as soon as that transaction commits, and if the message is lost (a broker wiped or
restarted) the scheduler queues it again once the deadline has passed, and from then on
every Q_TASK_TIMEOUT, so that a step waiting behind a long queue is not queued over and
over, and one whose worker died is queued again. The step claims its
row inside the transaction that does the work (a conditional UPDATE that clears the
deadline and stamps the row done), so it happens exactly once: a worker that dies midway
commits nothing, and a second delivery of the same task finds the row already done. A
step that raises is retried on `HANDOFF_RETRY`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import F, Model, QuerySet
from django.utils import timezone

from calls.models import Call, ExtractionRun
from infra.claims import claim_batch, claim_one, seconds_from_now
from infra.queue import enqueue, enqueue_each
from infra.retry import RetryPolicy

# No outside party is involved: a step that keeps failing is a bug or a database that
# is away, and it is done within the hour once that is fixed.
HANDOFF_RETRY = RetryPolicy((10, 60, 600, 3600), keep_trying=True)


@dataclass(frozen=True)
class HandOff:
    """One step handed over per row of `model`, tracked by three of its columns."""

    model: type[Model]
    task: str
    name: str
    due_field: str
    done_field: str
    attempts_field: str

    def deadline(self) -> datetime:
        """When the scheduler queues the step again if its first message is not taken."""
        return seconds_from_now(settings.Q_QUEUED_DEADLINE_SECONDS)

    def waiting(self) -> QuerySet:
        return self.model._default_manager.filter(**{f"{self.due_field}__isnull": False})

    def queue(self, pk: int) -> None:
        enqueue(self.task, pk, task_name=f"{self.name}-{pk}")

    def claim(self, pk: int) -> bool:
        """Take the step for this transaction; False when it is done or not needed."""
        done = {self.due_field: None, self.done_field: timezone.now()}
        return claim_one(self.waiting(), pk, **done)

    def retry_later(self, pk: int) -> None:
        """Count a failed attempt and set the deadline of the next one."""
        attempts = self.waiting().filter(pk=pk).values_list(self.attempts_field, flat=True).first()
        if attempts is None:
            return
        delay = HANDOFF_RETRY.delay_after(attempts + 1) or 0.0
        self.waiting().filter(pk=pk).update(
            **{
                self.attempts_field: F(self.attempts_field) + 1,
                self.due_field: seconds_from_now(delay),
            }
        )

    def dispatch(self, *, limit: int = 100) -> int:
        """Queue the steps whose deadline has passed; return how many."""
        row_ids = claim_batch(
            self.waiting().filter(**{f"{self.due_field}__lte": timezone.now()}),
            order_by=self.due_field,
            limit=limit,
            **{self.due_field: seconds_from_now(settings.Q_TASK_TIMEOUT)},
        )
        enqueue_each(row_ids, self.queue, unqueued=self.due_soon)
        return len(row_ids)

    def due_soon(self, row_ids: list[int]) -> None:
        self.waiting().filter(pk__in=row_ids).update(**{self.due_field: self.deadline()})


RUN_ACTIONS = HandOff(
    model=ExtractionRun,
    task="actions.tasks.decide_run_actions",
    name="decide-actions",
    due_field="actions_due_at",
    done_field="actions_decided_at",
    attempts_field="actions_attempts",
)
CALL_ARRIVAL = HandOff(
    model=Call,
    task="actions.tasks.handle_call_arrival",
    name="call-arrival",
    due_field="arrival_due_at",
    done_field="arrival_handled_at",
    attempts_field="arrival_attempts",
)


def run_actions_claim(*, run_id: int) -> bool:
    """Inside the transaction that decides the run's actions: take the step, once."""
    return RUN_ACTIONS.claim(run_id)


def run_actions_retry_later(*, run_id: int) -> None:
    RUN_ACTIONS.retry_later(run_id)


def run_actions_dispatch() -> int:
    return RUN_ACTIONS.dispatch()


def call_arrival_claim(*, call_id: int) -> bool:
    """Inside the transaction that handles the call's arrival: take the step, once."""
    return CALL_ARRIVAL.claim(call_id)


def call_arrival_retry_later(*, call_id: int) -> None:
    CALL_ARRIVAL.retry_later(call_id)


def call_arrivals_dispatch() -> int:
    return CALL_ARRIVAL.dispatch()
