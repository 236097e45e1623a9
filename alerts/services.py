"""Opening and closing incidents from the checks, and queueing their messages: one when an
incident opens, one when it recovers, to every destination of the site and of its agent."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from alerts.checks import CHECKS, Finding
from alerts.models import (
    AlertDestination,
    AlertMessage,
    AlertRules,
    Incident,
    MessageEvent,
    MessageStatus,
    SilencedKind,
)
from alerts.sending import alert_messages_dispatch

logger = logging.getLogger(__name__)


def alert_rules() -> AlertRules:
    rules, _ = AlertRules.objects.get_or_create(pk=1)
    return rules


def alerts_check_claim(*, now: datetime) -> bool:
    """Take the turn to check, once every ALERTS_CHECK_SECONDS whatever the number of
    schedulers: a conditional UPDATE that exactly one of them wins."""
    alert_rules()
    due = Q(checked_at__isnull=True) | Q(
        checked_at__lte=now - timedelta(seconds=settings.ALERTS_CHECK_SECONDS)
    )
    return bool(AlertRules.objects.filter(due, pk=1).update(checked_at=now))


def alerts_check_if_due() -> int:
    """The scheduler's step: check when it is time; return how many incidents changed."""
    now = timezone.now()
    if not alerts_check_claim(now=now):
        return 0
    return alerts_check(now=now)


def alerts_check(*, now: datetime) -> int:
    """Open an incident for each new finding and close those no longer found; return how
    many opened or closed."""
    rules = alert_rules()
    changed = 0
    for kind, check in CHECKS.items():
        try:
            findings = check(rules, now)
        except DatabaseError:
            # One kind's failing query must not silence the others.
            logger.exception("the %s check failed", kind)
            continue
        changed += incidents_update(kind=kind, findings=findings, now=now)
    return changed


def incidents_update(*, kind: str, findings: list[Finding], now: datetime) -> int:
    """Open an incident for each finding not open yet, close each open one not found."""
    found = {finding.subject_id: finding for finding in findings}
    open_ids = set(
        Incident.objects.filter(kind=kind, closed_at__isnull=True).values_list(
            "subject_id", flat=True
        )
    )
    opened = sum(incident_open(finding=found[subject_id]) for subject_id in found.keys() - open_ids)
    closed = sum(
        incident_close(kind=kind, subject_id=subject_id, now=now)
        for subject_id in open_ids - found.keys()
    )
    return opened + closed


def incident_open(*, finding: Finding) -> int:
    """Record the incident and queue its first message; 0 when it is open already."""
    silenced = SilencedKind.objects.filter(kind=finding.kind).exists()
    try:
        with transaction.atomic():
            incident = Incident.objects.create(
                kind=finding.kind,
                subject_id=finding.subject_id,
                agent_id=finding.agent_id,
                what=finding.what[:500],
                since=finding.since,
                zone=finding.zone,
                last_error=finding.last_error,
                link=finding.link,
                silenced=silenced,
            )
            messages_queue(incident=incident, event=MessageEvent.OPENED)
    except IntegrityError:
        return 0
    logger.info("incident %s opened: %s", incident.pk, incident.what)
    return 1


def incident_close(*, kind: str, subject_id: int, now: datetime) -> int:
    """Close the open incident and queue its recovery message; 0 when none is open."""
    with transaction.atomic():
        incident = (
            Incident.objects.select_for_update()
            .filter(kind=kind, subject_id=subject_id, closed_at__isnull=True)
            .first()
        )
        if incident is None:
            return 0
        Incident.objects.filter(pk=incident.pk).update(closed_at=now)
        messages_queue(incident=incident, event=MessageEvent.RECOVERED)
    logger.info("incident %s recovered: %s", incident.pk, incident.what)
    return 1


def destinations_for(incident: Incident) -> list[AlertDestination]:
    """The site's destinations and those of the incident's agent."""
    scope = Q(agent__isnull=True)
    if incident.agent_id is not None:
        scope |= Q(agent_id=incident.agent_id)
    return list(AlertDestination.objects.filter(scope, enabled=True))


def messages_queue(*, incident: Incident, event: str) -> None:
    """A message to each destination, sent once the transaction commits; none for a
    silenced incident."""
    if incident.silenced:
        return
    now = timezone.now()
    messages = AlertMessage.objects.bulk_create(
        AlertMessage(incident=incident, destination=destination, event=event, next_attempt_at=now)
        for destination in destinations_for(incident)
    )
    ids = [message.pk for message in messages]
    if ids:
        transaction.on_commit(lambda: alert_messages_dispatch(ids=ids))


def incident_silence(*, incident: Incident) -> None:
    """Send nothing more about this incident, its recovery included."""
    Incident.objects.filter(pk=incident.pk).update(silenced=True)
    AlertMessage.objects.filter(incident=incident, status=MessageStatus.PENDING).delete()


def kind_silence(*, kind: str, by: str) -> None:
    """Send no message for this kind of alert, its open incidents' recoveries included;
    its incidents are still recorded."""
    SilencedKind.objects.get_or_create(kind=kind, defaults={"silenced_by": by})
    for incident in Incident.objects.filter(kind=kind, closed_at__isnull=True, silenced=False):
        incident_silence(incident=incident)


def destination_save(
    *,
    destination: AlertDestination,
    agent_id: int | None,
    channel: str,
    target: str | None,
    enabled: bool,
) -> AlertDestination:
    """Store a destination; a `target` of None keeps the stored one (a webhook URL is
    typed once and never shown)."""
    destination.agent_id = agent_id
    destination.channel = channel
    destination.enabled = enabled
    if target is not None:
        destination.target = target
    destination.save()
    return destination


def alert_rules_save(*, thresholds: dict[str, int]) -> None:
    """Store the thresholds the admin's form checked, by field name."""
    alert_rules()
    AlertRules.objects.filter(pk=1).update(**thresholds)
