from __future__ import annotations

from datetime import time
from typing import cast

from django.db import models
from django.utils import timezone

from agents.kinds import action_type_choices
from agents.validators import validate_timezone
from extraction import types as spec_types
from extraction.types import FieldSpec


class Agent(models.Model):
    """A voice agent: its extraction fields and the actions that fire on them."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    timezone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_timezone],
        help_text="IANA time zone, e.g. Europe/Istanbul: the default for this agent's calls.",
    )
    extraction_model = models.CharField(
        max_length=100,
        blank=True,
        help_text="Model used by the OpenAI backend; empty means the site default.",
    )
    is_active = models.BooleanField(default=True)
    follow_up_time = models.TimeField(
        default=time(10, 0),
        help_text="Time of day for a follow-up booked on a date alone, in the call's time zone.",
    )
    calling_days = models.JSONField(
        default=list,
        blank=True,
        help_text="Days follow-ups may ring, 0 = Monday … 6 = Sunday; empty means every day.",
    )
    calling_hours_start = models.TimeField(null=True, blank=True)
    calling_hours_end = models.TimeField(null=True, blank=True)
    calling_hours_zone = models.CharField(
        max_length=10,
        choices=[("callee", "the callee's (from the number)"), ("agent", "the agent's")],
        default="callee",
        help_text="Whose local time the calling hours are in.",
    )
    cancel_follow_up_on_inbound = models.BooleanField(
        default=True,
        help_text="Cancel a pending follow-up when that number calls the agent before it is due.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FieldType(models.TextChoices):
    STRING = "string"
    NUMBER = "number"
    BOOLEAN = "boolean"
    ENUM = "enum"
    LIST = "list"


class ItemType(models.TextChoices):
    NONE = "", "—"
    STRING = "string"
    NUMBER = "number"
    ENUM = "enum"


class StringFormat(models.TextChoices):
    NONE = "", "(free text)"
    DATE = "date"
    DATE_TIME = "date-time"
    PHONE = "phone"
    EMAIL = "email"


class ExtractionField(models.Model):
    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="fields")
    name = models.CharField(max_length=64, help_text="An identifier: letters, digits, _.")
    type = models.CharField(max_length=10, choices=FieldType.choices)
    description = models.TextField(blank=True, help_text="Guides the extraction model.")
    choices = models.JSONField(
        default=list, blank=True, help_text="Enum choices, or a list of enum's items' choices."
    )
    format = models.CharField(
        max_length=10,
        choices=StringFormat.choices,
        blank=True,
        help_text="A string's format, or a list of string's items' format.",
    )
    required = models.BooleanField(default=False)
    item_type = models.CharField(
        max_length=10,
        choices=ItemType.choices,
        blank=True,
        help_text="List fields only: the type of each item (string when left empty).",
    )
    min_items = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="List fields only: the fewest items expected."
    )
    max_items = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="List fields only: the most items kept (up to 50)."
    )
    extractor = models.CharField(
        max_length=100,
        blank=True,
        help_text='Who extracts this field: empty for the agent\'s extractor, "offline", or '
        "a model name on the configured server.",
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agent", "name"], name="field_name_unique_per_agent")
        ]

    def __str__(self) -> str:
        return self.name

    def spec(self) -> FieldSpec:
        # The columns' choices are exactly the spec's literals (FieldType, StringFormat).
        return FieldSpec(
            name=self.name,
            type=cast("spec_types.FieldType", self.type),
            description=self.description,
            choices=tuple(self.choices or ()),
            format=cast("spec_types.StringFormat", self.format),
            required=self.required,
            item_type=cast("spec_types.ItemType", self.item_type),
            min_items=self.min_items,
            max_items=self.max_items,
            extractor=self.extractor,
        )


class ReviewRule(models.TextChoices):
    """When a person reviews a call's values before an action fires on them."""

    NEVER = "never", "never: fire at once"
    UNCERTAIN = "uncertain", "when a value it uses is uncertain"
    CONFIDENCE = "confidence", "when a value it uses is uncertain or below a confidence"
    ALWAYS = "always", "always"


class Action(models.Model):
    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="actions")
    name = models.CharField(max_length=200)
    type = models.CharField(max_length=20, choices=action_type_choices)
    condition = models.JSONField(
        null=True,
        blank=True,
        help_text='e.g. {"field": "interest_level", "operator": "==", '
        '"value": "high"}; empty means always.',
    )
    config = models.JSONField(default=dict, blank=True)
    enabled = models.BooleanField(default=True)
    review = models.CharField(
        max_length=10,
        choices=ReviewRule.choices,
        default=ReviewRule.NEVER,
        help_text="Hold the action for a person to review the values first: never, when a "
        "value it uses is uncertain (no evidence, invalid, a required field missing), when "
        "it is uncertain or below a confidence, or always.",
    )
    review_below = models.FloatField(
        null=True,
        blank=True,
        verbose_name="review below confidence",
        help_text="With the rule 'below a confidence': hold when a value the action uses has "
        "a confidence below this, from 0 to 1 (e.g. 0.6); a value with no confidence is held "
        "too.",
    )
    disabled_reason = models.TextField(
        blank=True, help_text="Why Postcall switched this action off, if it did."
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agent", "name"], name="action_name_unique_per_agent")
        ]

    def __str__(self) -> str:
        return self.name


class ApiScope(models.TextChoices):
    READ = "read", "read: calls, analyses, agents, deliveries, follow-ups"
    WRITE = "write", "write: configure agents, post and re-run calls, resend, cancel"
    RUNTIME = "runtime", "runtime: post calls, pull outbound calls, transfer decisions"
    REVIEW = "review", "review: the review queue, reviews and corrections"


class ApiKey(models.Model):
    """A key for the REST API. Only a hash is kept: the key is shown once, at creation."""

    name = models.CharField(max_length=200, help_text="Who uses it, e.g. 'Voice runtime'.")
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API key"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class AgentVersion(models.Model):
    """One saved state of an agent's fields and actions, numbered 1, 2, 3… per agent.

    The snapshot is the product page's export shape (`agents/seed_format.py`), so a
    version can be read, compared, restored and extracted with as it was."""

    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.CharField(
        max_length=200, blank=True, help_text="Who saved it: a user, an API key, a command."
    )
    snapshot = models.JSONField(help_text='{"fields": […], "actions": […]} as exported.')
    restored_from = models.PositiveIntegerField(
        null=True, blank=True, help_text="The number of the version this one brought back."
    )

    class Meta:
        ordering = ["agent", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agent", "number"], name="version_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agent_id} v{self.number}"


class TrialRun(models.Model):
    """Try on recent calls: a config as typed, run on the agent's latest calls.

    What it found is kept here and nowhere else: the calls, their runs and their actions
    are only read."""

    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="trial_runs")
    created_by = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    fields = models.JSONField(default=list, help_text="The field specs tried.")
    actions = models.JSONField(
        default=list, blank=True, help_text="The actions tried, as typed, without secrets."
    )
    model = models.CharField(max_length=100, blank=True)
    call_ids = models.JSONField(default=list, help_text="The calls to try on, newest first.")
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    results = models.JSONField(
        default=dict,
        help_text='Call id → {"before": values, "after": values, "actions": decisions, '
        '"failure": reason}.',
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"trial {self.pk} of agent {self.agent_id}"
