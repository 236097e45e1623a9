"""Alerts: where they go, the thresholds that raise them, and the incidents they tell of.

An incident is one thing broken (what, and which action or connection), open from the
check that first finds it until the check that finds it working again; its messages are
sent once when it opens and once when it closes, however many failures come between.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q

from agents.models import Agent
from agents.validators import validate_timezone


class IncidentKind(models.TextChoices):
    ACTION_FAILING = "action_failing", "Action's deliveries failing"
    ACTION_SWITCHED_OFF = "action_switched_off", "Action switched off"
    CONNECTION_REFUSING = "connection_refusing", "Voice platform's requests refused"
    RUNS_FAILING = "runs_failing", "Analyses failing"
    REVIEWS_STALE = "reviews_stale", "Reviews gone stale"
    FOLLOW_UPS_NOT_DIALLED = "follow_ups_not_dialled", "Follow-up calls not dialled"


class AlertRules(models.Model):
    """The site's thresholds, one row; the scheduler's latest check is kept on it, so that
    of several schedulers only one checks at a time."""

    failed_deliveries_in_a_row = models.PositiveIntegerField(
        default=5,
        help_text="N: alert when this many deliveries of an action in a row have failed "
        "(given up on, or waiting for a retry after a failed attempt).",
    )
    refused_requests_in_a_row = models.PositiveIntegerField(
        default=5,
        help_text="M: alert when a voice platform connection has refused this many "
        "requests in a row for their signature.",
    )
    failed_runs_percent = models.PositiveSmallIntegerField(
        default=20,
        help_text="Alert when more than this share of an agent's analyses, in percent, "
        "failed in the window below.",
    )
    failed_runs_window_minutes = models.PositiveIntegerField(
        default=60, help_text="The analyses that finished in this many minutes are counted."
    )
    failed_runs_at_least = models.PositiveIntegerField(
        default=5,
        help_text="Fewer analyses than this in the window are not enough to judge a rate.",
    )
    checked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "alert thresholds"
        verbose_name_plural = "alert thresholds"

    def __str__(self) -> str:
        return "Alert thresholds"


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    SLACK = "slack", "Slack incoming webhook"
    TEAMS = "teams", "Microsoft Teams incoming webhook"


class AlertDestination(models.Model):
    """Where alerts go: for the whole site (no agent) or for one agent's alerts only."""

    agent = models.ForeignKey(
        Agent,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="alert_destinations",
        help_text="Empty: every alert of the site.",
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    # Email addresses, or a webhook URL, which is a credential: never shown once saved.
    target = models.TextField()
    enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agent__name", "channel", "id"]

    def __str__(self) -> str:
        scope = self.agent.name if self.agent else "the whole site"
        return f"{self.get_channel_display()} for {scope}"


class SilencedKind(models.Model):
    """A kind of alert no message is sent for; its incidents are still recorded."""

    kind = models.CharField(max_length=30, choices=IncidentKind.choices, unique=True)
    silenced_by = models.CharField(max_length=150, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: silenced"


class Incident(models.Model):
    kind = models.CharField(max_length=30, choices=IncidentKind.choices)
    subject_id = models.PositiveBigIntegerField(help_text="The action's or connection's id.")
    agent = models.ForeignKey(
        Agent, on_delete=models.SET_NULL, null=True, blank=True, related_name="incidents"
    )
    what = models.CharField(max_length=500, help_text="What broke, as the alert says it.")
    since = models.DateTimeField(help_text="When it started failing.")
    zone = models.CharField(max_length=64, default="UTC", help_text="The agent's time zone.")
    last_error = models.TextField(blank=True)
    link = models.URLField(max_length=2000, help_text="The page to fix it on.")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    silenced = models.BooleanField(
        default=False, help_text="No message is sent for it, not even when it recovers."
    )

    class Meta:
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_id"],
                condition=Q(closed_at__isnull=True),
                name="incident_one_open_per_kind_and_subject",
            )
        ]

    def __str__(self) -> str:
        return self.what


class MessageEvent(models.TextChoices):
    OPENED = "opened", "Broken"
    RECOVERED = "recovered", "Recovered"


class MessageStatus(models.TextChoices):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class Sendable(models.Model):
    """A message to people, claimed and sent with retries as a webhook delivery is."""

    status = models.CharField(
        max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class AlertMessage(Sendable):
    """One message of an incident to one destination, sent with retries."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="messages")
    destination = models.ForeignKey(
        AlertDestination, on_delete=models.CASCADE, related_name="messages"
    )
    event = models.CharField(max_length=10, choices=MessageEvent.choices)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="alert_message_due")]

    def __str__(self) -> str:
        return f"{self.get_event_display()} message of {self.incident}"


class DigestSubscription(models.Model):
    """A staff user's daily digest by email: off until they turn it on for themselves."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_subscription"
    )
    enabled = models.BooleanField(default=False, verbose_name="send me the daily digest")
    timezone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_timezone],
        help_text="Your 'yesterday' and the hour below are in this zone, e.g. Europe/Istanbul.",
    )
    send_hour = models.PositiveSmallIntegerField(
        default=7,
        validators=[MaxValueValidator(23)],
        help_text="The hour of the day, 0 to 23 in your zone, the digest is sent at.",
    )

    def __str__(self) -> str:
        return f"Daily digest of {self.user}"


class Digest(Sendable):
    """One day's digest to one user, sent with retries; one row per user and day, so that
    it is sent once whatever the number of schedulers."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests"
    )
    day = models.DateField(help_text="The day it tells of, in `zone`.")
    zone = models.CharField(max_length=64)

    class Meta:
        ordering = ["-day", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="digest_one_per_user_and_day")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="digest_due")]

    def __str__(self) -> str:
        return f"Digest of {self.day} to {self.user}"
