"""django-q2 tasks: load by id, call a service."""

from console.admin.history import rerun_batch_log
from console.recent_trial import recent_trial_chunk


def log_rerun_batch(batch_id: int, user_id: int) -> None:
    rerun_batch_log(batch_id=int(batch_id), user_id=int(user_id))


def try_on_recent_calls(trial_id: int, offset: int) -> None:
    recent_trial_chunk(trial_id=int(trial_id), offset=int(offset))
