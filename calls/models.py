from __future__ import annotations

from zoneinfo import ZoneInfo

from django.db import models

from agents.models import Agent, AgentVersion
from agents.validators import validate_timezone
from extraction.types import BackendErrorKind, Turn


class CallDirection(models.TextChoices):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class CallStatus(models.TextChoices):
    """Where the call stands in Postcall's processing, not on the phone network."""

    RECEIVED = "received", "Received"
    ANALYZING = "analyzing", "Analyzing"
    ANALYZED = "analyzed", "Analyzed"
    FAILED = "failed", "Analysis failed"
    NO_TRANSCRIPT = "no_transcript", "No transcript"


class Call(models.Model):
    agent = models.ForeignKey(Agent, on_delete=models.PROTECT, related_name="calls")
    external_id = models.CharField(
        max_length=200, help_text="The voice runtime's id; a call posted twice is stored once."
    )
    direction = models.CharField(
        max_length=10, choices=CallDirection.choices, default=CallDirection.INBOUND
    )
    from_number = models.CharField(max_length=32, blank=True, help_text="The caller's number.")
    to_number = models.CharField(max_length=32, blank=True, help_text="The callee's number.")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    timezone = models.CharField(max_length=64, validators=[validate_timezone])
    transcript = models.JSONField(
        default=list, blank=True, help_text='Turns: [{"role": "agent"|"user", "text": …}]'
    )
    status = models.CharField(
        max_length=20, choices=CallStatus.choices, default=CallStatus.RECEIVED, db_index=True
    )
    metadata = models.JSONField(default=dict, blank=True)
    follows_up = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_up_calls"
    )
    arrival_due_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="While what the call's arrival means for actions (transfer decisions to "
        "link, follow-ups to cancel) waits to be handled: when the scheduler queues it again.",
    )
    arrival_handled_at = models.DateTimeField(null=True, blank=True)
    arrival_attempts = models.PositiveSmallIntegerField(default=0)
    latest_run = models.ForeignKey(
        "calls.ExtractionRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The latest successful extraction run.",
    )
    search_text = models.TextField(
        blank=True,
        editable=False,
        help_text="The latest successful run's values and the transcript, casefolded: what "
        "the call search matches (calls/search.py).",
    )
    lowest_confidence = models.FloatField(
        null=True,
        blank=True,
        editable=False,
        help_text="The lowest confidence among the latest successful run's values; empty "
        "when none has one: what the call list filters on (calls/confidences.py).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agent", "external_id"], name="call_external_id_unique_per_agent"
            )
        ]
        indexes = [
            models.Index(fields=["-started_at", "-id"], name="call_newest_first"),
            models.Index(fields=["agent", "-started_at", "-id"], name="call_agent_newest_first"),
            models.Index(
                fields=["arrival_due_at"],
                condition=models.Q(arrival_due_at__isnull=False),
                name="call_arrival_waiting",
            ),
        ]
        permissions = [
            ("rerun_call", "Can re-run a call's analysis"),
            ("try_call", "Can try an agent's saved config on a stored call"),
        ]

    def __str__(self) -> str:
        return f"{self.agent_id}/{self.external_id}"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def turns(self) -> tuple[Turn, ...]:
        return tuple(
            Turn(role=turn["role"], text=turn["text"], offset=turn.get("offset"))
            for turn in self.transcript
        )


class RunStatus(models.TextChoices):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class RunFailure(models.TextChoices):
    """Why a run failed, by the kind of fix it needs; `failure_reason` gives the detail."""

    RETRIES_EXHAUSTED = "retries_exhausted", "Gave up retrying"
    WORKER_LOST = "worker_lost", "The worker stopped"
    INTERNAL_ERROR = "internal_error", "Internal error"
    MODEL_REFUSED_REQUEST = BackendErrorKind.MODEL_REFUSED_REQUEST.value, "The model refused"
    BAD_ANSWER = BackendErrorKind.BAD_ANSWER.value, "Unusable answer"
    CONFIGURATION = BackendErrorKind.CONFIGURATION.value, "Configuration"


class RerunBatch(models.Model):
    """Many calls re-run at once from the call list, followed on a progress page."""

    created_by = models.CharField(max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)
    fire_actions = models.BooleanField(default=False)
    agent_version = models.ForeignKey(
        AgentVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The version picked for every call; empty: each agent's current version.",
    )
    call_ids = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    queued = models.PositiveIntegerField(default=0, help_text="Runs created so far.")
    skipped = models.PositiveIntegerField(
        default=0, help_text="Calls left out: no transcript, or a run already under way."
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"re-run of {self.total} calls by {self.created_by}"


class ExtractionRun(models.Model):
    """One extraction of one call, with the config it used: old runs stay readable."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(
        max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED, db_index=True
    )
    config_snapshot = models.JSONField(default=list, help_text="The fields as they were.")
    agent_version = models.ForeignKey(
        AgentVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="runs",
        help_text="The version of the agent's config the run extracted with.",
    )
    backend = models.CharField(max_length=20)
    model = models.CharField(max_length=100, blank=True)
    values = models.JSONField(default=dict, blank=True)
    evidence = models.JSONField(default=dict, blank=True)
    field_errors = models.JSONField(default=dict, blank=True)
    ungrounded = models.JSONField(default=list, blank=True)
    times = models.JSONField(
        default=dict,
        blank=True,
        help_text='For a date field, the local time of day the call states for it ("15:00"): '
        "a follow-up on that date is booked then.",
    )
    null_reasons = models.JSONField(
        default=dict, blank=True, help_text="Field name → why its value is null."
    )
    confidences = models.JSONField(
        default=dict,
        blank=True,
        help_text="Field name → how likely its value (a null too) is right, 0 to 1; null "
        "where none can be had.",
    )
    confidence_reasons = models.JSONField(
        default=dict, blank=True, help_text="Field name → why its value has no confidence."
    )
    notes = models.JSONField(default=list, blank=True)
    tokens_in = models.PositiveIntegerField(default=0)
    tokens_out = models.PositiveIntegerField(default=0)
    latency_ms = models.PositiveIntegerField(null=True, blank=True)
    raw_answer = models.TextField(blank=True)
    refusal = models.TextField(blank=True)
    truncated = models.BooleanField(default=False)
    field_extractors = models.JSONField(
        default=dict,
        blank=True,
        help_text='Field name → the extractor that answered it: {"backend", "model"}.',
    )
    extractor_groups = models.JSONField(
        default=list,
        blank=True,
        help_text="One entry per extractor asked: its backend, model and fields, tokens in "
        "and out, latency, its error when it failed, and whether its answer hit the token "
        "bound.",
    )
    partial = models.BooleanField(
        default=False,
        help_text="An extractor failed while another answered: its fields are null with "
        "the reason.",
    )
    failure_kind = models.CharField(
        max_length=30, choices=RunFailure.choices, blank=True, help_text="Set when it failed."
    )
    failure_reason = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    fire_actions = models.BooleanField(
        default=True, help_text="Decide the agent's actions when this run succeeds."
    )
    batch = models.ForeignKey(
        RerunBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="runs"
    )
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the scheduler queues this run again if no worker has it.",
    )
    actions_due_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="While the succeeded run's actions wait to be decided: when the scheduler "
        "queues the decision again.",
    )
    actions_decided_at = models.DateTimeField(null=True, blank=True)
    actions_attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(
                fields=["actions_due_at"],
                condition=models.Q(actions_due_at__isnull=False),
                name="run_actions_waiting",
            ),
            # The alerts' check counts the runs that finished lately, every minute.
            models.Index(fields=["finished_at"], name="run_finished_at"),
        ]

    def __str__(self) -> str:
        return f"run {self.pk} of call {self.call_id}"


class FieldReview(models.Model):
    """What a person said one field of a call is: the latest review of it.

    `correct` says whether the extractor had it right; accepting a value as is
    confirms it.
    """

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="field_reviews")
    extraction_run = models.ForeignKey(
        ExtractionRun, on_delete=models.CASCADE, related_name="field_reviews"
    )
    field = models.CharField(max_length=64)
    extracted = models.JSONField(null=True, blank=True)
    reviewed = models.JSONField(null=True, blank=True)
    extracted_time = models.CharField(max_length=5, blank=True)
    reviewed_time = models.CharField(
        max_length=5, blank=True, help_text="For a date field, the time of day (HH:MM)."
    )
    correct = models.BooleanField()
    reviewed_by = models.CharField(max_length=150)
    reviewed_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-reviewed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "field"], name="one_review_per_call_field")
        ]

    def __str__(self) -> str:
        return f"{self.field} of call {self.call_id}"


class CallValue(models.Model):
    """One value of a call's latest successful run, as JSON text: what the dashboard counts.

    Written with the call's latest run (calls.values.replace_call_values); the agent and
    the start are copied from the call so that the counts read this table alone.
    """

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="+")
    # The index below starts with the agent, so the key needs no index of its own.
    agent = models.ForeignKey(
        "agents.Agent", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    started_at = models.DateTimeField()
    field = models.CharField(max_length=64)
    value = models.TextField(
        blank=True, help_text="JSON text; empty for a value too long to be one of the choices."
    )

    class Meta:
        indexes = [
            models.Index(fields=["agent", "field", "value", "started_at"], name="call_value_counts")
        ]

    def __str__(self) -> str:
        return f"{self.field}={self.value}"
