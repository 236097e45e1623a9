"""django-q2 tasks: load by id, call a service."""

from calls.analysis import extraction_run_execute
from calls.reruns import rerun_batch_queue


def execute_extraction_run(run_id: int) -> None:
    extraction_run_execute(run_id=int(run_id))


def queue_rerun_batch(batch_id: int) -> None:
    rerun_batch_queue(batch_id=int(batch_id))
