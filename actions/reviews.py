"""Holding actions for a person to review a call's values, and deciding them once the
person has: release on the reviewed values, or reject.

An action's review rule (`Action.review`) says when it is held: never; when a value it
uses is uncertain (no evidence in the transcript, invalid, or a required field of the
call missing); when it is uncertain or its confidence is below the action's threshold
(`Action.review_below`), a value with no confidence counting as below; or always.
Releasing stores the reviewed values and hands the decision to a task, durably
(`REVIEW_RELEASE`), like every other step after a run.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from actions.kinds import kind_for
from actions.kinds.base import extraction_payload
from actions.models import ActionRun, Outcome, Review, ReviewReason, ReviewStatus
from actions.webhooks.payload import ExtractionPayload
from agents.conditions import referenced_fields
from agents.models import ReviewRule
from calls.handoffs import HandOff
from calls.models import ExtractionRun
from calls.reviews import ReviewedValues, field_reviews_record, reviewed_values_check
from extraction.types import FieldSpec
from extraction.validation import REQUIRED_MISSING

REVIEW_RELEASE = HandOff(
    model=Review,
    task="actions.tasks.release_review",
    name="release-review",
    due_field="release_due_at",
    done_field="released_at",
    attempts_field="release_attempts",
)


class ReviewTaken(Exception):
    """Someone else decided the review first; the message says who and when."""


@dataclass(frozen=True)
class HoldReason:
    kind: str
    text: str
    field: str = ""


@dataclass(frozen=True)
class LowestConfidence:
    """The least trusted value an action uses; `confidence` None when it has none, which
    is trusted less than any number."""

    field: str
    confidence: float | None

    def rank(self) -> float:
        return -1.0 if self.confidence is None else self.confidence


@dataclass(frozen=True)
class ValueTrust:
    """What a decision knows of how far its values can be trusted: a stored run's, or a
    trial's that nothing stores."""

    fields: Sequence[str]
    values: Mapping[str, Any]
    errors: Mapping[str, str]
    ungrounded: Collection[str]
    confidences: Mapping[str, float | None]
    confidence_reasons: Mapping[str, str]

    @classmethod
    def of_run(cls, run: ExtractionRun) -> ValueTrust:
        fields = [spec["name"] for spec in run.config_snapshot]
        return cls.of_extraction(extraction_payload(run), fields=fields)

    @classmethod
    def of_extraction(cls, extraction: ExtractionPayload, *, fields: Sequence[str]) -> ValueTrust:
        return cls(
            fields=fields,
            values=extraction.values,
            errors=extraction.errors,
            ungrounded=extraction.ungrounded,
            confidences=extraction.confidences,
            confidence_reasons=extraction.confidence_reasons,
        )

    def confidence(self, name: str) -> float | None:
        """The value's confidence; None where the backend gave none, or the run is from
        before confidences were kept."""
        return self.confidences.get(name)


class ReviewedAction(Protocol):
    """What a review rule reads of an action: a stored one, or a draft on the agent page."""

    @property
    def name(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def condition(self) -> Any: ...
    @property
    def config(self) -> Any: ...
    @property
    def review(self) -> str: ...
    @property
    def review_below(self) -> float | None: ...


def uncertain_values(trust: ValueTrust, names: frozenset[str] | set[str]) -> list[HoldReason]:
    """Why the values of `names` cannot be trusted as they are, field by field; and
    every required field the call lacks, since a config that requires it relies on it."""
    reasons = []
    for name in trust.fields:
        error = trust.errors.get(name, "")
        if error == REQUIRED_MISSING:
            reasons.append(
                HoldReason(ReviewReason.MISSING, f"{name} is required but missing", name)
            )
        elif name not in names:
            continue
        elif error:
            reasons.append(HoldReason(ReviewReason.INVALID, f"{name} is invalid: {error}", name))
        elif trust.values.get(name) is not None and name in trust.ungrounded:
            reasons.append(
                HoldReason(
                    ReviewReason.UNGROUNDED, f"{name} has no evidence in the transcript", name
                )
            )
    return reasons


def shown_confidence(confidence: float) -> str:
    return f"{confidence:g}"


def low_confidence_values(
    trust: ValueTrust, names: frozenset[str] | set[str], below: float
) -> list[HoldReason]:
    """The values of `names` whose confidence is below `below`, field by field. A value
    with no confidence counts as below: nothing says it can be trusted, so a person sees
    it rather than it firing unchecked."""
    reasons = []
    for name in trust.fields:
        if name not in names:
            continue
        confidence = trust.confidence(name)
        if confidence is None:
            why = trust.confidence_reasons.get(name) or "none was recorded"
            text = f"{name} has no confidence ({why}), counted as below {shown_confidence(below)}"
        elif confidence < below:
            text = f"{name} at {shown_confidence(confidence)}, below {shown_confidence(below)}"
        else:
            continue
        reasons.append(HoldReason(ReviewReason.CONFIDENCE, text, name))
    return reasons


def lowest_confidence(
    trust: ValueTrust, names: frozenset[str] | set[str]
) -> LowestConfidence | None:
    """The value of `names` with the lowest confidence (one with none first); None when
    there is no value."""
    used = [
        LowestConfidence(name, trust.confidence(name)) for name in trust.fields if name in names
    ]
    return min(used, key=LowestConfidence.rank, default=None)


def values_used(action: ReviewedAction, specs: Mapping[str, FieldSpec]) -> frozenset[str]:
    """The fields whose values decide or fill the action: its condition's and its kind's."""
    in_condition = referenced_fields(action.condition) & set(specs)
    return kind_for(action.type).values_used(action.config, specs) | in_condition


def _doubts(
    action: ReviewedAction, trust: ValueTrust, names: frozenset[str] | set[str]
) -> list[HoldReason]:
    """Why the values of `names` need a person under the action's rule ("when uncertain"
    or "when uncertain or below a confidence")."""
    uncertain = uncertain_values(trust, names)
    if action.review != ReviewRule.CONFIDENCE or action.review_below is None:
        return uncertain
    # A value already held as invalid or without evidence is named once, for that.
    named = {reason.field for reason in uncertain}
    low = low_confidence_values(trust, set(names) - named, action.review_below)
    return [*uncertain, *low]


def hold_reasons(
    *, action: ReviewedAction, trust: ValueTrust, specs: Mapping[str, FieldSpec], outcome: str
) -> list[HoldReason]:
    """Why the action waits for a review before it is decided; empty when it does not.

    Under "when uncertain", an action whose condition reads only certain values and does
    not match is skipped as usual: no correction of another value would make it fire.
    """
    if outcome == Outcome.NOT_APPLICABLE:
        return []
    if action.review == ReviewRule.ALWAYS:
        return [HoldReason(ReviewReason.ALWAYS, f"{action.name} is always reviewed")]
    if action.review not in (ReviewRule.UNCERTAIN, ReviewRule.CONFIDENCE):
        return []
    reasons = _doubts(action, trust, values_used(action, specs))
    in_condition = referenced_fields(action.condition) & set(specs)
    if outcome == Outcome.SKIPPED and not _doubts(action, trust, in_condition):
        return []
    return reasons


def review_hold(
    *, run: ExtractionRun, reasons: list[HoldReason], lowest: LowestConfidence | None
) -> Review:
    """The run's review, with these reasons added and the lowest confidence among the
    values its held actions use; inside the deciding transaction."""
    review, _ = Review.objects.get_or_create(extraction_run=run, defaults={"call": run.call})
    kinds = sorted(set(review.kinds()) | {reason.kind for reason in reasons})
    review.reason_kinds = f" {' '.join(kinds)} "
    review.reasons = [*review.reasons, *(r.text for r in reasons if r.text not in review.reasons)]
    held_so_far = (
        LowestConfidence(review.lowest_confidence_field, review.lowest_confidence)
        if review.lowest_confidence_field
        else None
    )
    least = min(filter(None, (held_so_far, lowest)), key=LowestConfidence.rank, default=None)
    if least is not None:
        review.lowest_confidence_field, review.lowest_confidence = least.field, least.confidence
    review.save(
        update_fields=["reason_kinds", "reasons", "lowest_confidence", "lowest_confidence_field"]
    )
    return review


def held_reason(reasons: list[HoldReason], decision_reason: str) -> str:
    why = "; ".join(reason.text for reason in reasons)
    return f"waiting for review: {why} (condition: {decision_reason})"


def _taken(review_id: int) -> ReviewTaken:
    review = Review.objects.get(pk=review_id)
    if review.status == ReviewStatus.SUPERSEDED:
        return ReviewTaken(
            "This review was superseded: a re-run decided the call's actions again. "
            "Nothing was changed."
        )
    when = review.decided_at.astimezone(review.call.zone) if review.decided_at else None
    stamp = f" at {when:%Y-%m-%d %H:%M} {review.call.timezone}" if when else ""
    return ReviewTaken(
        f"This call was already reviewed: {review.status} by "
        f"{review.decided_by}{stamp}. Nothing was changed."
    )


def review_release(
    *,
    review: Review,
    by: str,
    values: Mapping[str, Any] | None = None,
    times: Mapping[str, str | None] | None = None,
) -> ReviewedValues:
    """Accept the values (none given) or correct them, and release the held actions.

    The first reviewer wins: the review is taken with a conditional UPDATE, and a second
    one gets ReviewTaken. Raises ReviewInvalid for values that do not fit their fields.
    The held actions are decided by a task once this commits.
    """
    run = ExtractionRun.objects.select_related("call").get(pk=review.extraction_run_id)
    reviewed = reviewed_values_check(run=run, values=values, times=times)
    now = timezone.now()
    with transaction.atomic():
        taken = Review.objects.filter(pk=review.pk, status=ReviewStatus.PENDING).update(
            status=ReviewStatus.RELEASED,
            decided_by=by,
            decided_at=now,
            values=reviewed.values,
            times=reviewed.times,
            corrected=reviewed.corrected,
            release_due_at=REVIEW_RELEASE.deadline(),
        )
        if not taken:
            raise _taken(review.pk)
        field_reviews_record(run=run, reviewed=reviewed, by=by, at=now)
        transaction.on_commit(lambda: REVIEW_RELEASE.queue(review.pk), robust=True)
    return reviewed


def review_reject(*, review: Review, by: str) -> int:
    """Reject the call's held actions: each is recorded as skipped, "rejected by NAME".
    Return how many; ReviewTaken when someone decided first."""
    with transaction.atomic():
        taken = Review.objects.filter(pk=review.pk, status=ReviewStatus.PENDING).update(
            status=ReviewStatus.REJECTED, decided_by=by, decided_at=timezone.now()
        )
        if not taken:
            raise _taken(review.pk)
        return ActionRun.objects.filter(review_id=review.pk, outcome=Outcome.HELD).update(
            outcome=Outcome.SKIPPED, reason=f"rejected by {by}"
        )


def reviews_supersede(*, call_id: int, run_id: int) -> int:
    """Waiting reviews of the call's earlier runs give way to a run that decides its
    actions again: their held actions are skipped, so that nothing fires twice. Return
    how many reviews gave way."""
    older = list(
        reviews_waiting()
        .filter(call_id=call_id)
        .exclude(extraction_run_id=run_id)
        .values_list("pk", flat=True)
    )
    superseded = Review.objects.filter(pk__in=older, status=ReviewStatus.PENDING).update(
        status=ReviewStatus.SUPERSEDED, decided_at=timezone.now()
    )
    ActionRun.objects.filter(review_id__in=older, outcome=Outcome.HELD).update(
        outcome=Outcome.SKIPPED,
        reason=f"superseded by run {run_id}, which decides the actions again",
    )
    return superseded


def review_releases_dispatch() -> int:
    return REVIEW_RELEASE.dispatch()


def stale_after() -> timedelta:
    return timedelta(hours=settings.REVIEW_STALE_AFTER_HOURS)


def reviews_waiting() -> QuerySet[Review]:
    return Review.objects.filter(status=ReviewStatus.PENDING)


def reviews_stale(*, agent_id: int | None = None, now: datetime | None = None) -> QuerySet[Review]:
    """Reviews waiting longer than REVIEW_STALE_AFTER_HOURS: they are shown, never
    released on their own."""
    waiting = reviews_waiting().filter(created_at__lt=(now or timezone.now()) - stale_after())
    return waiting.filter(call__agent_id=agent_id) if agent_id is not None else waiting


def reviews_below_confidence(
    queryset: QuerySet[Review], *, below: float | None
) -> QuerySet[Review]:
    """The reviews whose held actions use a value with a confidence below `below`, or with
    none (which counts as below any); `below` None: only those with none."""
    no_confidence = Q(lowest_confidence__isnull=True) & ~Q(lowest_confidence_field="")
    if below is None:
        return queryset.filter(no_confidence)
    return queryset.filter(no_confidence | Q(lowest_confidence__lt=below))


def review_waiting_for(*, call_id: int) -> Review | None:
    """The oldest review the call's actions wait for, if any."""
    return reviews_waiting().filter(call_id=call_id).order_by("created_at", "id").first()
