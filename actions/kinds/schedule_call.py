"""`schedule_call`: book a follow-up call at the date an extracted field names."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from actions.followup_timing import (
    ASKED_FOR,
    Due,
    callee_zone,
    calling_hours_for,
    due_from_value,
    into_calling_hours,
)
from actions.followups import as_e164, customer_number, followup_book
from actions.kinds.base import (
    ActionFailed,
    ActionKind,
    Firing,
    Outline,
    e164_error,
    raise_errors,
)
from calls.models import CallDirection
from extraction.timezones import local_text
from extraction.types import FieldSpec

if TYPE_CHECKING:
    from actions.models import ActionRun

DATE_FORMATS = {"date", "date-time"}


@dataclass(frozen=True)
class ScheduleCallConfig:
    from_number: str
    use_field: str = ""
    fallback_delay_minutes: int = 0


@dataclass(frozen=True)
class ScheduleCallPlan:
    """Whom the follow-up would call, from which line and when, with every reason."""

    to_number: str
    from_number: str
    number_reason: str
    dues: tuple[Due, ...]
    zone: ZoneInfo

    @property
    def due_at(self) -> datetime:
        return self.dues[-1].at

    @property
    def reasons(self) -> tuple[str, ...]:
        return (f"calling {self.number_reason}", *(due.reason for due in self.dues if due.reason))

    def outline(self) -> Outline:
        when = local_text(self.due_at.astimezone(self.zone))
        return Outline(
            headline=f"Follow-up call {when}, calling {self.to_number}", reasons=self.reasons
        )


class ScheduleCall(ActionKind[ScheduleCallConfig, ScheduleCallPlan]):
    """Book a follow-up call at the date an extracted field names."""

    type = "schedule_call"
    label = "Schedule Call"
    keys = frozenset({"use_field", "fallback_delay_minutes", "from_number"})
    field_keys = frozenset({"use_field"})

    def read(
        self, config: Mapping[str, Any], fields: Mapping[str, FieldSpec]
    ) -> ScheduleCallConfig:
        use_field = config.get("use_field")
        delay = config.get("fallback_delay_minutes")
        from_number = config.get("from_number")
        number_error: str | None
        if "from_number" not in config:
            number_error = "config.from_number: required (the E.164 number to call from)"
        else:
            number_error = e164_error("from_number", from_number)
        raise_errors(
            [self._use_field_error(use_field, fields), self._delay_error(delay), number_error]
        )
        return ScheduleCallConfig(
            from_number=str(from_number),
            use_field=use_field or "",
            fallback_delay_minutes=delay or 0,
        )

    def values_used(
        self, config: Mapping[str, Any], specs: Mapping[str, FieldSpec]
    ) -> frozenset[str]:
        """The date field it books on, and the number it calls (any phone field)."""
        phones = {name for name, spec in specs.items() if spec.format == "phone"}
        return frozenset(self.field_references(config)) | phones

    def plan(self, config: ScheduleCallConfig, firing: Firing) -> ScheduleCallPlan:
        call, values = firing.call, firing.extraction.values
        to_number, number_reason = number_to_call(
            call, values, firing.specs, line=config.from_number
        )
        if not to_number:
            raise ActionFailed(
                "no number to call: nothing was extracted and the call has no caller"
            )
        return ScheduleCallPlan(
            to_number=to_number,
            from_number=config.from_number,
            number_reason=number_reason,
            dues=tuple(due_for(config, firing, to_number)),
            zone=call.zone,
        )

    def carry_out(self, plan: ScheduleCallPlan, action_run: ActionRun) -> str:
        call, action = action_run.call, action_run.action
        followup = followup_book(
            agent=action.agent,
            to_number=plan.to_number,
            from_number=plan.from_number,
            due_at=plan.due_at,
            reasons=[
                f"booked by {action.name!r} for call {call.external_id}: {plan.reasons[0]}",
                *plan.reasons[1:],
            ],
            source_call=call,
            action_run=action_run,
        )
        local_due = followup.due_at.astimezone(call.zone)
        return f"follow-up {followup.pk} to {followup.to_number} due {local_text(local_due)}"

    @staticmethod
    def _use_field_error(use_field: object, fields: Mapping[str, FieldSpec]) -> str | None:
        if use_field in (None, ""):
            return None
        if not isinstance(use_field, str) or use_field not in fields:
            return f"config.use_field: field {use_field!r} does not exist"
        spec = fields[use_field]
        if spec.type != "string" or spec.format not in DATE_FORMATS:
            return (
                f"config.use_field: {use_field} is not a date field "
                "(it needs type string with format date or date-time)"
            )
        return None

    @staticmethod
    def _delay_error(delay: object) -> str | None:
        if delay is None:
            return None
        if isinstance(delay, bool) or not isinstance(delay, int):
            return f"config.fallback_delay_minutes: {delay!r} is not a whole number of minutes"
        if delay < 0:
            return f"config.fallback_delay_minutes: {delay} is negative"
        return None


def number_to_call(
    call: Any, values: Mapping[str, Any], specs: Mapping[str, FieldSpec], *, line: str
) -> tuple[str, str]:
    """The extracted callback number when there is one, else the customer's number.

    A number said without its country code is read in the country of the customer's
    number, else of the call's other line, else of the line the follow-up calls from.
    """
    fallback, fallback_said = customer_number(call), customer_number_said(call)
    for name, spec in specs.items():
        value = values.get(name)
        if spec.format == "phone" and value:
            number = as_e164(str(value), like=fallback or call.to_number or line)
            if number:
                return number, f"the number from {name}"
            return fallback, f"{name} {value!r} is not a callable number: {fallback_said}"
    return fallback, fallback_said


def customer_number_said(call: Any) -> str:
    """The customer's number of the call, named as a person knows it."""
    if call.direction == CallDirection.OUTBOUND:
        return "the customer's number, which the call went to"
    return "the caller's number"


def due_for(config: ScheduleCallConfig, firing: Firing, to_number: str) -> list[Due]:
    """The due time and every adjustment made to it, in order."""
    agent, call = firing.agent, firing.call
    spec = firing.specs.get(config.use_field)
    review = firing.extraction.review
    due = due_from_value(
        value=firing.extraction.values.get(config.use_field),
        use_field=config.use_field,
        value_format=spec.format if spec else "",
        call_end=call.ended_at or call.started_at,
        call_zone=call.zone,
        follow_up_time=agent.follow_up_time,
        fallback_minutes=config.fallback_delay_minutes,
        now=timezone.now(),
        stated_time=firing.extraction.times.get(config.use_field, ""),
        time_source=f"as reviewed by {review['reviewed_by']}" if review else ASKED_FOR,
    )
    agent_zone = ZoneInfo(agent.timezone)
    zone = (
        callee_zone(to_number, agent_zone) if agent.calling_hours_zone == "callee" else agent_zone
    )
    hours = calling_hours_for(
        days=agent.calling_days,
        start=agent.calling_hours_start,
        end=agent.calling_hours_end,
        zone=zone,
    )
    if hours is None:
        return [due]
    moved = into_calling_hours(due.at, hours)
    return [due, moved] if moved.reason else [due]
