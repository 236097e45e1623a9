from __future__ import annotations

import os
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django_q.management.commands import qcluster

from infra.cluster import PullingCluster


class Command(qcluster.Command):
    help = (
        "Start the task workers: django-q2's cluster, whose workers take their tasks from "
        "the broker themselves (infra/cluster.py)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.SECRET_KEY:
            raise CommandError("SECRET_KEY is not set: tasks are signed with it.")
        if options.get("cluster_name"):
            os.environ["Q_CLUSTER_NAME"] = options["cluster_name"]
        cluster = PullingCluster()
        cluster.start()
        if options.get("run_once"):
            cluster.stop()
            return
        # SIGTERM and SIGINT reach the cluster's handler, which stops the sentinel.
        while cluster.sentinel.is_alive():
            time.sleep(0.5)
        if cluster.sentinel.exitcode:
            sys.exit(cluster.sentinel.exitcode)
