"""Action kinds as an agent's config sees them: each kind's config rules, found by type.

The kinds themselves (`actions/kinds/`) book calls and send webhooks, so they live above
this layer. The actions app registers them when Django starts (`ActionsConfig.ready`);
validating, storing and showing a config asks this registry and never imports them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from extraction.types import FieldSpec

if TYPE_CHECKING:
    from agents.models import Action

ConfigT = TypeVar("ConfigT")


class KindConfigInvalid(ValueError):
    """A kind's config that cannot work; each message starts with the key it is about."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


class ActionKindRules(Generic[ConfigT]):
    """What the config of one kind of action may hold, and how it is stored and shown.

    `secret_keys` are config keys that are never stored with the config, exported or
    shown: `config_saved` receives them once the action is saved.
    """

    type: ClassVar[str]
    label: ClassVar[str]
    secret_keys: ClassVar[frozenset[str]] = frozenset()

    def parse(self, config: Mapping[str, Any], fields: Mapping[str, FieldSpec]) -> ConfigT:
        """The typed config; raise KindConfigInvalid with every problem."""
        raise NotImplementedError

    def config_errors(
        self, config: Mapping[str, Any], fields: Mapping[str, FieldSpec]
    ) -> list[str]:
        try:
            self.parse(config, fields)
        except KindConfigInvalid as error:
            return error.errors
        return []

    def field_references(self, config: Mapping[str, Any]) -> dict[str, str]:
        """Map each extraction field the config uses to the config key that uses it."""
        return {}

    def config_for_reader(self, config: Mapping[str, Any]) -> dict[str, Any]:
        """The config as shown to someone who may not change actions."""
        return dict(config)

    def config_kept(self, config: Mapping[str, Any], stored: Mapping[str, Any]) -> dict[str, Any]:
        """The config to store when `config` comes back from a reader's view of `stored`:
        what the view hid keeps its stored value."""
        return dict(config)

    def config_saved(self, *, action: Action, secrets: Mapping[str, str]) -> str:
        """Act on a saved action of this kind; return a secret to show once, or ""."""
        return ""


_KINDS: dict[str, ActionKindRules[Any]] = {}


def action_kinds_register(kinds: Iterable[ActionKindRules[Any]]) -> None:
    for kind in kinds:
        _KINDS[kind.type] = kind


def action_kind_rules(action_type: object) -> ActionKindRules[Any] | None:
    """The rules of a kind, or None for a type no kind has."""
    return _KINDS.get(action_type) if isinstance(action_type, str) else None


def action_kind(action_type: str) -> ActionKindRules[Any]:
    """The rules of a kind known to exist: a stored or validated action's."""
    return _KINDS[action_type]


def action_types() -> list[str]:
    return list(_KINDS)


def action_type_choices() -> list[tuple[str, str]]:
    """The choices of `Action.type`: every registered kind."""
    return [(kind.type, kind.label) for kind in _KINDS.values()]
