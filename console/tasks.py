"""django-q2 tasks: load by id, call a service."""

from console.admin.history import rerun_batch_log


def log_rerun_batch(batch_id: int, user_id: int) -> None:
    rerun_batch_log(batch_id=int(batch_id), user_id=int(user_id))
