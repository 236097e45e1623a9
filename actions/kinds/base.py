"""The interface every action kind implements: a typed config parsed once, a pure plan of
what the action would do, and the firing that carries the plan out."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, Self, TypeVar, final

import phonenumbers

from actions.webhooks.attempts import delivery_refuse, delivery_to_attempt
from actions.webhooks.payload import ExtractionPayload, FiringIds, utc_stamp
from agents.kinds import ActionKindRules, KindConfigInvalid, action_kinds
from agents.models import Agent
from calls.models import Call, ExtractionRun
from extraction.types import FieldSpec, specs_from_snapshot

if TYPE_CHECKING:
    from actions.models import ActionRun, Review

ConfigT = TypeVar("ConfigT")
PlanT = TypeVar("PlanT", bound="Plan")


class ActionFailed(Exception):
    """The action was decided but could not be carried out; the message says why."""


@dataclass(frozen=True)
class Outline:
    """What a plan would do, told to a person: one line, its reasons, the exact payload."""

    headline: str
    reasons: tuple[str, ...] = ()
    payload: str = ""


class Plan(Protocol):
    def outline(self) -> Outline: ...


@dataclass(frozen=True)
class Firing:
    """One action fired on one call's values: everything a kind's plan reads.

    The rows may be unsaved: the go-live trial plans on a call it never stores, for an
    agent with the settings as typed on its page.
    """

    agent: Agent
    call: Call
    action_name: str
    condition: Any
    reason: str
    extraction: ExtractionPayload
    specs: Mapping[str, FieldSpec]
    test: bool = False
    ids: FiringIds = field(default_factory=FiringIds)


def firing_number(action_run: ActionRun) -> int:
    """How many times the action has fired for the call, this firing included."""
    earlier = action_run.call.action_runs.filter(
        action_id=action_run.action_id, outcome="fired", pk__lt=action_run.pk
    )
    return earlier.count() + 1


def extraction_payload(run: ExtractionRun) -> ExtractionPayload:
    """A stored run's values as an event carries them."""
    return ExtractionPayload(
        run_id=run.pk,
        values=run.values,
        evidence=run.evidence,
        errors=run.field_errors,
        ungrounded=run.ungrounded,
        times=run.times,
        confidences=run.confidences,
        confidence_reasons=run.confidence_reasons,
    )


def firing_of(action_run: ActionRun) -> Firing:
    """The firing a decided action run stands for, with the fields its values came from.

    An action released after a review fires on the reviewed values.
    """
    run, action = action_run.extraction_run, action_run.action
    review = action_run.review if action_run.review_id is not None else None
    if review is not None and review.decided_at is not None and review.status == "released":
        confidences, confidence_reasons = reviewed_confidences(review, run=run)
        extraction = ExtractionPayload(
            run_id=run.pk,
            values=review.values,
            evidence=run.evidence,
            errors=run.field_errors,
            ungrounded=run.ungrounded,
            times=review.times,
            confidences=confidences,
            confidence_reasons=confidence_reasons,
            review=review_payload(review, run=run),
        )
    else:
        extraction = extraction_payload(run)
    return Firing(
        ids=FiringIds(
            action_id=action.pk, decision_id=action_run.pk, number=firing_number(action_run)
        ),
        agent=action.agent,
        call=action_run.call,
        action_name=action.name,
        condition=action_run.condition,
        reason=action_run.reason,
        extraction=extraction,
        specs=specs_from_snapshot(run.config_snapshot),
    )


def reviewed_confidences(
    review: Review, *, run: ExtractionRun
) -> tuple[dict[str, float | None], dict[str, str]]:
    """The run's confidences, but none for a value a person corrected: the extractor's
    confidence was in the value it read, which the event no longer carries."""
    confidences = dict(run.confidences)
    reasons = dict(run.confidence_reasons)
    for name in review.corrected:
        confidences[name] = None
        reasons[name] = f"corrected by {review.decided_by or 'a reviewer'}"
    return confidences, reasons


def review_payload(review: Review, *, run: ExtractionRun) -> dict[str, Any]:
    """The `extraction.review` of an event: who reviewed, when, and what they changed
    (for a date field, its time of day too)."""
    corrected: dict[str, dict[str, Any]] = {}
    for name in review.corrected:
        change = {"extracted": run.values.get(name), "reviewed": review.values.get(name)}
        if name in review.times or name in run.times:
            change["extracted_time"] = run.times.get(name)
            change["reviewed_time"] = review.times.get(name)
        corrected[name] = change
    return {
        "reviewed": True,
        "reviewed_by": review.decided_by,
        "reviewed_at": utc_stamp(review.decided_at) if review.decided_at else None,
        "corrected": corrected,
    }


class ActionKind(ActionKindRules, Generic[ConfigT, PlanT]):
    """One kind of action (`schedule_call`, `webhook`, `transfer_call`).

    A kind declares its `type`, `label` and `keys` and writes three hooks: `read` its
    config's keys into a typed config, `plan` what firing would do, `carry_out` the plan.
    The others have defaults. `after_call` says whether the kind fires when a finished
    call has been analysed; a during-call kind is decided while the call is live instead.
    """

    after_call: ClassVar[bool] = True

    @abstractmethod
    def read(self, config: Mapping[str, Any], fields: Mapping[str, FieldSpec]) -> ConfigT:
        """The typed config; raise KindConfigInvalid with every problem of its values."""

    @abstractmethod
    def plan(self, config: ConfigT, firing: Firing) -> PlanT:
        """What firing would do, reading and writing nothing; ActionFailed if it cannot."""

    @abstractmethod
    def carry_out(self, plan: PlanT, action_run: ActionRun) -> str:
        """Do what the plan says for a fired action run; return a note for its reason."""

    def attempt(self, *, delivery_id: int) -> None:
        """Make one attempt of a claimed delivery of this kind's action and record it.

        A kind whose `carry_out` queues deliveries makes their attempts here; the delivery
        task finds it by the action's type. A kind that queues none fails the delivery for
        good: its action's type was changed after the delivery was queued.
        """
        delivery = delivery_to_attempt(delivery_id=delivery_id)
        if delivery is not None:
            delivery_refuse(
                delivery=delivery,
                reason=f"not sent: the action is now a {self.label}, which sends no deliveries",
            )

    def values_used(
        self, config: Mapping[str, Any], specs: Mapping[str, FieldSpec]
    ) -> frozenset[str]:
        """The fields whose values firing reads, beyond its condition's."""
        return frozenset(self.field_references(config))

    def save_problems(self, config: ConfigT) -> list[str]:
        """What a save refuses in a config that parses, beyond its own values: what may
        change once it is saved, which firing leaves to the moment it sends."""
        return []

    @final
    def parse(self, config: Mapping[str, Any], fields: Mapping[str, FieldSpec]) -> ConfigT:
        """The one reading of a config: its keys against the declared ones, then `read`;
        raise KindConfigInvalid with every problem, each naming its key."""
        unknown = unknown_keys_error(config, self.keys)
        try:
            typed = self.read(config, fields)
        except KindConfigInvalid as error:
            raise KindConfigInvalid([unknown, *error.errors] if unknown else error.errors) from None
        raise_errors([unknown])
        return typed

    @final
    def config_errors(
        self, config: Mapping[str, Any], fields: Mapping[str, FieldSpec]
    ) -> list[str]:
        try:
            return self.save_problems(self.parse(config, fields))
        except KindConfigInvalid as error:
            return error.errors

    @final
    def parse_stored(self, config: Mapping[str, Any], fields: Mapping[str, FieldSpec]) -> ConfigT:
        """A stored config read at firing time; one that no longer fits fails the action."""
        try:
            return self.parse(config, fields)
        except KindConfigInvalid as error:
            raise ActionFailed(f"the config cannot be used: {error}") from error

    @final
    def fire(self, action_run: ActionRun) -> str:
        """Plan a fired after-call action and carry it out; return a note for its reason."""
        firing = firing_of(action_run)
        config = self.parse_stored(action_run.action.config, firing.specs)
        return self.carry_out(self.plan(config, firing), action_run)

    @final
    @classmethod
    def registered(cls) -> Self:
        """The kind of this class as the registry holds it, typed as this class."""
        return next(kind for kind in action_kinds() if isinstance(kind, cls))


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


def unknown_keys_error(config: Mapping[str, Any], allowed: frozenset[str]) -> str | None:
    unknown = sorted(set(config) - allowed)
    if not unknown:
        return None
    return f"config: unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})"


def raise_errors(errors: list[str | None]) -> None:
    """Raise KindConfigInvalid with the problems found, if any."""
    found = [error for error in errors if error]
    if found:
        raise KindConfigInvalid(found)
