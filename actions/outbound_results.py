"""The voice runtime's report on a follow-up call it placed from the outbound queue: how
it went and, when it was answered, the call itself, stored and analysed like any call."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction

from actions.models import FollowUp, FollowUpStatus
from actions.outbound_queue import followup_report_result
from calls.models import CallDirection
from calls.services import call_create


class ResultRefused(Exception):
    """The follow-up is in no state to take a result; the message says which it is in."""


@dataclass(frozen=True)
class PlacedCall:
    """The follow-up call as it happened."""

    external_id: str
    started_at: datetime
    transcript: Any
    ended_at: datetime | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@transaction.atomic
def outbound_result_record(
    *, followup: FollowUp, outcome: str, detail: str = "", call: PlacedCall | None = None
) -> FollowUp:
    """Store the placed call (when there is one) and record the outcome on the follow-up.

    Raises ResultRefused when the follow-up is not being dialled, and CallInvalid for a
    call that cannot be stored; nothing is written then.
    """
    if followup.status != FollowUpStatus.DIALING:
        raise ResultRefused(f"This follow-up is {followup.status}, not dialing.")
    stored = None
    if call is not None:
        stored, _ = call_create(
            agent=followup.agent,
            external_id=call.external_id,
            started_at=call.started_at,
            ended_at=call.ended_at,
            direction=CallDirection.OUTBOUND,
            from_number=followup.from_number,
            to_number=followup.to_number,
            transcript=call.transcript,
            metadata=call.metadata,
            follows_up=followup.source_call,
        )
    try:
        return followup_report_result(
            followup=followup, outcome=outcome, detail=detail, call=stored
        )
    except ValueError as error:
        raise ResultRefused(str(error)) from error
