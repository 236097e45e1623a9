"""The credentials of native actions: the one writer and reader of `ActionCredential`."""

from __future__ import annotations

from collections.abc import Mapping

from actions.models import ActionCredential
from agents.models import Action


def credentials_set(*, action: Action, values: Mapping[str, str]) -> None:
    """Keep the credentials typed into a saved action's config; a key left empty keeps the
    one stored under its name."""
    for name, value in values.items():
        if value:
            ActionCredential.objects.update_or_create(
                action=action, name=name, defaults={"value": value}
            )


def credentials_of(action: Action) -> dict[str, str]:
    """The stored credentials of an action, by the config key they were typed under."""
    if action.pk is None:
        return {}
    return dict(action.credentials.values_list("name", "value"))


def credentials_forget(*, action: Action, names: list[str]) -> None:
    """Drop credentials that no longer hold (an access token fetched with old keys)."""
    action.credentials.filter(name__in=names).delete()
