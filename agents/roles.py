"""The three staff roles as Django groups, kept in step with the permissions they grant.

Support reads calls and their AI Analysis, reviews held calls, and tries an agent's saved
config on a stored call (the go-live trial, which stores and sends nothing); Ops also
configures agents (review rules included), re-runs analyses and handles deliveries and
follow-ups; Admin may do everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group, Permission
from django.db import transaction
from django.db.models import Q

SUPPORT = "Support"
OPS = "Ops"
ADMIN = "Admin"

SUPPORT_PERMISSIONS = (
    "agents.view_agent",
    "agents.view_extractionfield",
    "agents.view_action",
    "calls.view_call",
    "calls.view_extractionrun",
    "calls.try_call",
    "actions.view_actionrun",
    "actions.view_webhookdelivery",
    "actions.view_deliveryattempt",
    "actions.view_followup",
    "actions.view_transferdecision",
    "actions.view_review",
    "actions.change_review",
    "calls.view_fieldreview",
    "alerts.view_incident",
)
OPS_PERMISSIONS = (
    *SUPPORT_PERMISSIONS,
    "agents.add_agent",
    "agents.change_agent",
    "agents.delete_agent",
    "agents.add_extractionfield",
    "agents.change_extractionfield",
    "agents.delete_extractionfield",
    "agents.add_action",
    "agents.change_action",
    "agents.delete_action",
    "calls.add_call",
    "calls.rerun_call",
    "actions.change_webhookdelivery",
    "actions.add_followup",
    "actions.change_followup",
    "actions.add_webhookinbox",
    "actions.change_webhookinbox",
    "actions.delete_webhookinbox",
    "actions.view_webhookinbox",
    "actions.view_inboxrequest",
    "connectors.add_connection",
    "connectors.change_connection",
    "connectors.view_connection",
    "connectors.view_delivery",
    "alerts.change_incident",
    "alerts.view_alertdestination",
    "alerts.add_alertdestination",
    "alerts.change_alertdestination",
    "alerts.delete_alertdestination",
    "alerts.view_alertrules",
    "alerts.change_alertrules",
    "alerts.view_silencedkind",
    "alerts.add_silencedkind",
    "alerts.delete_silencedkind",
)
ROLE_PERMISSIONS: dict[str, tuple[str, ...] | None] = {
    SUPPORT: SUPPORT_PERMISSIONS,
    OPS: OPS_PERMISSIONS,
    ADMIN: None,  # every permission, including those of apps added later
}


@dataclass(frozen=True)
class RolesSynced:
    groups: dict[str, int]
    missing: list[str]


def permissions_named(names: tuple[str, ...]) -> tuple[list[Permission], list[str]]:
    wanted = Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".")
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    found = list(Permission.objects.filter(wanted).select_related("content_type"))
    found_names = {f"{p.content_type.app_label}.{p.codename}" for p in found}
    return found, [name for name in names if name not in found_names]


@transaction.atomic
def roles_sync() -> RolesSynced:
    """Create the role groups and set each one's permissions to exactly its list."""
    groups: dict[str, int] = {}
    missing: list[str] = []
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        if names is None:
            permissions = list(Permission.objects.all())
        else:
            permissions, absent = permissions_named(names)
            missing += absent
        group.permissions.set(permissions)
        groups[role] = len(permissions)
    return RolesSynced(groups=groups, missing=sorted(set(missing)))


def staff_user_create(*, username: str, password: str, role: str) -> AbstractUser:
    """A user who can log into the admin with one role's permissions."""
    if role not in ROLE_PERMISSIONS:
        raise ValueError(f"Unknown role {role!r}: choose one of {', '.join(ROLE_PERMISSIONS)}.")
    user = get_user_model().objects.create_user(username=username, password=password, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user
