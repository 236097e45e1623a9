from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from actions.kinds.base import ActionKind, e164_error, unknown_keys_error
from extraction.types import FieldSpec


class TransferCall(ActionKind):
    """Hand a live call to a human number; decided during the call, never after it."""

    type = "transfer_call"
    after_call = False
    allowed_keys = {"to_number"}

    def config_errors(
        self, config: Mapping[str, Any], fields: Mapping[str, FieldSpec]
    ) -> list[str]:
        errors = [unknown_keys_error(config, self.allowed_keys)]
        if not config.get("to_number"):
            errors.append("config.to_number: required (the E.164 number to transfer to)")
        else:
            errors.append(e164_error("to_number", config["to_number"]))
        return [error for error in errors if error]
