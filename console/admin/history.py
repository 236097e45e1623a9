"""Entries in the admin's history for changes made in bulk, written by a worker."""

from __future__ import annotations

from django.contrib.admin.models import CHANGE, LogEntry

from calls.models import Call, RerunBatch
from calls.reruns import chunks

LOG_CHUNK_SIZE = 1000


def rerun_batch_log(*, batch_id: int, user_id: int) -> int:
    """Put a bulk re-run in the history of each of its calls; return how many.

    Many thousands of entries take seconds to write, so a worker writes them and the
    page that started the re-run answers at once.
    """
    batch = RerunBatch.objects.get(pk=batch_id)
    fired = "actions decided again" if batch.fire_actions else "actions not fired again"
    message = f"Re-ran the analysis in bulk (re-run batch {batch.pk}); {fired}."
    logged = 0
    for chunk in chunks(batch.call_ids, LOG_CHUNK_SIZE):
        calls = Call.objects.filter(pk__in=chunk).only("pk", "agent_id", "external_id")
        logged += len(
            LogEntry.objects.log_actions(
                user_id=user_id, queryset=calls, action_flag=CHANGE, change_message=message
            )
        )
    return logged
