"""The ops home page's sections: each selector's counts (console/home.py) as lines a person
reads, each with the admin list of exactly what it counts, for what the user may see."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from actions.models import FollowUpStatus
from calls.models import CallStatus
from connectors.models import Verdict
from console.home import (
    FOLLOW_UP_FAILED_WINDOW,
    OVERDUE_AFTER,
    QUIET,
    RECENT,
    USUAL_DAYS,
    calls_today,
    connection_troubles,
    failed_analyses,
    failing_actions,
    follow_up_trouble,
    review_counts,
    switched_off_actions,
)
from extraction.timezones import local_text


@dataclass(frozen=True)
class Line:
    count: int
    text: str
    url: str | None
    """The admin list of exactly what is counted; None where the user may not open it."""
    detail: str = ""
    """Why, and since when."""


@dataclass(frozen=True)
class Section:
    title: str
    lines: list[Line]
    nothing: str
    """What the section says when nothing waits."""
    news: bool = False
    """Figures to know rather than work to do: they never count as waiting."""


def admin_list(name: str, **filters: Any) -> str:
    url = reverse(f"admin:{name}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def review_lines(*, now: datetime, user: Any) -> Section:
    counts = review_counts(now=now)
    lines = []
    if counts.waiting:
        lines.append(
            Line(
                counts.waiting,
                plural(counts.waiting, "call waits for review", "calls wait for review"),
                admin_list("actions_review"),
            )
        )
    if counts.stale:
        lines.append(
            Line(
                counts.stale,
                f"of them {plural(counts.stale, 'has', 'have')} waited longer than "
                f"{counts.stale_hours:g} hours",
                admin_list("actions_review", stale="yes"),
                "They are never released without a person.",
            )
        )
    return Section("Reviews", lines, "No call waits for review.")


def webhook_lines(*, now: datetime, user: Any) -> Section:
    lines = []
    if user.has_perm("actions.view_webhookdelivery"):
        for failing in failing_actions(now=now):
            lines.append(
                Line(
                    failing.count,
                    f"{plural(failing.count, 'delivery', 'deliveries')} of {failing.name} "
                    f"({failing.agent}) failing since {local_text(failing.since, failing.zone)}",
                    admin_list(
                        "actions_webhookdelivery",
                        action__id__exact=failing.action_id,
                        failing="yes",
                        created_at__gte=iso(now - RECENT),
                    ),
                    f"Last error: {failing.last_error}" if failing.last_error else "",
                )
            )
    if user.has_perm("agents.view_agent"):
        for action in switched_off_actions():
            lines.append(
                Line(
                    1,
                    f"action switched off: {action.name} ({action.agent})",
                    reverse("admin:agents_agent_change", args=[action.agent_id]),
                    f"Why: {action.reason}",
                )
            )
    return Section("Webhooks and actions", lines, "Every action's deliveries are going through.")


def connection_lines(*, now: datetime, user: Any) -> Section:
    lines = []
    for trouble in connection_troubles(now=now):
        page = reverse("admin:connectors_connection_change", args=[trouble.connection_id])
        if trouble.refused_in_a_row:
            since = local_text(trouble.refused_since, trouble.zone) if trouble.refused_since else ""
            lines.append(
                Line(
                    trouble.refused_in_a_row,
                    f"{plural(trouble.refused_in_a_row, 'request', 'requests')} to "
                    f"{trouble.name} refused in a row since {since}",
                    page,
                    f"{trouble.last_refusal}. Check that the secret in Postcall is the one the "
                    "platform signs with.",
                )
            )
        if trouble.invalid:
            deliveries = (
                admin_list(
                    "connectors_delivery",
                    connection__id__exact=trouble.connection_id,
                    verdict__exact=Verdict.INVALID,
                    received_at__gte=iso(now - RECENT),
                )
                if user.has_perm("connectors.view_delivery")
                else page
            )
            lines.append(
                Line(
                    trouble.invalid,
                    f"{plural(trouble.invalid, 'delivery', 'deliveries')} to {trouble.name} "
                    f"refused in the last {RECENT.total_seconds() / 3600:g} hours: not a "
                    "finished call's shape",
                    deliveries,
                    f"Latest: {trouble.last_invalid}" if trouble.last_invalid else "",
                )
            )
        if trouble.quiet:
            lines.append(
                Line(
                    0,
                    f"deliveries to {trouble.name} in the last {QUIET.total_seconds() / 3600:g} "
                    "hours",
                    page,
                    f"The same hours of the previous {USUAL_DAYS} days brought "
                    f"{trouble.usual:.1f} on average.",
                )
            )
    return Section(
        "Voice platforms", lines, "Every platform's deliveries are arriving and verified."
    )


def analysis_lines(*, now: datetime, user: Any) -> Section:
    lines = [
        Line(
            group.count,
            f"{plural(group.count, 'call', 'calls')} not analysed: {group.label}",
            admin_list("calls_call", status__exact=CallStatus.FAILED, failure=group.kind or "none"),
            f"Latest: {group.latest_reason}" if group.latest_reason else "",
        )
        for group in failed_analyses()
    ]
    return Section("Analyses", lines, "No call's analysis has failed.")


def follow_up_lines(*, now: datetime, user: Any) -> Section:
    trouble = follow_up_trouble(now=now)
    lines = []
    if trouble.failed:
        lines.append(
            Line(
                trouble.failed,
                f"{plural(trouble.failed, 'follow-up', 'follow-ups')} due in the last "
                f"{FOLLOW_UP_FAILED_WINDOW.days} days could not be rung (failed or expired)",
                admin_list(
                    "actions_followup",
                    status__in=f"{FollowUpStatus.FAILED},{FollowUpStatus.EXPIRED}",
                    due_at__gte=iso(now - FOLLOW_UP_FAILED_WINDOW),
                ),
            )
        )
    if trouble.overdue:
        lines.append(
            Line(
                trouble.overdue,
                f"{plural(trouble.overdue, 'follow-up', 'follow-ups')} overdue: due more than "
                f"{OVERDUE_AFTER.total_seconds() / 60:g} minutes ago and not handed to a dialer",
                admin_list(
                    "actions_followup",
                    status__exact=FollowUpStatus.PENDING,
                    due_at__lt=iso(now - OVERDUE_AFTER),
                ),
                "Check that the scheduler and the task workers are running.",
            )
        )
    return Section("Follow-up calls", lines, "Every follow-up call went out on time.")


def today_lines(*, now: datetime, user: Any) -> Section:
    lines = []
    for agent in calls_today(now=now):
        share = agent.analysed_share
        lines.append(
            Line(
                agent.total,
                f"{plural(agent.total, 'call', 'calls')} to {agent.name} today "
                f"(since midnight in {agent.zone})",
                admin_list(
                    "calls_call",
                    agent__id__exact=agent.agent_id,
                    started_at__gte=iso(agent.midnight),
                ),
                f"{agent.analysed} analysed ({share:.0%} of those with a transcript)"
                if share is not None
                else "None with a transcript yet.",
            )
        )
    return Section("Today's calls", lines, "No agent is active.", news=True)


SECTIONS: list[tuple[str, Callable[..., Section]]] = [
    ("actions.view_review", review_lines),
    ("actions.view_webhookdelivery", webhook_lines),
    ("connectors.view_connection", connection_lines),
    ("calls.view_call", analysis_lines),
    ("actions.view_followup", follow_up_lines),
    ("calls.view_call", today_lines),
]


def home_sections(*, user: Any, now: datetime) -> list[Section]:
    """The sections the user may see, in the order of the page."""
    return [
        lines(now=now, user=user) for permission, lines in SECTIONS if user.has_perm(permission)
    ]


def waiting_total(sections: list[Section]) -> int:
    """How many sections have something waiting."""
    return sum(1 for section in sections if section.lines and not section.news)
