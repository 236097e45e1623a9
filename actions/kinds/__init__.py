"""Action kinds: one class each, behind the `ActionKind` interface.

Adding a kind is one module here and one entry in `KINDS`; `ActionsConfig.ready`
registers them with the agents app, which validates, stores and shows their configs.
"""

from typing import Any

from actions.kinds.base import ActionFailed, ActionKind, Firing, Outline
from actions.kinds.schedule_call import ScheduleCall
from actions.kinds.transfer_call import TransferCall
from actions.kinds.webhook import Webhook

__all__ = ["ACTION_KINDS", "KINDS", "ActionFailed", "ActionKind", "Firing", "Outline", "kind_for"]

KINDS: tuple[ActionKind[Any, Any], ...] = (ScheduleCall(), Webhook(), TransferCall())
ACTION_KINDS: dict[str, ActionKind[Any, Any]] = {kind.type: kind for kind in KINDS}


def kind_for(action_type: str) -> ActionKind[Any, Any]:
    return ACTION_KINDS[action_type]
