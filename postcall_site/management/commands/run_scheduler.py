from __future__ import annotations

import signal
from typing import Any

from django.core.management.base import BaseCommand

from postcall_site.scheduler import run_forever, tick


class Command(BaseCommand):
    help = (
        "Hand due follow-up calls, webhook deliveries, extraction runs and hand-offs to the "
        "task workers, every second."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="Run one tick and exit.")

    def handle(self, *args: Any, once: bool, **options: Any) -> None:
        if once:
            self.stdout.write(str(tick()))
            return
        stopping = False

        def stop(*_: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        self.stdout.write("Scheduler running (Ctrl-C stops it).")
        run_forever(should_stop=lambda: stopping)
