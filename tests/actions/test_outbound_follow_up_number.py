"""A follow-up of an outbound call says whose number it calls as a person knows it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from actions.kinds.schedule_call import number_to_call
from calls.models import Call, CallDirection
from extraction.types import FieldSpec
from tests.factories import AgentFactory

pytestmark = pytest.mark.django_db
PHONE = {"callback_number": FieldSpec("callback_number", "string", format="phone")}


def a_call(direction: str) -> Call:
    return Call(
        agent=AgentFactory.build(),
        direction=direction,
        from_number="+908501234567",  # the agent's line on an outbound call
        to_number="+905321234567",
        started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
        timezone="Europe/Istanbul",
    )


def test_an_outbound_call_is_not_said_to_call_the_caller() -> None:
    number, reason = number_to_call(a_call(CallDirection.OUTBOUND), {}, PHONE, line="+908501234567")

    assert number == "+905321234567"
    assert "caller" not in reason
    assert reason == "the customer's number, which the call went to"


def test_an_inbound_call_still_calls_the_caller_back() -> None:
    call = a_call(CallDirection.INBOUND)
    call.from_number, call.to_number = call.to_number, call.from_number

    assert number_to_call(call, {}, PHONE, line="+908501234567") == (
        "+905321234567",
        "the caller's number",
    )
