"""Prometheus metrics, computed from the database at scrape time.

Every figure is read from the tables (and the broker) when scraped, not counted in
process memory, so any web process on any machine gives the same answer however many
workers, schedulers and web processes run. Each figure is one aggregate query over an
indexed column, so a scrape stays cheap on large tables.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, DurationField, F, Q, QuerySet, Sum
from django.utils import timezone
from django_q.brokers import get_broker
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeHistogramMetricFamily,
    GaugeMetricFamily,
)
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

from actions.models import DeliveryStatus, FollowUp, FollowUpStatus, Review, WebhookDelivery
from actions.selectors import reviews_stale, reviews_waiting
from calls.models import Call, CallStatus, ExtractionRun, RunFailure, RunStatus
from infra.cluster import UNSAVED_RESULTS_KEY
from postcall_site.ops.readiness import oldest_task_wait_seconds, redis_client

logger = logging.getLogger(__name__)

LATENESS_BUCKETS_SECONDS = (0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600)

# A failed run without a kind (none was foreseen for it) is counted as `other`.
FAILURE_OTHER = "other"
FAILURE_CLASS_LABELS = sorted([*RunFailure.values, FAILURE_OTHER])


def count_by(queryset: QuerySet, field: str) -> dict[str, int]:
    rows = queryset.order_by().values(field).annotate(n=Count("*")).values_list(field, "n")
    return dict(rows)


def failed_runs_by_class() -> dict[str, int]:
    counts = count_by(ExtractionRun.objects.filter(status=RunStatus.FAILED), "failure_kind")
    counts[FAILURE_OTHER] = counts.pop("", 0)
    return counts


def hand_offs_waiting() -> dict[str, int]:
    """Rows waiting for a step handed from one app to another, by step."""
    return {
        "decide_actions": ExtractionRun.objects.filter(actions_due_at__isnull=False).count(),
        "call_arrival": Call.objects.filter(arrival_due_at__isnull=False).count(),
        "review_release": Review.objects.filter(release_due_at__isnull=False).count(),
    }


def follow_up_lateness(*, window: timedelta) -> tuple[list[tuple[str, int]], float]:
    """Cumulative bucket counts and the summed seconds of lateness (fired_at - due_at) of
    the follow-ups handed to a dialer within the last `window`."""
    fired = FollowUp.objects.filter(fired_at__gte=timezone.now() - window)
    buckets = {
        f"le_{index}": Count("pk", filter=Q(fired_at__lte=F("due_at") + timedelta(seconds=bound)))
        for index, bound in enumerate(LATENESS_BUCKETS_SECONDS)
    }
    totals = fired.aggregate(
        total=Count("pk"),
        lateness=Sum(F("fired_at") - F("due_at"), output_field=DurationField()),
        **buckets,
    )
    counts = [
        (str(float(bound)), totals[f"le_{index}"])
        for index, bound in enumerate(LATENESS_BUCKETS_SECONDS)
    ]
    counts.append(("+Inf", totals["total"]))
    return counts, (totals["lateness"] or timedelta()).total_seconds()


def broker_queue_size() -> int:
    broker = get_broker()
    if settings.REDIS_URL:
        with redis_client() as client:
            return int(client.llen(broker.list_key))
    return int(broker.queue_size())


def task_results_unsaved() -> int:
    """Task results the workers could not save (counted in Redis; 0 on the ORM broker)."""
    if not settings.REDIS_URL:
        return 0
    with redis_client() as client:
        return int(client.get(UNSAVED_RESULTS_KEY) or 0)


def by_label(
    name: str, doc: str, label: str, counts: dict[str, int], values: Iterable[str]
) -> GaugeMetricFamily:
    """One sample per known value, zeros included, so no series vanishes when it empties."""
    family = GaugeMetricFamily(name, doc, labels=[label])
    for value in values:
        family.add_metric([value], counts.get(value, 0))
    return family


def by_status(
    name: str, doc: str, counts: dict[str, int], statuses: Iterable[str]
) -> GaugeMetricFamily:
    return by_label(name, doc, "status", counts, statuses)


class PostcallCollector(Collector):
    def collect(self) -> Iterator[Metric]:
        started = time.monotonic()
        yield by_status(
            "postcall_calls",
            "Calls by processing status.",
            count_by(Call.objects.all(), "status"),
            CallStatus.values,
        )
        yield by_status(
            "postcall_extraction_runs",
            "Extraction runs by status.",
            count_by(ExtractionRun.objects.all(), "status"),
            RunStatus.values,
        )
        yield self.failed_runs()
        yield by_label(
            "postcall_hand_offs_waiting",
            "Steps handed from one app to the next and not done yet: a run's actions to "
            "decide, a stored call's arrival to handle, a released review's held actions to "
            "decide. Each is done within seconds; a "
            "number that stays up means the step keeps failing (see the task failures).",
            "step",
            hand_offs_waiting(),
            ["decide_actions", "call_arrival", "review_release"],
        )
        yield GaugeMetricFamily(
            "postcall_reviews_waiting",
            "Calls whose actions wait for a person to review them.",
            value=reviews_waiting().count(),
        )
        yield GaugeMetricFamily(
            "postcall_reviews_stale",
            "Calls waiting for review longer than REVIEW_STALE_AFTER_HOURS.",
            value=reviews_stale().count(),
        )
        yield by_status(
            "postcall_webhook_deliveries",
            "Webhook deliveries by status (test sends included).",
            count_by(WebhookDelivery.objects.all(), "status"),
            DeliveryStatus.values,
        )
        yield by_status(
            "postcall_follow_ups",
            "Follow-up calls by status.",
            count_by(FollowUp.objects.all(), "status"),
            FollowUpStatus.values,
        )
        yield self.lateness()
        yield from self.broker()
        yield GaugeMetricFamily(
            "postcall_metrics_collect_seconds",
            "Seconds this scrape spent computing the figures above.",
            value=time.monotonic() - started,
        )

    def failed_runs(self) -> GaugeMetricFamily:
        return by_label(
            "postcall_extraction_runs_failed",
            "Failed extraction runs by kind of failure.",
            "reason",
            failed_runs_by_class(),
            FAILURE_CLASS_LABELS,
        )

    def lateness(self) -> GaugeHistogramMetricFamily:
        window = timedelta(minutes=settings.METRICS_LATENESS_WINDOW_MINUTES)
        buckets, total_seconds = follow_up_lateness(window=window)
        return GaugeHistogramMetricFamily(
            "postcall_follow_up_lateness_seconds",
            "Seconds from due to handed to a dialer (fired_at - due_at), over the follow-ups "
            f"fired in the last {settings.METRICS_LATENESS_WINDOW_MINUTES} minutes.",
            buckets=buckets,
            gsum_value=total_seconds,
        )

    def broker(self) -> Iterator[Metric]:
        try:
            size = broker_queue_size()
            waited = oldest_task_wait_seconds()
            unsaved = task_results_unsaved()
        except Exception as error:
            logger.warning("metrics: the task broker did not answer: %s", error)
            yield GaugeMetricFamily("postcall_broker_up", "1 when the task broker answers.", 0)
            return
        yield GaugeMetricFamily("postcall_broker_up", "1 when the task broker answers.", 1)
        yield GaugeMetricFamily(
            "postcall_task_queue_size", "Tasks waiting in the broker for a worker.", size
        )
        yield GaugeMetricFamily(
            "postcall_task_queue_oldest_seconds",
            "Seconds the task waiting longest in the broker has waited for a worker.",
            waited,
        )
        yield GaugeMetricFamily(
            "postcall_cluster_stalled",
            "1 when a task has waited Q_STALL_SECONDS or more for a worker.",
            int(waited >= settings.Q_STALL_SECONDS),
        )
        yield CounterMetricFamily(
            "postcall_task_results_unsaved",
            "Task results the workers could not save (django-q2's 'Could not save task result').",
            unsaved,
        )
