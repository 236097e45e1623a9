"""`transfer_call`: hand a live call to a human number, decided during the call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from actions.kinds.base import ActionFailed, ActionKind, Firing, Outline, e164_error, raise_errors
from extraction.types import FieldSpec

if TYPE_CHECKING:
    from actions.models import ActionRun


@dataclass(frozen=True)
class TransferCallConfig:
    to_number: str


@dataclass(frozen=True)
class TransferCallPlan:
    to_number: str

    def outline(self) -> Outline:
        return Outline(headline=f"Transfer the live call to {self.to_number}")


class TransferCall(ActionKind[TransferCallConfig, TransferCallPlan]):
    """Hand a live call to a human number; decided during the call, never after it."""

    type = "transfer_call"
    label = "Transfer Call"
    after_call = False
    keys = frozenset({"to_number"})

    def read(
        self, config: Mapping[str, Any], fields: Mapping[str, FieldSpec]
    ) -> TransferCallConfig:
        to_number = config.get("to_number")
        number_error: str | None
        if not to_number:
            number_error = "config.to_number: required (the E.164 number to transfer to)"
        else:
            number_error = e164_error("to_number", to_number)
        raise_errors([number_error])
        return TransferCallConfig(to_number=str(to_number))

    def plan(self, config: TransferCallConfig, firing: Firing) -> TransferCallPlan:
        return TransferCallPlan(to_number=config.to_number)

    def carry_out(self, plan: TransferCallPlan, action_run: ActionRun) -> str:
        """Nothing to carry out after the call: the live call was handed over when the
        transfer was decided (`actions/transfers.py`)."""
        raise ActionFailed(f"{self.type} is decided during the call, not after it")
