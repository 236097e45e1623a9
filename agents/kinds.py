"""Action kinds as an agent's config sees them: each kind's config rules, found by type.

The kinds themselves (`actions/kinds/`) book calls and send webhooks, so they live above
this layer. The actions app registers them when Django starts (`ActionsConfig.ready`);
validating, storing and showing a config asks this registry and never imports them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, final

from extraction.types import FieldSpec

if TYPE_CHECKING:
    from agents.models import Action

HIDDEN = "(hidden)"


class KindConfigInvalid(ValueError):
    """A kind's config that cannot work; each message starts with the key it is about."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


class ActionKindRules(ABC):
    """What the agents layer needs of a kind of action: the keys its config may hold, the
    check a save makes, and what a save does next.

    The value under a key of `field_keys` names an extraction field, which then cannot be
    deleted or renamed; `secret_keys` are never stored with the config, exported or shown
    (`config_saved` receives them once the action is saved); the values of the object under
    a key of `hidden_keys` are shown as "(hidden)" to someone who may not change actions.
    """

    field_keys: ClassVar[frozenset[str]] = frozenset()
    secret_keys: ClassVar[frozenset[str]] = frozenset()
    hidden_keys: ClassVar[frozenset[str]] = frozenset()

    @property
    @abstractmethod
    def type(self) -> str:
        """The `Action.type` of the kind."""

    @property
    @abstractmethod
    def label(self) -> str:
        """The kind's name as people read it."""

    @property
    @abstractmethod
    def keys(self) -> frozenset[str]:
        """Every key a config of the kind may hold."""

    @abstractmethod
    def config_errors(
        self, config: Mapping[str, Any], fields: Mapping[str, FieldSpec]
    ) -> list[str]:
        """Every problem that stops a save, each starting with the key it is about."""

    def config_saved(self, *, action: Action, secrets: Mapping[str, str]) -> str:
        """Act on a saved action of this kind; return a secret to show once, or ""."""
        return ""

    @final
    def field_references(self, config: Mapping[str, Any]) -> dict[str, str]:
        """Map each extraction field the config names to the config key that names it."""
        return {
            value: f"config.{key}"
            for key in sorted(self.field_keys)
            if isinstance(value := config.get(key), str) and value
        }

    @final
    def config_for_reader(self, config: Mapping[str, Any]) -> dict[str, Any]:
        """The config as shown to someone who may not change actions."""
        hidden = {
            key: dict.fromkeys(value, HIDDEN)
            for key in self.hidden_keys
            if isinstance(value := config.get(key), dict) and value
        }
        return {**config, **hidden}

    @final
    def config_kept(self, config: Mapping[str, Any], stored: Mapping[str, Any]) -> dict[str, Any]:
        """The config to store when `config` comes back from a reader's view of `stored`:
        a value sent back as "(hidden)" keeps the value stored under its name, so a client
        that read the agent can send it back without knowing the credentials."""
        kept: dict[str, dict[str, Any]] = {}
        for key in self.hidden_keys:
            sent, before = config.get(key), stored.get(key) or {}
            if isinstance(sent, dict) and isinstance(before, dict):
                kept[key] = {
                    name: before.get(name, value) if value == HIDDEN else value
                    for name, value in sent.items()
                }
        return {**config, **kept}


_KINDS: dict[str, ActionKindRules] = {}


def action_kinds_register(kinds: Iterable[ActionKindRules]) -> None:
    for kind in kinds:
        _KINDS[kind.type] = kind


def action_kind_rules(action_type: object) -> ActionKindRules | None:
    """The rules of a kind, or None for a type no kind has."""
    return _KINDS.get(action_type) if isinstance(action_type, str) else None


def action_kind(action_type: str) -> ActionKindRules:
    """The rules of a kind known to exist: a stored or validated action's."""
    return _KINDS[action_type]


def action_kinds() -> list[ActionKindRules]:
    return list(_KINDS.values())


def action_types() -> list[str]:
    return list(_KINDS)


def action_type_choices() -> list[tuple[str, str]]:
    """The choices of `Action.type`: every registered kind."""
    return [(kind.type, kind.label) for kind in _KINDS.values()]
