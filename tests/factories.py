"""Factories for the test suite, in one place."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import factory

from actions.models import FollowUp, WebhookDelivery
from agents.models import Action, Agent, ExtractionField
from calls.models import Call, ExtractionRun

DEMO_DIR = Path(__file__).resolve().parent.parent / "console" / "demo"
SEED_FIELDS_JSON = (DEMO_DIR / "seed_fields.json").read_text()
SEED_ACTION_JSON = (DEMO_DIR / "seed_action.json").read_text()


class AgentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agent

    name = factory.Sequence(lambda n: f"Agent {n}")
    slug = factory.Sequence(lambda n: f"agent-{n}")
    timezone = "Europe/Istanbul"


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExtractionField

    agent = factory.SubFactory(AgentFactory)
    name = factory.Sequence(lambda n: f"field_{n}")
    type = "string"
    description = "A field"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    agent = factory.SubFactory(AgentFactory)
    name = factory.Sequence(lambda n: f"Action {n}")
    type = "transfer_call"
    config = factory.LazyFunction(lambda: {"to_number": "+14155550134"})


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    agent = factory.SubFactory(AgentFactory)
    external_id = factory.Sequence(lambda n: f"call-{n}")
    from_number = "+905321234567"
    to_number = "+908501234567"
    started_at = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)
    ended_at = factory.LazyAttribute(lambda call: call.started_at + timedelta(minutes=3))
    timezone = "Europe/Istanbul"
    transcript = factory.LazyFunction(
        lambda: [
            {"role": "agent", "text": "Hello, who am I speaking with?"},
            {"role": "user", "text": "My name is Maria Gonzalez."},
        ]
    )


class RunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExtractionRun

    call = factory.SubFactory(CallFactory)
    backend = "offline"


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WebhookDelivery

    action = factory.SubFactory(
        ActionFactory,
        type="webhook",
        config=factory.LazyFunction(lambda: {"url": "https://crm.example.com/hooks"}),
    )
    event_type = "call.analyzed"
    message_id = factory.Sequence(lambda n: f"msg_{n:020d}")
    url = "https://crm.example.com/hooks"
    body = "{}"


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    agent = factory.SubFactory(AgentFactory)
    to_number = factory.Sequence(lambda n: f"+1415555{n:04d}")
    from_number = "+14155550100"
    due_at = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)
