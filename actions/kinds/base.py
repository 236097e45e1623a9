"""The interface every action kind implements."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import phonenumbers

from extraction.types import FieldSpec

if TYPE_CHECKING:
    from actions.models import ActionRun


class ActionFailed(Exception):
    """The action was decided but could not be carried out; the message says why."""


class ActionKind:
    """One kind of action (`schedule_call`, `webhook`, `transfer_call`).

    `after_call` says whether the kind fires when a finished call has been analysed;
    a during-call kind is decided while the call is live instead.
    """

    type: ClassVar[str]
    after_call: ClassVar[bool] = True

    def config_errors(
        self, config: Mapping[str, Any], fields: Mapping[str, FieldSpec]
    ) -> list[str]:
        """Return every problem of `config`, each message starting with its key."""
        raise NotImplementedError

    def field_references(self, config: Mapping[str, Any]) -> dict[str, str]:
        """Map each extraction field the config uses to the config key that uses it."""
        return {}

    def fire(self, action_run: ActionRun) -> str:
        """Carry out a fired after-call action; return a note for the decision's reason."""
        raise NotImplementedError


def e164_error(key: str, value: object) -> str | None:
    """Say why `value` is not a valid E.164 number, or return None."""
    if not isinstance(value, str) or not value.startswith("+"):
        return f"config.{key}: {value!r} is not an E.164 number (e.g. +908501234567)"
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return f"config.{key}: {value!r} is not an E.164 number (e.g. +908501234567)"
    if not phonenumbers.is_valid_number(number):
        return f"config.{key}: {value!r} is not a valid phone number"
    if phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) != value:
        return f"config.{key}: {value!r} must be written in E.164 form, without spaces or dashes"
    return None


def unknown_keys_error(config: Mapping[str, Any], allowed: set[str]) -> str | None:
    unknown = sorted(set(config) - allowed)
    if not unknown:
        return None
    return f"config: unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})"
