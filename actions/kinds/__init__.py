"""Action kinds: one class each, behind the `ActionKind` interface."""

from actions.kinds.base import ActionFailed, ActionKind
from actions.kinds.schedule_call import ScheduleCall
from actions.kinds.transfer_call import TransferCall
from actions.kinds.webhook import Webhook

__all__ = ["ACTION_KINDS", "ActionFailed", "ActionKind", "kind_for"]

ACTION_KINDS: dict[str, ActionKind] = {
    kind.type: kind for kind in (ScheduleCall(), Webhook(), TransferCall())
}


def kind_for(action_type: str) -> ActionKind:
    return ACTION_KINDS[action_type]
