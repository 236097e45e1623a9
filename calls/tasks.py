"""django-q2 tasks: load by id, call a service."""

from calls.analysis import extraction_run_execute


def execute_extraction_run(run_id: int) -> None:
    extraction_run_execute(run_id=int(run_id))
