"""Connections to voice platforms and what each one received.

A connection is one agent's link to one platform: a URL with an unguessable token that
the platform posts its end-of-call webhooks to, and the platform's signing secret or
API key, kept apart from the connection as webhook secrets are.
"""

from __future__ import annotations

import secrets

from django.db import models

from agents.models import Agent
from calls.models import Call


class Platform(models.TextChoices):
    RETELL = "retell", "Retell AI"
    VAPI = "vapi", "Vapi"
    ELEVENLABS = "elevenlabs", "ElevenLabs Agents"
    BLAND = "bland", "Bland AI"
    SYNTHFLOW = "synthflow", "Synthflow"


def new_connection_token() -> str:
    return secrets.token_urlsafe(24)


class Connection(models.Model):
    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="connections")
    platform = models.CharField(max_length=20, choices=Platform.choices)
    token = models.CharField(
        max_length=64, unique=True, default=new_connection_token, editable=False
    )
    is_enabled = models.BooleanField(
        default=True, help_text="A disabled connection answers 404 and stores nothing."
    )
    options = models.JSONField(
        default=dict,
        blank=True,
        help_text="How the platform signs, where it lets you choose (Vapi's credentials).",
    )
    # Refused requests are not stored (anyone who knows the URL could fill a table), so
    # the run of refusals is counted here: it is how a secret rotated on one side shows.
    refused_in_a_row = models.PositiveIntegerField(
        default=0, editable=False, help_text="Requests refused since the last verified one."
    )
    refused_since = models.DateTimeField(null=True, blank=True, editable=False)
    last_refusal = models.CharField(max_length=300, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agent__name", "platform"]
        constraints = [
            models.UniqueConstraint(
                fields=["agent", "platform"], name="connection_one_per_agent_and_platform"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agent} ← {self.get_platform_display()}"


class ConnectionSecret(models.Model):
    """A platform's signing secret or API key; during rotation the old one stays valid
    until it expires. Never shown again once saved."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="secrets")
    secret = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"secret {self.pk} of {self.connection}"


class Verdict(models.TextChoices):
    CREATED = "created", "Call stored"
    ADDED = "added", "Added to the call"
    DUPLICATE = "duplicate", "Already stored"
    IGNORED = "ignored", "Ignored: not a finished call"
    INVALID = "invalid", "Refused: not a finished call's shape"


class Delivery(models.Model):
    """One verified request from a platform, as received, and what it became.

    Requests whose signature fails are answered 401 and not stored: anyone who knows the
    URL could otherwise fill this table.
    """

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="deliveries")
    received_at = models.DateTimeField(auto_now_add=True)
    event = models.CharField(max_length=100, blank=True)
    platform_call_id = models.CharField(max_length=200, blank=True)
    verdict = models.CharField(max_length=20, choices=Verdict.choices)
    reason = models.TextField(blank=True, help_text="Why no call was stored, or what was added.")
    problems = models.JSONField(
        default=dict,
        blank=True,
        help_text="Each field of a refused body and what is wrong with it.",
    )
    status_code = models.PositiveSmallIntegerField()
    headers = models.JSONField(default=dict, blank=True)
    body = models.BinaryField(help_text="The raw bytes, as signed.")
    call = models.ForeignKey(
        Call, on_delete=models.SET_NULL, null=True, blank=True, related_name="platform_deliveries"
    )
    replay_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replays"
    )
    sample = models.BooleanField(default=False, help_text="Sent from the admin as a sample.")

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name_plural = "deliveries"
        indexes = [
            models.Index(fields=["connection", "-received_at", "-id"], name="delivery_newest_first")
        ]

    def __str__(self) -> str:
        return f"delivery {self.pk} to {self.connection}"

    def body_text(self) -> str:
        return bytes(self.body).decode(errors="replace")
