from __future__ import annotations

import secrets
from zoneinfo import ZoneInfo

from django.db import models

from agents.models import Action
from calls.models import Call, ExtractionRun


class Outcome(models.TextChoices):
    FIRED = "fired"
    SKIPPED = "skipped"
    NOT_APPLICABLE = "not_applicable", "Not applicable"
    FAILED = "failed"
    HELD = "held", "Waiting for review"


class ReviewStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    RELEASED = "released"
    REJECTED = "rejected"
    SUPERSEDED = "superseded", "Superseded by a re-run"


class ReviewReason(models.TextChoices):
    """Why a call waits for a person; a review may have several."""

    UNGROUNDED = "ungrounded", "a value has no evidence"
    INVALID = "invalid", "a value is invalid"
    MISSING = "missing", "a required field is missing"
    CONFIDENCE = "confidence", "a value's confidence is too low"
    ALWAYS = "always", "the action is always reviewed"


class Review(models.Model):
    """A call's held actions, waiting for a person to confirm or correct its values.

    Releasing stores the reviewed values here and sets `release_due_at`; the hand-off
    step then decides the held actions once, on these values.
    """

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="reviews")
    extraction_run = models.OneToOneField(
        ExtractionRun, on_delete=models.CASCADE, related_name="review"
    )
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    # Space-separated ReviewReason values, padded (" ungrounded missing "), so that a
    # filter by reason is one LIKE on every database.
    reason_kinds = models.CharField(max_length=100, blank=True)
    reasons = models.JSONField(default=list, help_text="Why it waits, in plain words.")
    # Stored when the actions are held, so that the queue sorts and filters on a column.
    lowest_confidence = models.FloatField(
        null=True,
        blank=True,
        help_text="The lowest confidence among the values its held actions use; empty when "
        "one of them has none (or they use none).",
    )
    lowest_confidence_field = models.CharField(
        max_length=64, blank=True, help_text="The value that has the lowest confidence."
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    decided_by = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    values = models.JSONField(default=dict, blank=True, help_text="The reviewed values.")
    times = models.JSONField(
        default=dict, blank=True, help_text="For a date field, the reviewed time of day."
    )
    corrected = models.JSONField(
        default=list, blank=True, help_text="The fields whose value the reviewer changed."
    )
    release_due_at = models.DateTimeField(null=True, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    release_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["status", "lowest_confidence"]),
            models.Index(
                fields=["release_due_at"],
                condition=models.Q(release_due_at__isnull=False),
                name="review_release_waiting",
            ),
        ]

    def __str__(self) -> str:
        return f"review of call {self.call_id}"

    def kinds(self) -> list[str]:
        return self.reason_kinds.split()


class ActionRun(models.Model):
    """The decision on one action for one call, and why."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="runs")
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="action_runs")
    extraction_run = models.ForeignKey(
        ExtractionRun, on_delete=models.CASCADE, related_name="action_runs"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reason = models.TextField()
    condition = models.JSONField(null=True, blank=True, help_text="The condition as it was.")
    review = models.ForeignKey(
        "actions.Review",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_runs",
        help_text="The review the action was held for; once released it fires on its values.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "extraction_run"], name="one_decision_per_action_and_run"
            )
        ]

    def __str__(self) -> str:
        return f"{self.action} on call {self.call_id}: {self.outcome}"


class WebhookSecret(models.Model):
    """A signing secret; during rotation the old one stays valid until it expires."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="webhook_secrets")
    secret = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"secret {self.pk} of {self.action}"


class ActionCredential(models.Model):
    """A credential of a native action (a private-app token, an incoming webhook URL, OAuth
    client keys): typed into the action's config once, then kept here, never stored with
    the config, exported or shown again."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="credentials")
    name = models.CharField(max_length=50, help_text="The config key it was typed under.")
    value = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["action", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "name"], name="one_credential_per_action_and_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} of {self.action}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending"
    DELIVERING = "delivering"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class WebhookDelivery(models.Model):
    """One event for one webhook action: the exact bytes, sent until a 2xx or given up."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="deliveries")
    action_run = models.ForeignKey(
        ActionRun, on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries"
    )
    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries"
    )
    event_type = models.CharField(max_length=50)
    is_test = models.BooleanField(default=False, help_text="Sent by hand; never retried.")
    message_id = models.CharField(max_length=64, unique=True)
    url = models.URLField(max_length=2000)
    method = models.CharField(
        max_length=7, default="POST", help_text="The HTTP method the body was made for."
    )
    content_type = models.CharField(
        max_length=60, default="application/json", help_text="The body's media type."
    )
    body = models.TextField(help_text="The exact bytes sent, as UTF-8.")
    status = models.CharField(
        max_length=12, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempt_count = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name_plural = "webhook deliveries"

    def __str__(self) -> str:
        return f"{self.event_type} {self.message_id}"


class DeliveryAttempt(models.Model):
    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField()
    url = models.URLField(max_length=2000, blank=True, help_text="Where this attempt went.")
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    response_excerpt = models.TextField(blank=True)
    error = models.TextField(blank=True)
    next_try_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["delivery", "number"]

    def __str__(self) -> str:
        return f"attempt {self.number} of {self.delivery_id}"


class FollowUpStatus(models.TextChoices):
    PENDING = "pending"
    CLAIMED = "claimed"
    DIALING = "dialing"
    DONE = "done"
    FAILED = "failed"
    CANCELED = "canceled"
    EXPIRED = "expired"


class FollowUp(models.Model):
    """A follow-up call booked for a due time, fired exactly once."""

    agent = models.ForeignKey("agents.Agent", on_delete=models.CASCADE, related_name="follow_ups")
    source_call = models.ForeignKey(
        Call, on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_ups"
    )
    action_run = models.ForeignKey(
        ActionRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_ups"
    )
    to_number = models.CharField(max_length=32)
    from_number = models.CharField(max_length=32)
    due_at = models.DateTimeField(db_index=True)
    status = models.CharField(
        max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    fired_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When it was last handed to a dialer; fired_at - due_at is its lateness.",
    )
    dialer = models.CharField(max_length=20, blank=True)
    dialer_reference = models.CharField(max_length=200, blank=True)
    dial_key = models.CharField(
        max_length=100,
        blank=True,
        help_text="The idempotency key of the last hand-off to a dialer, kept until the "
        "dialer's answer settles it: a hand-off repeated in doubt carries the same key.",
    )
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    result_call = models.ForeignKey(
        Call, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = models.JSONField(
        default=list, blank=True, help_text="Every transition and adjustment, with its reason."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["status", "due_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["agent", "to_number"],
                condition=models.Q(status="pending"),
                name="one_pending_follow_up_per_agent_and_number",
            )
        ]

    def __str__(self) -> str:
        return f"follow-up {self.pk} to {self.to_number}"

    @property
    def zone(self) -> ZoneInfo:
        """The zone its times are read in: the call it follows up, else its agent's."""
        if self.source_call_id is not None and self.source_call is not None:
            return self.source_call.zone
        return ZoneInfo(self.agent.timezone)


class TransferDecision(models.Model):
    """A during-call answer to "transfer now?", kept with the values it was based on."""

    agent = models.ForeignKey(
        "agents.Agent", on_delete=models.CASCADE, related_name="transfer_decisions"
    )
    external_id = models.CharField(max_length=200, help_text="The live call's id.")
    call = models.ForeignKey(
        Call, on_delete=models.SET_NULL, null=True, blank=True, related_name="transfer_decisions"
    )
    action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    transfer = models.BooleanField()
    to_number = models.CharField(max_length=32, blank=True)
    reason = models.TextField()
    values = models.JSONField(default=dict, blank=True)
    backend = models.CharField(max_length=20)
    latency_ms = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["agent", "external_id"])]

    def __str__(self) -> str:
        return f"{'transfer' if self.transfer else 'stay'} on {self.external_id}"


def new_inbox_token() -> str:
    return secrets.token_urlsafe(24)


class WebhookInbox(models.Model):
    """A receiver inside Postcall that records what it is sent: try a webhook with no
    outside tool. Its URL carries an unguessable token."""

    name = models.CharField(max_length=200)
    token = models.CharField(max_length=64, unique=True, default=new_inbox_token, editable=False)
    action = models.ForeignKey(
        Action,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inboxes",
        limit_choices_to={"type": "webhook"},
        help_text="Check the signatures of what arrives against this webhook action's secrets.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook inboxes"

    def __str__(self) -> str:
        return self.name


class InboxRequest(models.Model):
    """One request an inbox received, as received."""

    inbox = models.ForeignKey(WebhookInbox, on_delete=models.CASCADE, related_name="requests")
    received_at = models.DateTimeField(auto_now_add=True)
    method = models.CharField(max_length=10)
    headers = models.JSONField(default=dict)
    body = models.TextField(blank=True)
    signature_verified = models.BooleanField(
        null=True, help_text="Empty when not checked: no signature, or no linked action."
    )
    signature_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.method} to {self.inbox} at {self.received_at:%Y-%m-%d %H:%M:%S}"
