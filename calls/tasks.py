"""django-q2 tasks: load by id, call a service."""

from calls.analysis import extraction_run_execute
from calls.handoffs import CALL_ARRIVAL
from calls.models import ExtractionRun
from calls.reruns import rerun_batch_queue
from infra.logs import log_context


def execute_extraction_run(run_id: int) -> None:
    call_id, arrival_due_at = (
        ExtractionRun.objects.filter(pk=run_id)
        .values_list("call_id", "call__arrival_due_at")
        .first()
    ) or (None, None)
    with log_context(call_id=call_id, run_id=int(run_id)):
        # A new call's arrival is handled by its first run's task, not a task of its own.
        if call_id is not None and arrival_due_at is not None:
            CALL_ARRIVAL.run_here(call_id)
        extraction_run_execute(run_id=int(run_id))


def queue_rerun_batch(batch_id: int) -> None:
    rerun_batch_queue(batch_id=int(batch_id))
