"""Action kinds: one class each, behind the `ActionKind` interface.

Adding a kind is one module here and one entry in `KINDS`. `ActionsConfig.ready`
registers them in the agents app's registry, the one place every kind is found: by
config validation, storage and export there, by deciding and firing here (`kind_for`
by type, `Webhook.registered()` by class).
"""

from typing import Any, cast

from actions.kinds.base import ActionFailed, ActionKind, Firing, Outline
from actions.kinds.hubspot_contact import HubspotContact
from actions.kinds.native import NativeKind, TestSent
from actions.kinds.salesforce_lead import SalesforceLead
from actions.kinds.schedule_call import ScheduleCall
from actions.kinds.slack_message import SlackMessage
from actions.kinds.transfer_call import TransferCall
from actions.kinds.webhook import Webhook
from agents.kinds import action_kind

__all__ = [
    "KINDS",
    "ActionFailed",
    "ActionKind",
    "Firing",
    "NativeKind",
    "Outline",
    "TestSent",
    "kind_for",
    "native_property_choices",
]

KINDS: tuple[ActionKind[Any, Any], ...] = (
    ScheduleCall(),
    Webhook(),
    TransferCall(),
    SlackMessage(),
    HubspotContact(),
    SalesforceLead(),
)


def kind_for(action_type: str) -> ActionKind[Any, Any]:
    """The kind of a stored or validated action."""
    # Only ActionsConfig.ready fills the registry, and only with these classes.
    return cast(ActionKind[Any, Any], action_kind(action_type))


def native_property_choices() -> dict[str, list[str]]:
    """The receiver's common property names of each native kind, by type, for the agent
    page to offer."""
    return {
        kind.type: list(kind.property_choices) for kind in KINDS if isinstance(kind, NativeKind)
    }
