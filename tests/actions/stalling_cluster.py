"""`manage.py qcluster`, except that its worker stalls once on the way from a succeeded
run to the decision on its actions, as a worker whose machine is lost there would; the
test kills the cluster while it waits.

    python -m tests.actions.stalling_cluster queueing|deciding

- `queueing`: the run is committed, and the decision is about to be queued;
- `deciding`: the first action is decided inside the step's transaction, not committed.

The worker creates the file STALL_MARKER when it stalls; a worker that finds the file
there already does not stall.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

STALL_SECONDS = 3600


def stall_once() -> None:
    marker = Path(os.environ["STALL_MARKER"])
    if marker.exists():
        return
    marker.touch()
    time.sleep(STALL_SECONDS)


def stall_before_queueing() -> None:
    from calls import handoffs

    queue = handoffs.HandOff.queue

    def stalling_queue(hand_off: handoffs.HandOff, pk: int) -> None:
        if hand_off is handoffs.RUN_ACTIONS:
            stall_once()
        queue(hand_off, pk)

    handoffs.HandOff.queue = stalling_queue  # type: ignore[method-assign]


def stall_while_deciding() -> None:
    from actions import services

    decide = services.action_decide

    def stalling_decide(**arguments: Any) -> Any:
        decision = decide(**arguments)
        stall_once()
        return decision

    services.action_decide = stalling_decide


def main(point: str) -> None:
    import django

    django.setup()
    {"queueing": stall_before_queueing, "deciding": stall_while_deciding}[point]()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["manage.py", "qcluster"])


if __name__ == "__main__":
    main(sys.argv[1])
