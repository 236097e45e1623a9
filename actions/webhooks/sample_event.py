"""The test event ops send by hand from the agent page: signed like a real event, built
from the agent's own fields, sent at once and never retried."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from actions.models import DeliveryStatus, WebhookDelivery
from actions.signing import new_message_id
from actions.webhooks.attempts import delivery_attempt
from actions.webhooks.payload import EVENT_CALL_ANALYZED, event_body
from actions.webhooks.queueing import lease_duration
from agents.models import Action
from extraction.types import FieldSpec

SAMPLE_CALL_LENGTH = timedelta(minutes=3)


def sample_value(spec: FieldSpec, today: date) -> Any:
    """A plausible value for a field, for test events built from the agent's own fields."""
    if spec.type == "enum":
        return spec.choices[0] if spec.choices else None
    if spec.type == "boolean":
        return True
    if spec.type == "number":
        return 1
    samples = {
        "date": (today + timedelta(days=1)).isoformat(),
        "date-time": f"{(today + timedelta(days=1)).isoformat()}T10:00:00+00:00",
        "phone": "14155550134",
        "email": "jane.doe@example.com",
    }
    return samples.get(spec.format, f"Sample {spec.name.replace('_', ' ')}")


def values_meeting(condition: Any) -> dict[str, Any]:
    """Values for the fields a condition asks to equal, so a test event looks like one
    that fires; conditions that name no value (`!=`, `>`, `is_set`, …) add nothing."""
    if not isinstance(condition, dict):
        return {}
    if isinstance(condition.get("all"), list):
        values: dict[str, Any] = {}
        for member in condition["all"]:
            values.update(values_meeting(member))
        return values
    if isinstance(condition.get("any"), list):
        return values_meeting(condition["any"][0]) if condition["any"] else {}
    name, operator, value = (
        condition.get("field"),
        condition.get("operator"),
        condition.get("value"),
    )
    if operator == "==" and value is not None:
        return {name: value}
    if operator == "in" and isinstance(value, list) and value and value[0] is not None:
        return {name: value[0]}
    return {}


def sample_event_data(action: Action) -> dict[str, Any]:
    """A `call.analyzed` event's data built from the agent's own fields and the action's
    condition, with times in the agent's zone as a real call's would be."""
    agent = action.agent
    zone = ZoneInfo(agent.timezone)
    ended = timezone.now().astimezone(zone)
    specs = [field.spec() for field in agent.fields.all()]
    names = {spec.name for spec in specs}
    values = {spec.name: sample_value(spec, ended.date()) for spec in specs}
    values.update(
        {name: value for name, value in values_meeting(action.condition).items() if name in names}
    )
    return {
        "call": {
            "id": None,
            "external_id": "test-call",
            "agent": {"slug": agent.slug, "name": agent.name},
            "direction": "inbound",
            "from_number": "+14155550134",
            "to_number": "",
            "started_at": (ended - SAMPLE_CALL_LENGTH).isoformat(),
            "ended_at": ended.isoformat(),
            "timezone": agent.timezone,
            "follows_up": None,
        },
        "extraction": {
            "run_id": None,
            "values": values,
            "evidence": {spec.name: None for spec in specs},
            "errors": {},
            "ungrounded": [],
        },
        "action": {
            "name": action.name,
            "type": action.type,
            "condition": action.condition,
            "reason": "test event sent by hand",
        },
    }


def webhook_test_send(*, action: Action) -> WebhookDelivery:
    """Send one signed test event now, without retries, and return it with its attempt."""
    body = event_body(event_type=EVENT_CALL_ANALYZED, data=sample_event_data(action), test=True)
    now = timezone.now()
    delivery = WebhookDelivery.objects.create(
        action=action,
        event_type=EVENT_CALL_ANALYZED,
        is_test=True,
        message_id=new_message_id(),
        url=action.config["url"],
        body=body.decode(),
        status=DeliveryStatus.DELIVERING,
        lease_expires_at=now + lease_duration(),
    )
    delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    return delivery
