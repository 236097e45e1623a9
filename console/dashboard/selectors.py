"""What an agent's dashboard reads: counts over a period, each aggregated by the database.

Each function runs one query whatever the number of calls; the calls by state and by day
share one, which reads the calls alone.
Calls belong to the period by their start; follow-ups by when they were booked; webhook
deliveries by when they were queued.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from actions.models import DeliveryStatus, FollowUp, FollowUpStatus, WebhookDelivery
from agents.models import Agent, ExtractionField, FieldType, ItemType
from calls.models import Call, CallStatus, CallValue, ExtractionRun, RunStatus
from console.dashboard.periods import Period, local_midnight

NOT_FOUND = "__null__"
REASON_LIMIT = 10


@dataclass(frozen=True)
class CallCounts:
    total: int
    analysed: int
    failed: int
    analysing: int
    no_transcript: int


@dataclass(frozen=True)
class ReasonCount:
    reason: str
    count: int


@dataclass(frozen=True)
class FailureReasons:
    total: int
    reasons: list[ReasonCount]

    @property
    def other(self) -> int:
        """Failed runs whose reason is not among the most frequent ones listed."""
        return self.total - sum(reason.count for reason in self.reasons)


@dataclass(frozen=True)
class Choice:
    label: str
    query_value: str
    """The value in the call list's `value__<field>` filter."""
    stored: str
    """The value as calls.CallValue holds it: JSON text."""


@dataclass(frozen=True)
class ValueCount:
    label: str
    count: int
    query_value: str | None
    """None for values no filter selects: those outside the field's current choices."""


@dataclass(frozen=True)
class Distribution:
    field_name: str
    field_type: str
    analysed: int
    values: list[ValueCount]

    @property
    def by_item(self) -> bool:
        """A list's: a call counts once for each item it names."""
        return self.field_type == FieldType.LIST


@dataclass(frozen=True)
class FollowUpCounts:
    booked: int
    waiting: int
    fired: int
    failed: int
    cancelled: int
    expired: int


@dataclass(frozen=True)
class DeliveryCounts:
    total: int
    succeeded: int
    failed: int
    pending: int
    attempted: int
    first_attempt_succeeded: int

    @property
    def success_rate(self) -> float | None:
        """Succeeded out of finished deliveries; None before any has finished."""
        finished = self.succeeded + self.failed
        return self.succeeded / finished if finished else None

    @property
    def first_attempt_rate(self) -> float | None:
        """Succeeded on the first attempt out of deliveries attempted at least once."""
        return self.first_attempt_succeeded / self.attempted if self.attempted else None


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int


@dataclass(frozen=True)
class Dashboard:
    period: Period
    calls: CallCounts
    failures: FailureReasons
    distributions: list[Distribution]
    follow_ups: FollowUpCounts
    deliveries: DeliveryCounts
    per_day: list[DayCount]


def calls_in_period(*, agent: Agent, period: Period) -> QuerySet[Call]:
    return Call.objects.filter(
        agent=agent, started_at__gte=period.start, started_at__lt=period.end
    ).order_by()


def count_where(**lookups: Any) -> Count:
    return Count("pk", filter=Q(**lookups))


def call_status_counts() -> dict[str, Count]:
    return {
        "total": Count("pk"),
        "analysed": count_where(status=CallStatus.ANALYZED),
        "failed": count_where(status=CallStatus.FAILED),
        "analysing": count_where(status__in=[CallStatus.RECEIVED, CallStatus.ANALYZING]),
        "no_transcript": count_where(status=CallStatus.NO_TRANSCRIPT),
    }


def failed_runs(*, agent: Agent, period: Period) -> QuerySet[ExtractionRun]:
    return ExtractionRun.objects.filter(
        call__agent=agent,
        call__started_at__gte=period.start,
        call__started_at__lt=period.end,
        status=RunStatus.FAILED,
    ).order_by()


def failure_reasons(*, agent: Agent, period: Period, limit: int = REASON_LIMIT) -> FailureReasons:
    """Failed extraction runs of the period's calls, grouped by reason, most frequent first.

    A re-run that fails counts too: each failed run is one failed analysis.
    """
    # Every reason's count, and their sum as the total, from one read of the failed runs:
    # reasons are few (they name a kind of failure), so all of them are fetched.
    groups = list(
        failed_runs(agent=agent, period=period)
        .values("failure_reason")
        .annotate(count=Count("pk"))
        .order_by("-count", "failure_reason")
    )
    reasons = [
        ReasonCount(reason=group["failure_reason"] or "(no reason recorded)", count=group["count"])
        for group in groups[:limit]
    ]
    return FailureReasons(total=sum(group["count"] for group in groups), reasons=reasons)


def field_choices(field: ExtractionField) -> list[Choice]:
    if field.type == FieldType.BOOLEAN:
        return [Choice("yes", "true", "true"), Choice("no", "false", "false")]
    return [
        Choice(str(choice), str(choice), json.dumps(str(choice), ensure_ascii=False))
        for choice in field.choices
    ]


def charted_fields(*, agent: Agent) -> list[ExtractionField]:
    lists_of_choices = Q(type=FieldType.LIST, item_type=ItemType.ENUM)
    return list(
        agent.fields.filter(Q(type__in=[FieldType.ENUM, FieldType.BOOLEAN]) | lists_of_choices)
    )


def calls_with_items(
    *, agent: Agent, period: Period, fields: list[ExtractionField]
) -> dict[str, int]:
    """For each list field, how many calls name at least one item; read only when a list
    is charted, as its items' counts add up to more than its calls."""
    names = [field.name for field in fields if field.type == FieldType.LIST]
    if not names:
        return {}
    groups = (
        CallValue.objects.filter(
            agent=agent, started_at__gte=period.start, started_at__lt=period.end, field__in=names
        )
        .values_list("field")
        .annotate(calls=Count("call", distinct=True))
        .order_by()
    )
    return dict(groups)


def value_distributions(
    *, agent: Agent, period: Period, fields: list[ExtractionField], analysed: int
) -> list[Distribution]:
    """Each field's values in the latest successful run of the period's `analysed` calls.

    One grouped query for all fields, over the latest values kept per call
    (calls.CallValue): a call without a row for a field has it null or missing.
    """
    groups = (
        CallValue.objects.filter(
            agent=agent,
            started_at__gte=period.start,
            started_at__lt=period.end,
            field__in=[field.name for field in fields],
        )
        .values_list("field", "value")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts: dict[str, dict[str, int]] = {}
    for name, value, count in groups:
        counts.setdefault(name, {})[value] = count
    with_items = calls_with_items(agent=agent, period=period, fields=fields)
    return [
        distribution(field, counts.get(field.name, {}), analysed, with_items.get(field.name))
        for field in fields
    ]


def distribution(
    field: ExtractionField, counts: dict[str, int], analysed: int, found_calls: int | None = None
) -> Distribution:
    """The field's counts by value; `found_calls`, for a list, the calls that name an item
    (otherwise each value is one call)."""
    values = [
        ValueCount(choice.label, counts.get(choice.stored, 0), choice.query_value)
        for choice in field_choices(field)
    ]
    found = sum(counts.values())
    named = found if found_calls is None else found_calls
    values.append(ValueCount("not found", analysed - named, NOT_FOUND))
    other = found - sum(value.count for value in values[:-1])
    if other:
        values.append(ValueCount("another value", other, None))
    return Distribution(field.name, field.type, analysed, values)


def follow_up_counts(*, agent: Agent, period: Period) -> FollowUpCounts:
    counts = FollowUp.objects.filter(
        agent=agent, created_at__gte=period.start, created_at__lt=period.end
    ).aggregate(
        booked=Count("pk"),
        waiting=count_where(status__in=[FollowUpStatus.PENDING, FollowUpStatus.CLAIMED]),
        fired=count_where(status__in=[FollowUpStatus.DIALING, FollowUpStatus.DONE]),
        failed=count_where(status=FollowUpStatus.FAILED),
        cancelled=count_where(status=FollowUpStatus.CANCELED),
        expired=count_where(status=FollowUpStatus.EXPIRED),
    )
    return FollowUpCounts(**counts)


def delivery_counts(*, agent: Agent, period: Period) -> DeliveryCounts:
    """Webhook deliveries queued in the period; test events sent by hand are left out."""
    counts = WebhookDelivery.objects.filter(
        action__agent=agent,
        is_test=False,
        created_at__gte=period.start,
        created_at__lt=period.end,
    ).aggregate(
        total=Count("pk"),
        succeeded=count_where(status=DeliveryStatus.SUCCEEDED),
        failed=count_where(status=DeliveryStatus.FAILED),
        pending=count_where(status__in=[DeliveryStatus.PENDING, DeliveryStatus.DELIVERING]),
        attempted=count_where(attempt_count__gte=1),
        # Delivery stops at the first 2xx, so one attempt and success means the first worked.
        first_attempt_succeeded=count_where(status=DeliveryStatus.SUCCEEDED, attempt_count=1),
    )
    return DeliveryCounts(**counts)


@dataclass(frozen=True)
class CallsByDay:
    calls: CallCounts
    per_day: list[DayCount]
    with_values: int
    """Calls with a latest successful run, whose values the distributions count."""


def day_index(ends: list[datetime], *, first: int, last: int) -> Value | Case:
    """The position among days `first` to `last` of the day a call started in, given
    each day's end: a binary search of nested CASEs, five comparisons a call for a month
    rather than up to thirty, which on SQLite is most of the grouped read's time."""
    if first == last:
        return Value(first)
    middle = (first + last) // 2
    return Case(
        When(started_at__lt=ends[middle], then=day_index(ends, first=first, last=middle)),
        default=day_index(ends, first=middle + 1, last=last),
        output_field=IntegerField(),
    )


def calls_by_day_and_state(*, agent: Agent, period: Period) -> CallsByDay:
    """The period's calls by state, and per local day of the agent's time zone (days
    without calls included), from one grouped read of the calls alone.

    Each call is put in its day by comparing its start with the days' boundaries, worked
    out here with zoneinfo, rather than by converting every start to local time in the
    database: SQLite does that in Python, row by row, several times slower, and the
    boundaries keep DST days exact on both databases.
    """
    days = period.days()
    ends = [local_midnight(day + timedelta(days=1), period.zone) for day in days[:-1]]
    index = day_index(ends, first=0, last=len(days) - 1)
    grouped = (
        calls_in_period(agent=agent, period=period)
        .annotate(day_index=index)
        .values("day_index")
        .annotate(**call_status_counts(), with_values=count_where(latest_run__isnull=False))
    )
    # django-stubs type each row by the `values()` keys alone, not the counts annotated after.
    rows: list[dict[str, Any]] = list(grouped)  # type: ignore[arg-type]
    calls = CallCounts(**{key: sum(row[key] for row in rows) for key in call_status_counts()})
    per_day = {row["day_index"]: row["total"] for row in rows}
    return CallsByDay(
        calls=calls,
        per_day=[DayCount(day, per_day.get(position, 0)) for position, day in enumerate(days)],
        with_values=sum(row["with_values"] for row in rows),
    )


def agent_dashboard(*, agent: Agent, period: Period) -> Dashboard:
    calls = calls_by_day_and_state(agent=agent, period=period)
    return Dashboard(
        period=period,
        calls=calls.calls,
        failures=failure_reasons(agent=agent, period=period),
        distributions=value_distributions(
            agent=agent,
            period=period,
            fields=charted_fields(agent=agent),
            analysed=calls.with_values,
        ),
        follow_ups=follow_up_counts(agent=agent, period=period),
        deliveries=delivery_counts(agent=agent, period=period),
        per_day=calls.per_day,
    )
