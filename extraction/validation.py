"""Check a backend's answer field by field: normalise each value, ground each quote."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from extraction.normalizers import (
    NormalizationError,
    normalize_items,
    normalize_time,
    normalize_value,
    time_in_value,
)
from extraction.types import BackendAnswer, ExtractionRequest, FieldSpec, Quote, Turn

REQUIRED_MISSING = "required but not found in the call"
NOT_STATED = "not stated in the call"
NO_CONFIDENCE = "the backend gives no confidence for it"
ELLIPSIS = re.compile(r"\s*(?:\.{3,}|…|\[\.\.\.\])\s*")
SPEAKER_LABEL = re.compile(r"^\s*(?:agent|user|customer|caller)\s*:\s*", re.IGNORECASE)


@dataclass
class ValidatedResult:
    """Every configured field, normalised; what went wrong, by field name.

    `times` holds, for each date field with a value, the local time of day ("15:00") the
    call states for it; `reasons` says why each null value is null; `confidences` how
    likely each field's value (a null too) is right, from 0 to 1, None with the reason in
    `confidence_reasons` where none can be had.
    """

    values: dict[str, Any]
    evidence: dict[str, Quote]
    errors: dict[str, str] = field(default_factory=dict)
    ungrounded: list[str] = field(default_factory=list)
    times: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    time_errors: dict[str, str] = field(default_factory=dict)
    confidences: dict[str, float | None] = field(default_factory=dict)
    confidence_reasons: dict[str, str] = field(default_factory=dict)
    # Lists whose only problem is having fewer items than expected: asking again would
    # invite items the call does not state.
    short: set[str] = field(default_factory=set)

    def feedback(self) -> list[str]:
        """The problems worth asking a model about again: values that did not validate.

        A required field that came back null is not among them: asking again would
        invite a guess at something the call does not say.
        """
        return [
            f"{name}: {message}"
            for name, message in self.errors.items()
            if message != REQUIRED_MISSING and name not in self.short
        ] + [f"times.{name}: {message}" for name, message in self.time_errors.items()]


def folded(text: str) -> str:
    """Lower case, letters and digits only, single spaces: for finding quotes."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def is_grounded(quote: str, turns: tuple[Turn, ...]) -> bool:
    """Whether `quote` appears in the transcript, ignoring case, spacing and punctuation.

    A quote shortened with an ellipsis is grounded when each of its parts appears, in
    order; a leading speaker label ("Customer: …") is not part of the quote.
    """
    parts = [folded(part) for part in ELLIPSIS.split(SPEAKER_LABEL.sub("", quote))]
    parts = [part for part in parts if part]
    if not parts:
        return False
    transcript = folded(" ".join(turn.text for turn in turns))
    position = 0
    for part in parts:
        found = transcript.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def validate_answer(answer: BackendAnswer, request: ExtractionRequest) -> ValidatedResult:
    """Normalise every configured field of `answer`; note errors and ungrounded values.

    - Every field of the request is in `values` (None when missing or invalid) and in
      `evidence` (None when no usable quote came back).
    - A value that does not normalise is None, with the normaliser's message (what came
      back and why it does not fit) in `errors`; a required field that is None without
      such an error gets "required but not found in the call".
    - A value whose quote is missing or cannot be found in the transcript is listed in
      `ungrounded`; the value is kept, for a person to check.
    - A null value without an error has a reason in `reasons`: the backend's, else "not
      stated in the call".
    - A date field's stated time of day is normalised into `times`; one that is not a
      time of day is dropped with its error in `time_errors`, which a re-ask shows.
    - Keys of `answer.values` that are not fields of the request are ignored: a backend
      cannot add a field nobody configured, and such a key is no error of any field.
      The raw answer on the run still shows them.
    - A list field is checked item by item (`_validate_list`).
    """
    reference = request.local_start
    result = ValidatedResult(values={}, evidence={})
    for spec in request.fields:
        if spec.is_list:
            _validate_list(spec, answer, result, request)
            _confidence(spec, answer, result)
            continue
        quote = answer.evidence.get(spec.name)
        quote = quote.strip() if isinstance(quote, str) and quote.strip() else None
        result.evidence[spec.name] = quote
        try:
            value = normalize_value(spec, answer.values.get(spec.name), reference=reference)
        except NormalizationError as error:
            value = None
            result.errors[spec.name] = str(error)
        result.values[spec.name] = value
        if value is None and spec.required and spec.name not in result.errors:
            result.errors[spec.name] = REQUIRED_MISSING
        if value is None and spec.name not in result.errors:
            result.reasons[spec.name] = answer.reasons.get(spec.name) or NOT_STATED
        if value is not None and (quote is None or not is_grounded(quote, request.turns)):
            result.ungrounded.append(spec.name)
        if value is not None and spec.format == "date":
            _stated_time(spec, answer, result, request)
        _confidence(spec, answer, result)
    return result


def _validate_list(
    spec: FieldSpec, answer: BackendAnswer, result: ValidatedResult, request: ExtractionRequest
) -> None:
    """A list field's good items stand, each with its quote, in the order said: one bad
    item is an error on that item, not on the others. Its value is None, never [], when
    no item stands; its evidence one quote (or None) per item kept, or None with the
    value. It is ungrounded when any kept item's quote is missing or not in the call."""
    items = normalize_items(spec, answer.values.get(spec.name), reference=request.local_start)
    kept = item_quotes(answer.evidence.get(spec.name), items.positions)
    result.values[spec.name] = items.values or None
    result.evidence[spec.name] = kept if items.values else None
    problems = items.problems
    if problems:
        result.errors[spec.name] = "; ".join(problems)
        if not items.bad and not items.dropped:
            result.short.add(spec.name)
    if not items.values and spec.required and not problems:
        result.errors[spec.name] = REQUIRED_MISSING
    if not items.values and spec.name not in result.errors:
        result.reasons[spec.name] = answer.reasons.get(spec.name) or NOT_STATED
    if any(quote is None or not is_grounded(quote, request.turns) for quote in kept):
        result.ungrounded.append(spec.name)


def item_quotes(given: Any, positions: list[int]) -> list[str | None]:
    """The quote of each kept item, by its position in the list given. One quote given
    for the whole list states each of its items."""
    if given is None or isinstance(given, str):
        return [clean_quote(given)] * len(positions)
    if not isinstance(given, list):
        return [None] * len(positions)
    return [clean_quote(given[at]) if at < len(given) else None for at in positions]


def clean_quote(quote: Any) -> str | None:
    return quote.strip() if isinstance(quote, str) and quote.strip() else None


def _confidence(spec: FieldSpec, answer: BackendAnswer, result: ValidatedResult) -> None:
    """The backend's confidence in the field's value; none for a value that did not
    validate, as what it was confident of is not what is kept."""
    given = answer.confidences.get(spec.name)
    invalid = spec.name in result.errors and spec.name not in result.short
    if invalid and result.errors[spec.name] != REQUIRED_MISSING:
        result.confidences[spec.name] = None
        result.confidence_reasons[spec.name] = "the value given did not validate"
    elif given is None:
        result.confidences[spec.name] = None
        result.confidence_reasons[spec.name] = (
            answer.confidence_reasons.get(spec.name) or NO_CONFIDENCE
        )
    else:
        result.confidences[spec.name] = round(min(max(float(given), 0.0), 1.0), 4)
        if spec.name in answer.confidence_reasons:  # "unnormalised: …" beside the number
            result.confidence_reasons[spec.name] = answer.confidence_reasons[spec.name]


def _stated_time(
    spec: FieldSpec, answer: BackendAnswer, result: ValidatedResult, request: ExtractionRequest
) -> None:
    """The time of day stated for a date: the answer's `times`, else a time said in the
    value itself ("next Tuesday at 3pm", "2026-03-17T15:00")."""
    said = answer.times.get(spec.name)
    if said is not None and not (isinstance(said, str) and not said.strip()):
        try:
            result.times[spec.name] = normalize_time(said)
        except NormalizationError as error:
            result.time_errors[spec.name] = str(error)
        return
    carried = time_in_value(answer.values.get(spec.name), reference=request.local_start)
    if carried is not None:
        result.times[spec.name] = carried
