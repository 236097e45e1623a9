from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from actions.followup_timing import short
from actions.followups import followup_book
from actions.kinds.base import ActionFailed, ActionKind, e164_error, unknown_keys_error
from extraction.types import FieldSpec, specs_from_snapshot

if TYPE_CHECKING:
    from actions.models import ActionRun

DATE_FORMATS = {"date", "date-time"}


class ScheduleCall(ActionKind):
    """Book a follow-up call at the date an extracted field names."""

    type = "schedule_call"
    allowed_keys = {"use_field", "fallback_delay_minutes", "from_number"}

    def config_errors(
        self, config: Mapping[str, Any], fields: Mapping[str, FieldSpec]
    ) -> list[str]:
        errors = [unknown_keys_error(config, self.allowed_keys)]
        errors.append(self._use_field_error(config.get("use_field"), fields))
        errors.append(self._delay_error(config.get("fallback_delay_minutes")))
        if "from_number" not in config:
            errors.append("config.from_number: required (the E.164 number to call from)")
        else:
            errors.append(e164_error("from_number", config["from_number"]))
        return [error for error in errors if error]

    def field_references(self, config: Mapping[str, Any]) -> dict[str, str]:
        use_field = config.get("use_field")
        return {use_field: "config.use_field"} if isinstance(use_field, str) and use_field else {}

    def fire(self, action_run: ActionRun) -> str:
        specs = specs_from_snapshot(action_run.extraction_run.config_snapshot)
        try:
            followup = followup_book(action_run=action_run, specs=specs)
        except ValueError as error:
            raise ActionFailed(str(error)) from error
        local_due = followup.due_at.astimezone(action_run.call.zone)
        return f"follow-up {followup.pk} to {followup.to_number} due {short(local_due)}"

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
