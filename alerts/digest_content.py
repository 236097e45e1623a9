"""The daily digest as a person reads it: one calendar day in their zone, each section with
the admin list it sums up, and only the sections their permissions let them open."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Q

from actions.models import (
    ActionRun,
    DeliveryStatus,
    FollowUp,
    FollowUpStatus,
    Outcome,
    Review,
    ReviewStatus,
    WebhookDelivery,
)
from agents.conditions import referenced_fields
from alerts.checks import plural, site_link
from calls.models import Call, CallStatus, ExtractionRun, RunFailure, RunStatus

EXAMPLES = 3
FAILED_FOLLOW_UPS = [FollowUpStatus.FAILED, FollowUpStatus.EXPIRED]


@dataclass(frozen=True)
class Day:
    day: date
    zone: str

    @property
    def start(self) -> datetime:
        return datetime.combine(self.day, time.min, tzinfo=ZoneInfo(self.zone))

    @property
    def end(self) -> datetime:
        return datetime.combine(self.day + timedelta(days=1), time.min, tzinfo=ZoneInfo(self.zone))

    def between(self, name: str) -> dict[str, str]:
        """The admin list's filters for this day on the field `name`."""
        return {
            f"{name}__gte": self.start.isoformat(timespec="seconds"),
            f"{name}__lt": self.end.isoformat(timespec="seconds"),
        }

    def within(self, name: str) -> Q:
        return Q(**{f"{name}__gte": self.start, f"{name}__lt": self.end})


@dataclass(frozen=True)
class DigestSection:
    title: str
    lines: list[str]
    link: str


def yesterday(now: datetime, zone: str) -> Day:
    return Day(now.astimezone(ZoneInfo(zone)).date() - timedelta(days=1), zone)


def calls_section(day: Day) -> DigestSection:
    rows = (
        Call.objects.filter(day.within("started_at"))
        .values("agent__name")
        .annotate(
            total=Count("pk"),
            analysed=Count("pk", filter=Q(status=CallStatus.ANALYZED)),
            failed=Count("pk", filter=Q(status=CallStatus.FAILED)),
        )
        .order_by("agent__name")
    )
    lines = [
        f"{row['agent__name']}: {plural(row['total'], 'call', 'calls')}, "
        f"{row['analysed']} analysed, {row['failed']} failed"
        for row in rows
    ]
    return DigestSection(
        "Calls",
        lines or ["No calls."],
        site_link("admin:calls_call_changelist", **day.between("started_at")),
    )


def fired_values(run: ActionRun) -> str:
    """The values the action's condition read, as they were when it fired."""
    values = run.extraction_run.values or {}
    read = sorted(referenced_fields(run.condition))
    if not read:
        return f"call {run.call_id} (no condition: fires on every call)"
    shown = ", ".join(f"{name}={json.dumps(values.get(name), ensure_ascii=False)}" for name in read)
    return f"call {run.call_id}: {shown}"


def fired_section(day: Day) -> DigestSection:
    fired = ActionRun.objects.filter(day.within("created_at"), outcome=Outcome.FIRED)
    rows = (
        fired.values("action_id", "action__name", "action__agent__name")
        .annotate(count=Count("pk"))
        .order_by("action__agent__name", "action__name")
    )
    lines = []
    for row in rows:
        examples = fired.filter(action_id=row["action_id"]).select_related("extraction_run")
        lines.append(
            f"{row['action__name']} ({row['action__agent__name']}): fired "
            f"{plural(row['count'], 'time', 'times')}"
        )
        lines += [f"  e.g. {fired_values(run)}" for run in examples[:EXAMPLES]]
    return DigestSection(
        "Values that fired actions",
        lines or ["No action fired."],
        site_link(
            "admin:actions_actionrun_changelist",
            outcome__exact=Outcome.FIRED,
            **day.between("created_at"),
        ),
    )


def reviews_section(day: Day) -> DigestSection:
    done = Review.objects.filter(
        day.within("decided_at"), status__in=[ReviewStatus.RELEASED, ReviewStatus.REJECTED]
    )
    statuses = Counter(done.values_list("status", flat=True))
    corrected: Counter[str] = Counter()
    for fields in done.values_list("corrected", flat=True):
        corrected.update(fields or [])
    lines = []
    if statuses:
        lines.append(
            f"{statuses[ReviewStatus.RELEASED]} released, "
            f"{statuses[ReviewStatus.REJECTED]} discarded"
        )
    if corrected:
        shown = ", ".join(f"{name} ({count})" for name, count in sorted(corrected.items()))
        lines.append(f"Corrected fields: {shown}")
    return DigestSection(
        "Reviews done",
        lines or ["No review was done."],
        site_link("admin:actions_review_changelist", status="decided", **day.between("decided_at")),
    )


def deliveries_given_up(day: Day) -> DigestSection:
    rows = (
        WebhookDelivery.objects.filter(
            day.within("finished_at"), status=DeliveryStatus.FAILED, is_test=False
        )
        .values("action__name", "action__agent__name")
        .annotate(count=Count("pk"))
        .order_by("action__agent__name", "action__name")
    )
    lines = [
        f"{row['action__name']} ({row['action__agent__name']}): "
        f"{plural(row['count'], 'delivery', 'deliveries')} given up"
        for row in rows
    ]
    return DigestSection(
        "Webhook deliveries given up",
        lines or ["None."],
        site_link(
            "admin:actions_webhookdelivery_changelist",
            status__exact=DeliveryStatus.FAILED,
            **day.between("finished_at"),
        ),
    )


def follow_ups_failed(day: Day) -> DigestSection:
    count = FollowUp.objects.filter(day.within("updated_at"), status__in=FAILED_FOLLOW_UPS).count()
    return DigestSection(
        "Follow-up calls failed",
        [f"{plural(count, 'follow-up call', 'follow-up calls')} could not be rung"]
        if count
        else ["None."],
        site_link(
            "admin:actions_followup_changelist",
            status__in=",".join(FAILED_FOLLOW_UPS),
            **day.between("updated_at"),
        ),
    )


def runs_failed(day: Day) -> DigestSection:
    rows = (
        ExtractionRun.objects.filter(day.within("finished_at"), status=RunStatus.FAILED)
        .values("failure_kind")
        .annotate(count=Count("pk"))
        .order_by("-count", "failure_kind")
    )
    labels = dict(RunFailure.choices)
    lines = [
        f"{labels.get(row['failure_kind'], 'Reason not recorded')}: "
        f"{plural(row['count'], 'run', 'runs')}"
        for row in rows
    ]
    return DigestSection(
        "Analyses failed, by reason",
        lines or ["None."],
        site_link(
            "admin:calls_call_changelist",
            status__exact=CallStatus.FAILED,
            **day.between("started_at"),
        ),
    )


# Each section and the permission that opens the admin list it sums up.
SECTIONS = (
    ("calls.view_call", calls_section),
    ("actions.view_actionrun", fired_section),
    ("actions.view_review", reviews_section),
    ("actions.view_webhookdelivery", deliveries_given_up),
    ("actions.view_followup", follow_ups_failed),
    ("calls.view_extractionrun", runs_failed),
)


def digest_sections(*, user: Any, day: Day) -> list[DigestSection]:
    return [section(day) for permission, section in SECTIONS if user.has_perm(permission)]


def digest_text(*, user: Any, day: Day) -> tuple[str, str]:
    """The email's subject and plain text body."""
    subject = f"Postcall daily digest for {day.day.isoformat()} ({day.zone})"
    body = [
        f"What happened on {day.day:%A %d %B %Y}, from midnight to midnight in {day.zone}.",
    ]
    for section in digest_sections(user=user, day=day):
        body += ["", section.title, *section.lines, f"See them: {section.link}"]
    return subject, "\n".join(body)
