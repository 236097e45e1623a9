"""django-q2 tasks: load by id, call a service."""

from calls.analysis import extraction_run_execute
from calls.models import ExtractionRun
from calls.reruns import rerun_batch_queue
from infra.logs import log_context


def execute_extraction_run(run_id: int) -> None:
    call_id = ExtractionRun.objects.filter(pk=run_id).values_list("call_id", flat=True).first()
    with log_context(call_id=call_id, run_id=int(run_id)):
        extraction_run_execute(run_id=int(run_id))


def queue_rerun_batch(batch_id: int) -> None:
    rerun_batch_queue(batch_id=int(batch_id))
