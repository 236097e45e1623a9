"""The dashboard's review figures: calls waiting for a person (flagged when they have
waited too long), and per field how many values people reviewed in the period and what
share the extractor had right, day by day. Counted by the database in two queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.urls import reverse

from actions.selectors import reviews_stale, reviews_waiting, stale_after
from agents.models import Agent, ExtractionField
from calls.models import FieldReview
from console.dashboard.periods import Period, local_midnight

CHART_WIDTH = 360
CHART_HEIGHT = 90
AXIS_LEFT = 34
AXIS_BOTTOM = 16


@dataclass(frozen=True)
class DayShare:
    day_label: str
    reviewed: int
    right: int
    x: float
    y: float
    width: float
    height: float

    @property
    def share(self) -> str:
        return f"{self.right / self.reviewed:.0%}" if self.reviewed else "—"


@dataclass(frozen=True)
class FieldAccuracy:
    field: str
    reviewed: int
    right: int
    days: list[DayShare]
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    axis_left: int = AXIS_LEFT
    baseline: int = CHART_HEIGHT - AXIS_BOTTOM

    @property
    def share(self) -> str:
        return f"{self.right / self.reviewed:.1%}" if self.reviewed else "—"


@dataclass(frozen=True)
class ReviewFigures:
    waiting: int
    stale: int
    stale_after: str
    queue_url: str
    fields: list[FieldAccuracy]


def _limit_text(limit: timedelta) -> str:
    hours = limit.total_seconds() / 3600
    return f"{hours:g} hour{'s' if hours != 1 else ''}"


def review_figures(*, agent: Agent, period: Period) -> ReviewFigures:
    queue = f"{reverse('admin:actions_review_changelist')}?call__agent__id__exact={agent.pk}"
    stale = Q(pk__in=reviews_stale(agent_id=agent.pk).values("pk"))
    counts = (
        reviews_waiting()
        .filter(call__agent=agent)
        .aggregate(waiting=Count("id"), stale=Count("id", filter=stale))
    )
    return ReviewFigures(
        waiting=counts["waiting"],
        stale=counts["stale"],
        stale_after=_limit_text(stale_after()),
        queue_url=queue,
        fields=field_accuracy(agent=agent, period=period),
    )


def field_accuracy(*, agent: Agent, period: Period) -> list[FieldAccuracy]:
    """Per field, the values reviewed in the period and how many the extractor had right,
    in total and per local day; fields nobody reviewed are left out."""
    days = period.days()
    ends = [local_midnight(day + timedelta(days=1), period.zone) for day in days[:-1]]
    index = Case(
        *[When(reviewed_at__lt=end, then=Value(position)) for position, end in enumerate(ends)],
        default=Value(len(days) - 1),
        output_field=IntegerField(),
    )
    # In the agent's field order; a field removed since comes last.
    position = ExtractionField.objects.filter(agent=agent, name=OuterRef("field")).values(
        "position"
    )
    rows = (
        FieldReview.objects.filter(
            call__agent=agent, reviewed_at__gte=period.start, reviewed_at__lt=period.end
        )
        .annotate(day=index, position=Subquery(position[:1]))
        .values("field", "day", "position")
        .annotate(reviewed=Count("id"), right=Count("id", filter=Q(correct=True)))
        .order_by(F("position").asc(nulls_last=True), "field", "day")
    )
    counts: dict[str, dict[int, tuple[int, int]]] = {}
    for row in rows:
        counts.setdefault(row["field"], {})[row["day"]] = (row["reviewed"], row["right"])
    labels = [f"{day:%d %b}" for day in days]
    return [_chart(name, per_day, labels) for name, per_day in counts.items()]


def _chart(name: str, per_day: dict[int, tuple[int, int]], labels: list[str]) -> FieldAccuracy:
    """One column a day, as tall as the share right; a day with no review has none."""
    room = (CHART_WIDTH - AXIS_LEFT) / max(len(labels), 1)
    top = CHART_HEIGHT - AXIS_BOTTOM - 4
    columns = []
    for position, label in enumerate(labels):
        reviewed, right = per_day.get(position, (0, 0))
        height = round(top * right / reviewed, 1) if reviewed else 0.0
        columns.append(
            DayShare(
                day_label=label,
                reviewed=reviewed,
                right=right,
                x=round(AXIS_LEFT + position * room + room * 0.15, 1),
                y=round(CHART_HEIGHT - AXIS_BOTTOM - height, 1),
                width=round(room * 0.7, 1),
                height=height,
            )
        )
    return FieldAccuracy(
        field=name,
        reviewed=sum(reviewed for reviewed, _ in per_day.values()),
        right=sum(right for _, right in per_day.values()),
        days=columns,
    )
