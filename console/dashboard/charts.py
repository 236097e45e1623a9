"""The dashboard's numbers shaped as charts: bars with their share, link and size.

The template draws the bars as inline SVG and the calls per day as HTML columns, whose
numbers stay as legible as the page's text at any width; every number is also in a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from calls.models import CallStatus
from console.dashboard.periods import Period
from console.dashboard.selectors import NOT_FOUND, Dashboard, DayCount, Distribution

MAX_DAY_LABELS = 8
MANY_DAYS = 14
"""Beyond this many columns the counts on them are written upwards, to fit their width."""


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    share: str
    """The count as a percentage of the chart's total, for reading and for the bar's width."""
    width: float
    href: str = ""
    tone: str = "neutral"
    """neutral, bad or quiet: a CSS class that takes its colour from the admin's theme."""


@dataclass(frozen=True)
class BarChart:
    key: str
    """Unique on the page: the chart's HTML id."""
    title: str
    total: int
    bars: list[Bar]
    note: str = ""


@dataclass(frozen=True)
class Column:
    day_label: str
    count: int
    height: float
    """The column's height as a percentage of the busiest day's."""
    show_label: bool
    """Whether the day is written under its column; every day is, on a narrow screen."""


@dataclass(frozen=True)
class ColumnChart:
    columns: list[Column]
    peak: int

    @property
    def many(self) -> bool:
        return len(self.columns) > MANY_DAYS


def call_list_url(agent_id: int, period: Period, **params: str) -> str:
    """The call list filtered to this agent, the calls started in `period`, and `params`."""
    query = urlencode(
        {
            "agent__id__exact": agent_id,
            "started_at__gte": period.start.isoformat(),
            "started_at__lt": period.end.isoformat(),
            **params,
        }
    )
    return f"{reverse('admin:calls_call_changelist')}?{query}"


def bar(label: str, count: int, total: int, *, href: str = "", tone: str = "neutral") -> Bar:
    share = count / total * 100 if total else 0.0
    return Bar(label, count, f"{share:.0f}%", round(share, 2), href, tone)


def call_status_chart(dashboard: Dashboard, agent_id: int) -> BarChart:
    calls = dashboard.calls
    rows = [
        ("analysed", calls.analysed, CallStatus.ANALYZED, "neutral"),
        ("analysis failed", calls.failed, CallStatus.FAILED, "bad"),
        ("waiting for analysis", calls.analysing, "", "quiet"),
        ("no transcript", calls.no_transcript, CallStatus.NO_TRANSCRIPT, "quiet"),
    ]
    return BarChart(
        key="calls",
        title="Calls",
        total=calls.total,
        bars=[
            bar(
                label,
                count,
                calls.total,
                href=call_list_url(agent_id, dashboard.period, status__exact=status)
                if status
                else "",
                tone=tone,
            )
            for label, count, status, tone in rows
        ],
    )


def failure_chart(dashboard: Dashboard) -> BarChart:
    failures = dashboard.failures
    bars = [bar(r.reason, r.count, failures.total, tone="bad") for r in failures.reasons]
    if failures.other:
        bars.append(bar("other reasons", failures.other, failures.total, tone="bad"))
    return BarChart(
        key="failures",
        title="Failed analyses by reason",
        total=failures.total,
        bars=bars,
        note="Each failed extraction run counts, re-runs included.",
    )


def distribution_chart(distribution: Distribution, agent_id: int, period: Period) -> BarChart:
    bars = [
        bar(
            value.label,
            value.count,
            distribution.analysed,
            href=call_list_url(
                agent_id, period, **{f"value__{distribution.field_name}": value.query_value}
            )
            if value.query_value is not None
            else "",
            tone="quiet" if value.query_value in (NOT_FOUND, None) else "neutral",
        )
        for value in distribution.values
    ]
    return BarChart(
        key=f"field-{distribution.field_name}",
        title=f"{distribution.field_name} ({distribution.field_type})",
        total=distribution.analysed,
        bars=bars,
        note="A call counts once for each item it names." if distribution.by_item else "",
    )


def follow_up_chart(dashboard: Dashboard) -> BarChart:
    counts = dashboard.follow_ups
    rows = [
        ("fired", counts.fired, "neutral"),
        ("waiting", counts.waiting, "quiet"),
        ("failed", counts.failed, "bad"),
        ("cancelled", counts.cancelled, "quiet"),
        ("expired", counts.expired, "bad"),
    ]
    return BarChart(
        key="follow-ups",
        title="Follow-ups booked",
        total=counts.booked,
        bars=[bar(label, count, counts.booked, tone=tone) for label, count, tone in rows],
        note="Fired: handed to the dialer. Expired: too late to call when it came due.",
    )


def delivery_chart(dashboard: Dashboard) -> BarChart:
    counts = dashboard.deliveries
    rows = [
        ("succeeded", counts.succeeded, "neutral"),
        ("failed", counts.failed, "bad"),
        ("pending", counts.pending, "quiet"),
    ]
    return BarChart(
        key="deliveries",
        title="Webhook deliveries",
        total=counts.total,
        bars=[bar(label, count, counts.total, tone=tone) for label, count, tone in rows],
    )


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def column_chart(days: list[DayCount]) -> ColumnChart:
    """Calls per day as columns scaled to the busiest day, each with its count, and at most
    a few day labels under them."""
    peak = max((day.count for day in days), default=0)
    label_every = -(-len(days) // MAX_DAY_LABELS)
    columns = [
        Column(
            day_label=f"{day.day:%a %d %b}",
            count=day.count,
            height=round(day.count / peak * 100, 2) if peak else 0.0,
            show_label=index % label_every == 0,
        )
        for index, day in enumerate(days)
    ]
    return ColumnChart(columns=columns, peak=peak)


@dataclass(frozen=True)
class DashboardPage:
    dashboard: Dashboard
    call_chart: BarChart
    failure_chart: BarChart
    distribution_charts: list[BarChart]
    follow_up_chart: BarChart
    delivery_chart: BarChart
    success_rate: str
    first_attempt_rate: str
    per_day: ColumnChart


def dashboard_page(dashboard: Dashboard, *, agent_id: int) -> DashboardPage:
    return DashboardPage(
        dashboard=dashboard,
        call_chart=call_status_chart(dashboard, agent_id),
        failure_chart=failure_chart(dashboard),
        distribution_charts=[
            distribution_chart(distribution, agent_id, dashboard.period)
            for distribution in dashboard.distributions
        ],
        follow_up_chart=follow_up_chart(dashboard),
        delivery_chart=delivery_chart(dashboard),
        success_rate=percent(dashboard.deliveries.success_rate),
        first_attempt_rate=percent(dashboard.deliveries.first_attempt_rate),
        per_day=column_chart(dashboard.per_day),
    )
