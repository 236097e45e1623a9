"""The daily digest: a row per user and day once the user's hour has come in their zone,
then claimed and sent through the task queue with the alert messages' retries."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from alerts.digest_content import Day, digest_text, yesterday
from alerts.models import Digest, DigestSubscription, MessageStatus
from alerts.sending import Failure, failed_changes, lease, send_plain_email, sent_changes
from infra.claims import claim_and_enqueue, due_or_abandoned


def digests_due(now: datetime) -> list[Digest]:
    """The digests of the users whose hour it is in their zone and that have no row yet:
    each one's yesterday. Only during that hour: turning the digest on in the evening
    sends nothing until the next morning's hour."""
    wanted = [
        Digest(
            user_id=subscription.user_id,
            day=yesterday(now, subscription.timezone).day,
            zone=subscription.timezone,
            next_attempt_at=now,
        )
        for subscription in DigestSubscription.objects.filter(
            enabled=True, user__is_active=True, user__is_staff=True, user__email__gt=""
        )
        if now.astimezone(ZoneInfo(subscription.timezone)).hour == subscription.send_hour
    ]
    existing = set(
        Digest.objects.filter(
            user_id__in=[digest.user_id for digest in wanted],
            day__in={digest.day for digest in wanted},
        ).values_list("user_id", "day")
    )
    return [digest for digest in wanted if (digest.user_id, digest.day) not in existing]


def digests_create(*, now: datetime | None = None) -> int:
    """The scheduler's step: record the digests due now; return how many were due.
    Another scheduler's row for the same user and day wins, and this one is dropped."""
    new = digests_due(now or timezone.now())
    if not new:
        return 0
    return len(Digest.objects.bulk_create(new, ignore_conflicts=True))


def digests_dispatch(*, limit: int = 100) -> int:
    """Claim due digests and queue a send for each; return how many."""
    now = timezone.now()
    return claim_and_enqueue(
        due_or_abandoned(
            Digest.objects.all(),
            waiting=MessageStatus.PENDING,
            claimed=MessageStatus.SENDING,
            now=now,
        ),
        claimed=MessageStatus.SENDING,
        lease_expires_at=now + lease(),
        task="alerts.tasks.send_digest",
        limit=limit,
    )


def digest_send(*, digest_id: int) -> None:
    """Send one claimed digest and record how it went."""
    digest = (
        Digest.objects.select_related("user")
        .filter(pk=digest_id, status=MessageStatus.SENDING)
        .first()
    )
    if digest is None:
        return
    subject, body = digest_text(user=digest.user, day=Day(digest.day, digest.zone))
    failure: Failure | None = send_plain_email([digest.user.email], subject, body)
    if failure is None:
        changes = sent_changes(digest.attempts)
    else:
        changes = failed_changes(f"digest {digest.pk} to {digest.user}", digest.attempts, failure)
    Digest.objects.filter(pk=digest.pk).update(**changes)


def digest_subscription(user_id: int) -> DigestSubscription:
    """The user's own setting; off until they turn it on (unsaved until then)."""
    stored = DigestSubscription.objects.filter(user_id=user_id).first()
    return stored or DigestSubscription(user_id=user_id)


def digest_subscription_save(
    *, user_id: int, enabled: bool, zone: str, send_hour: int
) -> DigestSubscription:
    DigestSubscription.objects.update_or_create(
        user_id=user_id,
        defaults={"enabled": enabled, "timezone": zone, "send_hour": send_hour},
    )
    return digest_subscription(user_id)
