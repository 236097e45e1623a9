"""What is broken now, kind by kind: each check reads a few grouped queries and returns a
finding per broken action or connection. Reads only; `alerts/services.py` opens and closes
the incidents."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Max, Min, Q, QuerySet
from django.urls import reverse

from actions.models import (
    DeliveryAttempt,
    DeliveryStatus,
    FollowUp,
    FollowUpStatus,
    Review,
    WebhookDelivery,
)
from actions.selectors import reviews_stale, stale_after
from agents.models import Action, Agent
from alerts.models import AlertRules, IncidentKind
from calls.models import ExtractionRun, RunFailure, RunStatus
from connectors.models import Connection


@dataclass(frozen=True)
class Finding:
    """One thing broken, as its alert tells it."""

    kind: str
    subject_id: int
    agent_id: int
    zone: str
    what: str
    since: datetime
    last_error: str
    link: str


def site_link(url_name: str, *args: int, **filters: object) -> str:
    """An admin page as an absolute URL, for a message read outside the site."""
    url = reverse(url_name, args=args)
    query = f"?{urlencode(filters)}" if filters else ""
    return f"{settings.PUBLIC_BASE_URL}{url}{query}"


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def failing(deliveries: QuerySet[WebhookDelivery]) -> QuerySet[WebhookDelivery]:
    """Given up on, or waiting for a retry after a failed attempt; test events left out."""
    retrying = Q(
        status__in=[DeliveryStatus.PENDING, DeliveryStatus.DELIVERING], attempt_count__gt=0
    )
    return deliveries.filter(Q(status=DeliveryStatus.FAILED) | retrying, is_test=False)


def latest_answers(action_ids: Iterable[int]) -> dict[int, str]:
    """Each action's latest attempt's error and what the receiver answered with it."""
    latest = (
        DeliveryAttempt.objects.filter(
            delivery__action__in=list(action_ids), delivery__is_test=False
        )
        .values("delivery__action")
        .annotate(latest=Max("pk"))
        .order_by()
    )
    by_attempt = {row["latest"]: row["delivery__action"] for row in latest}
    attempts = DeliveryAttempt.objects.filter(pk__in=by_attempt).values_list(
        "pk", "error", "response_excerpt"
    )
    return {
        by_attempt[pk]: ": ".join(part for part in (error, excerpt.strip()) if part)
        for pk, error, excerpt in attempts
    }


def actions_failing(rules: AlertRules, now: datetime) -> list[Finding]:
    """Actions whose latest `failed_deliveries_in_a_row` deliveries or more, queued after
    their latest delivery that succeeded, have all failed. A person's switch ends the run; one
    Postcall made does not, so an action switched off while failing stays broken."""
    threshold = max(rules.failed_deliveries_in_a_row, 1)
    watched = Q(action__enabled=True) | ~Q(action__disabled_reason="")
    candidates = list(
        failing(WebhookDelivery.objects.filter(watched))
        .values("action")
        .annotate(count=Count("pk"))
        .filter(count__gte=threshold)
        .values_list("action", flat=True)
        .order_by()
    )
    if not candidates:
        return []
    successes = dict(
        WebhookDelivery.objects.filter(
            action__in=candidates, status=DeliveryStatus.SUCCEEDED, is_test=False
        )
        .values("action")
        .annotate(latest=Max("pk"))
        .values_list("action", "latest")
        .order_by()
    )
    in_a_row = Q(pk__in=[])
    for action_id in candidates:
        after = successes.get(action_id)
        in_a_row |= Q(action_id=action_id, **({"pk__gt": after} if after else {}))
    runs = {
        row["action"]: row
        for row in failing(WebhookDelivery.objects.filter(in_a_row))
        .values("action")
        .annotate(count=Count("pk"), since=Min("created_at"))
        .filter(count__gte=threshold)
        .order_by()
    }
    answers = latest_answers(runs)
    actions = Action.objects.filter(pk__in=runs).select_related("agent")
    return [
        Finding(
            kind=IncidentKind.ACTION_FAILING,
            subject_id=action.pk,
            agent_id=action.agent_id,
            zone=action.agent.timezone,
            what=f"{plural(runs[action.pk]['count'], 'delivery', 'deliveries')} of "
            f"{action.name} ({action.agent.name}) failed in a row",
            since=runs[action.pk]["since"],
            last_error=answers.get(action.pk, ""),
            link=site_link(
                "admin:actions_webhookdelivery_changelist",
                action__id__exact=action.pk,
                failing="yes",
            ),
        )
        for action in actions
    ]


def actions_switched_off(rules: AlertRules, now: datetime) -> list[Finding]:
    """Actions Postcall switched off (a receiver answered 410 Gone, or every delivery
    failed for too long), since their latest attempt; a person's switch leaves no reason
    and is not alerted on."""
    actions = list(
        Action.objects.filter(enabled=False).exclude(disabled_reason="").select_related("agent")
    )
    if not actions:
        return []
    latest = dict(
        DeliveryAttempt.objects.filter(delivery__action__in=actions, delivery__is_test=False)
        .values("delivery__action")
        .annotate(latest=Max("started_at"))
        .values_list("delivery__action", "latest")
        .order_by()
    )
    answers = latest_answers(action.pk for action in actions)
    return [
        Finding(
            kind=IncidentKind.ACTION_SWITCHED_OFF,
            subject_id=action.pk,
            agent_id=action.agent_id,
            zone=action.agent.timezone,
            what=f"{action.name} ({action.agent.name}) was switched off: {action.disabled_reason}",
            since=latest.get(action.pk) or now,
            last_error=answers.get(action.pk, ""),
            link=site_link("admin:agents_agent_change", action.agent_id),
        )
        for action in actions
    ]


def connections_refusing(rules: AlertRules, now: datetime) -> list[Finding]:
    """Enabled connections that refused `refused_requests_in_a_row` requests or more in a
    row for their signature; a verified request ends the run."""
    connections = Connection.objects.filter(
        is_enabled=True, refused_in_a_row__gte=max(rules.refused_requests_in_a_row, 1)
    ).select_related("agent")
    return [
        Finding(
            kind=IncidentKind.CONNECTION_REFUSING,
            subject_id=connection.pk,
            agent_id=connection.agent_id,
            zone=connection.agent.timezone,
            what=f"{plural(connection.refused_in_a_row, 'request', 'requests')} from "
            f"{connection.get_platform_display()} to {connection.agent.name} refused in a row",
            since=connection.refused_since or now,
            last_error=connection.last_refusal,
            link=site_link("admin:connectors_connection_change", connection.pk),
        )
        for connection in connections
    ]


def runs_failing(rules: AlertRules, now: datetime) -> list[Finding]:
    """Agents more than `failed_runs_percent` of whose analyses that finished in the last
    `failed_runs_window_minutes` failed, out of at least `failed_runs_at_least`."""
    window = timedelta(minutes=rules.failed_runs_window_minutes)
    failed = Q(status=RunStatus.FAILED)
    groups = {
        row["call__agent"]: row
        for row in ExtractionRun.objects.filter(
            finished_at__gte=now - window, status__in=[RunStatus.SUCCEEDED, RunStatus.FAILED]
        )
        .values("call__agent")
        .annotate(
            total=Count("pk"),
            failed=Count("pk", filter=failed),
            since=Min("finished_at", filter=failed),
            latest=Max("pk", filter=failed),
        )
        .filter(total__gte=max(rules.failed_runs_at_least, 1))
        .order_by()
        if row["failed"] * 100 > row["total"] * rules.failed_runs_percent
    }
    reasons = {
        pk: f"{RunFailure(kind).label if kind else 'Failed'}: {reason}"
        for pk, kind, reason in ExtractionRun.objects.filter(
            pk__in=[row["latest"] for row in groups.values()]
        ).values_list("pk", "failure_kind", "failure_reason")
    }
    agents = Agent.objects.filter(pk__in=groups).only("pk", "name", "timezone")
    minutes = rules.failed_runs_window_minutes
    return [
        Finding(
            kind=IncidentKind.RUNS_FAILING,
            subject_id=agent.pk,
            agent_id=agent.pk,
            zone=agent.timezone,
            what=f"{groups[agent.pk]['failed']} of {groups[agent.pk]['total']} analyses failed "
            f"for {agent.name} in the last {minutes} minutes",
            since=groups[agent.pk]["since"],
            last_error=reasons.get(groups[agent.pk]["latest"], ""),
            link=site_link(
                "admin:calls_call_changelist", agent__id__exact=agent.pk, status__exact="failed"
            ),
        )
        for agent in agents
    ]


def reviews_gone_stale(rules: AlertRules, now: datetime) -> list[Finding]:
    """Agents with calls waiting for review longer than REVIEW_STALE_AFTER_HOURS, since the
    first became stale, with why the oldest waits."""
    wait = stale_after()
    groups = {
        row["call__agent"]: row
        for row in reviews_stale(now=now)
        .values("call__agent")
        .annotate(count=Count("pk"), oldest=Min("pk"), since=Min("created_at"))
        .order_by()
    }
    reasons = dict(
        Review.objects.filter(pk__in=[row["oldest"] for row in groups.values()]).values_list(
            "pk", "reasons"
        )
    )
    agents = Agent.objects.filter(pk__in=groups).only("pk", "name", "timezone")
    hours = f"{wait.total_seconds() / 3600:g}"
    return [
        Finding(
            kind=IncidentKind.REVIEWS_STALE,
            subject_id=agent.pk,
            agent_id=agent.pk,
            zone=agent.timezone,
            what=f"{plural(groups[agent.pk]['count'], 'call', 'calls')} of {agent.name} "
            f"waited for review longer than {hours} hours",
            since=groups[agent.pk]["since"] + wait,
            last_error="; ".join(map(str, reasons.get(groups[agent.pk]["oldest"]) or [])),
            link=site_link(
                "admin:actions_review_changelist", stale="yes", call__agent__id__exact=agent.pk
            ),
        )
        for agent in agents
    ]


def follow_ups_not_dialled(rules: AlertRules, now: datetime) -> list[Finding]:
    """Agents with follow-ups that could not be dialled (failed, or expired too late to
    ring) since their latest follow-up handed to a dialer; a follow-up a person books again
    or cancels no longer counts."""
    stuck = [FollowUpStatus.FAILED, FollowUpStatus.EXPIRED]
    agent_ids = list(
        FollowUp.objects.filter(status__in=stuck)
        .values_list("agent", flat=True)
        .distinct()
        .order_by()
    )
    if not agent_ids:
        return []
    dialled = dict(
        FollowUp.objects.filter(
            agent__in=agent_ids, status__in=[FollowUpStatus.DIALING, FollowUpStatus.DONE]
        )
        .values("agent")
        .annotate(latest=Max("updated_at"))
        .values_list("agent", "latest")
        .order_by()
    )
    since_dialled = Q(pk__in=[])
    for agent_id in agent_ids:
        after = dialled.get(agent_id)
        since_dialled |= Q(agent_id=agent_id, **({"updated_at__gt": after} if after else {}))
    groups = {
        row["agent"]: row
        for row in FollowUp.objects.filter(since_dialled, status__in=stuck)
        .values("agent")
        .annotate(count=Count("pk"), since=Min("updated_at"), latest=Max("pk"))
        .order_by()
    }
    histories = dict(
        FollowUp.objects.filter(pk__in=[row["latest"] for row in groups.values()]).values_list(
            "pk", "history"
        )
    )
    agents = Agent.objects.filter(pk__in=groups).only("pk", "name", "timezone")
    return [
        Finding(
            kind=IncidentKind.FOLLOW_UPS_NOT_DIALLED,
            subject_id=agent.pk,
            agent_id=agent.pk,
            zone=agent.timezone,
            what=f"{plural(groups[agent.pk]['count'], 'follow-up call', 'follow-up calls')} "
            f"of {agent.name} could not be dialled",
            since=groups[agent.pk]["since"],
            last_error=latest_reason(histories.get(groups[agent.pk]["latest"])),
            link=site_link(
                "admin:actions_followup_changelist",
                agent__id__exact=agent.pk,
                status__in=",".join(stuck),
            ),
        )
        for agent in agents
    ]


def latest_reason(history: object) -> str:
    """The reason of a follow-up's latest transition, as its history recorded it."""
    if isinstance(history, list) and history and isinstance(history[-1], dict):
        return str(history[-1].get("reason", ""))
    return ""


Check = Callable[[AlertRules, datetime], list[Finding]]

CHECKS: dict[str, Check] = {
    IncidentKind.ACTION_FAILING: actions_failing,
    IncidentKind.ACTION_SWITCHED_OFF: actions_switched_off,
    IncidentKind.CONNECTION_REFUSING: connections_refusing,
    IncidentKind.RUNS_FAILING: runs_failing,
    IncidentKind.REVIEWS_STALE: reviews_gone_stale,
    IncidentKind.FOLLOW_UPS_NOT_DIALLED: follow_ups_not_dialled,
}
