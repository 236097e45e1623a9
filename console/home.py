"""What the ops home page counts: everything that waits for a person, each count read by
the database, in a fixed number of queries whatever the number of calls. The page's
sections, which pair each count with its list, are in `console/home_page.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Max, Min, OuterRef, Q, QuerySet, Subquery

from actions.models import DeliveryStatus, FollowUp, FollowUpStatus, WebhookDelivery
from actions.selectors import reviews_waiting, stale_after
from agents.models import Action, Agent
from calls.models import Call, CallStatus, ExtractionRun, RunFailure, RunStatus
from connectors.models import Connection, Delivery, Verdict
from console.dashboard.periods import local_midnight

RECENT = timedelta(hours=24)
"""How far back failing webhook deliveries and refused platform deliveries are counted."""
QUIET = timedelta(hours=2)
"""A connection has gone quiet when it received nothing for this long…"""
USUAL_DAYS = 7
QUIET_USUALLY_AT_LEAST = 3.0
"""…while the same hours of the previous USUAL_DAYS days brought at least this many on
average: a rate by the hour of the day, so a connection that is quiet every night is not
flagged every night."""
FOLLOW_UP_FAILED_WINDOW = timedelta(days=7)
OVERDUE_AFTER = timedelta(minutes=10)
"""The scheduler hands a due follow-up to a dialer within seconds; one pending this long
after its due time means the scheduler or the workers are not running."""


@dataclass(frozen=True)
class ReviewCounts:
    waiting: int
    stale: int
    stale_hours: float


@dataclass(frozen=True)
class FailingAction:
    action_id: int
    name: str
    agent: str
    zone: ZoneInfo
    count: int
    since: datetime
    last_error: str


@dataclass(frozen=True)
class SwitchedOff:
    action_id: int
    name: str
    agent_id: int
    agent: str
    reason: str


@dataclass(frozen=True)
class ConnectionTrouble:
    connection_id: int
    name: str
    zone: ZoneInfo
    refused_in_a_row: int
    refused_since: datetime | None
    last_refusal: str
    invalid: int
    last_invalid: str
    recent: int
    usual: float
    """Deliveries the same QUIET hours of the previous USUAL_DAYS days brought, on average."""

    @property
    def quiet(self) -> bool:
        return is_quiet(recent=self.recent, usual=self.usual)


def is_quiet(*, recent: int, usual: float) -> bool:
    return recent == 0 and usual >= QUIET_USUALLY_AT_LEAST


@dataclass(frozen=True)
class FailureGroup:
    kind: str
    label: str
    count: int
    latest_reason: str


@dataclass(frozen=True)
class FollowUpTrouble:
    failed: int
    overdue: int


@dataclass(frozen=True)
class AgentToday:
    agent_id: int
    name: str
    zone: ZoneInfo
    midnight: datetime
    total: int
    analysed: int
    without_transcript: int

    @property
    def analysed_share(self) -> float | None:
        """Analysed out of the calls with a transcript; None before any has one."""
        readable = self.total - self.without_transcript
        return self.analysed / readable if readable else None


def review_counts(*, now: datetime) -> ReviewCounts:
    cut = now - stale_after()
    counts = reviews_waiting().aggregate(
        waiting=Count("pk"), stale=Count("pk", filter=Q(created_at__lt=cut))
    )
    return ReviewCounts(
        waiting=counts["waiting"],
        stale=counts["stale"],
        stale_hours=stale_after().total_seconds() / 3600,
    )


def deliveries_failing(deliveries: QuerySet[WebhookDelivery]) -> QuerySet[WebhookDelivery]:
    """Deliveries given up on, or waiting to be retried after a failed attempt; test
    events left out."""
    retrying = Q(
        status__in=[DeliveryStatus.PENDING, DeliveryStatus.DELIVERING], attempt_count__gt=0
    )
    return deliveries.filter(Q(status=DeliveryStatus.FAILED) | retrying, is_test=False)


def failing_actions(*, now: datetime) -> list[FailingAction]:
    """Enabled actions with deliveries failing among those queued in the last RECENT, most
    failures first, each with its first failure's time and its latest failure's error."""
    groups = list(
        deliveries_failing(WebhookDelivery.objects.all())
        .filter(created_at__gte=now - RECENT, action__enabled=True)
        .values("action", "action__name", "action__agent__name", "action__agent__timezone")
        .annotate(count=Count("pk"), since=Min("created_at"), latest=Max("pk"))
        .order_by("-count", "action")
    )
    # The latest errors in a second read: a subquery in the grouped one runs once a row.
    errors = dict(
        WebhookDelivery.objects.filter(pk__in=[group["latest"] for group in groups]).values_list(
            "pk", "last_error"
        )
    )
    return [
        FailingAction(
            action_id=group["action"],
            name=group["action__name"],
            agent=group["action__agent__name"],
            zone=ZoneInfo(group["action__agent__timezone"]),
            count=group["count"],
            since=group["since"],
            last_error=errors.get(group["latest"], ""),
        )
        for group in groups
    ]


def actions_switched_off(actions: QuerySet[Action]) -> QuerySet[Action]:
    """Actions Postcall switched off (a person's switch leaves no reason)."""
    return actions.filter(enabled=False).exclude(disabled_reason="")


def switched_off_actions() -> list[SwitchedOff]:
    rows = actions_switched_off(Action.objects.all()).values_list(
        "pk", "name", "agent_id", "agent__name", "disabled_reason"
    )
    return [SwitchedOff(*row) for row in rows.order_by("agent__name", "name")]


def usual_windows(now: datetime) -> Q:
    """The same QUIET hours on each of the previous USUAL_DAYS days."""
    windows = Q(pk__in=[])
    for days in range(1, USUAL_DAYS + 1):
        end = now - timedelta(days=days)
        windows |= Q(received_at__gte=end - QUIET, received_at__lt=end)
    return windows


def connection_troubles(*, now: datetime) -> list[ConnectionTrouble]:
    """Enabled connections refusing requests (a signature that fails, in a row; a body not
    of a finished call's shape, in the last RECENT) or gone quiet; from two reads."""
    traffic: dict[int, dict[str, Any]] = {
        row["connection"]: dict(row)
        for row in Delivery.objects.filter(
            received_at__gte=now - timedelta(days=USUAL_DAYS) - QUIET,
            connection__is_enabled=True,
            sample=False,
            replay_of__isnull=True,
        )
        .values("connection")
        .annotate(
            recent=Count("pk", filter=Q(received_at__gte=now - QUIET)),
            usual=Count("pk", filter=usual_windows(now)),
            invalid=Count("pk", filter=Q(verdict=Verdict.INVALID, received_at__gte=now - RECENT)),
        )
        .order_by()
    }
    troubled = [
        pk
        for pk, row in traffic.items()
        if row["invalid"] or is_quiet(recent=row["recent"], usual=row["usual"] / USUAL_DAYS)
    ]
    connections = (
        Connection.objects.filter(Q(refused_in_a_row__gt=0) | Q(pk__in=troubled), is_enabled=True)
        .select_related("agent")
        .annotate(
            last_invalid_reason=Subquery(
                Delivery.objects.filter(
                    connection=OuterRef("pk"),
                    verdict=Verdict.INVALID,
                    received_at__gte=now - RECENT,
                    sample=False,
                    replay_of__isnull=True,
                )
                .order_by("-received_at", "-id")
                .values("reason")[:1]
            )
        )
        .order_by("agent__name", "platform")
    )
    return [
        connection_trouble(connection, traffic.get(connection.pk, {})) for connection in connections
    ]


def connection_trouble(connection: Any, row: dict[str, Any]) -> ConnectionTrouble:
    return ConnectionTrouble(
        connection_id=connection.pk,
        name=f"{connection.get_platform_display()} for {connection.agent.name}",
        zone=ZoneInfo(connection.agent.timezone),
        refused_in_a_row=connection.refused_in_a_row,
        refused_since=connection.refused_since,
        last_refusal=connection.last_refusal,
        invalid=row.get("invalid", 0),
        last_invalid=connection.last_invalid_reason or "",
        recent=row.get("recent", 0),
        usual=row.get("usual", 0) / USUAL_DAYS,
    )


def latest_failed_run() -> QuerySet[ExtractionRun]:
    return ExtractionRun.objects.filter(call=OuterRef("pk"), status=RunStatus.FAILED).order_by(
        "-created_at", "-id"
    )


def calls_failed_because(calls: QuerySet[Call], kind: str) -> QuerySet[Call]:
    """Calls whose analysis failed, the latest failed run of which failed for `kind` (""
    for a run that recorded no kind)."""
    kind_of = Subquery(latest_failed_run().values("failure_kind")[:1])
    return calls.filter(status=CallStatus.FAILED).alias(failure=kind_of).filter(failure=kind)


def failed_analyses() -> list[FailureGroup]:
    """Calls whose analysis failed and has not succeeded since, grouped by why their latest
    failed run failed, most first, each with the latest such run's reason."""
    runs = latest_failed_run()
    groups = (
        Call.objects.filter(status=CallStatus.FAILED)
        .annotate(
            failure=Subquery(runs.values("failure_kind")[:1]),
            failed_run=Subquery(runs.values("pk")[:1]),
        )
        .values("failure")
        .annotate(count=Count("pk"), latest=Max("failed_run"))
        .order_by("-count", "failure")
    )
    rows = list(groups)
    reasons = dict(
        ExtractionRun.objects.filter(pk__in=[row["latest"] for row in rows]).values_list(
            "pk", "failure_reason"
        )
    )
    labels = dict(RunFailure.choices)
    return [
        FailureGroup(
            kind=row["failure"] or "",
            label=str(labels.get(row["failure"] or "", "No kind recorded")),
            count=row["count"],
            latest_reason=reasons.get(row["latest"], ""),
        )
        for row in rows
    ]


def follow_up_trouble(*, now: datetime) -> FollowUpTrouble:
    counts = FollowUp.objects.filter(
        status__in=[FollowUpStatus.FAILED, FollowUpStatus.EXPIRED, FollowUpStatus.PENDING]
    ).aggregate(
        failed=Count(
            "pk",
            filter=Q(
                status__in=[FollowUpStatus.FAILED, FollowUpStatus.EXPIRED],
                due_at__gte=now - FOLLOW_UP_FAILED_WINDOW,
            ),
        ),
        overdue=Count(
            "pk", filter=Q(status=FollowUpStatus.PENDING, due_at__lt=now - OVERDUE_AFTER)
        ),
    )
    return FollowUpTrouble(**counts)


def calls_today(*, now: datetime) -> list[AgentToday]:
    """Each active agent's calls since midnight in its own time zone, from one grouped read:
    agents sharing a zone share a midnight."""
    agents = list(
        Agent.objects.filter(is_active=True).only("pk", "name", "timezone").order_by("name")
    )
    midnights = {agent.timezone: today_start(now, ZoneInfo(agent.timezone)) for agent in agents}
    since = Q(pk__in=[])
    for zone, midnight in midnights.items():
        ids = [agent.pk for agent in agents if agent.timezone == zone]
        since |= Q(agent_id__in=ids, started_at__gte=midnight)
    counts: dict[int, dict[str, Any]] = {
        row["agent"]: dict(row)
        for row in Call.objects.filter(since, started_at__lte=now)
        .values("agent")
        .annotate(
            total=Count("pk"),
            analysed=Count("pk", filter=Q(status=CallStatus.ANALYZED)),
            without_transcript=Count("pk", filter=Q(status=CallStatus.NO_TRANSCRIPT)),
        )
        .order_by()
    }
    none = {"total": 0, "analysed": 0, "without_transcript": 0}
    return [
        AgentToday(
            agent_id=agent.pk,
            name=agent.name,
            zone=ZoneInfo(agent.timezone),
            midnight=midnights[agent.timezone],
            total=counts.get(agent.pk, none)["total"],
            analysed=counts.get(agent.pk, none)["analysed"],
            without_transcript=counts.get(agent.pk, none)["without_transcript"],
        )
        for agent in agents
    ]


def today_start(now: datetime, zone: ZoneInfo) -> datetime:
    day: date = now.astimezone(zone).date()
    return local_midnight(day, zone)
