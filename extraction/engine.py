"""One extraction: ask the backend, validate and normalise, re-ask once on bad values.

A field may name its own extractor (`FieldSpec.extractor`): the offline one, or a model on
the configured server. `extract_grouped` asks each extractor once, for its own fields, all
at the same time, and merges their answers; a group that fails leaves its fields null with
the reason, and the others stand.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from django.conf import settings

from extraction.offline import OfflineBackend
from extraction.openai_backend import OpenAIBackend, hit_token_bound
from extraction.types import (
    BackendAnswer,
    BackendError,
    BackendErrorKind,
    ExtractionRequest,
    FieldSpec,
)
from extraction.validation import ValidatedResult, validate_answer

OFFLINE = "offline"


class Backend(Protocol):
    name: str

    def extract(
        self,
        request: ExtractionRequest,
        feedback: list[str] | None = None,
        previous: BackendAnswer | None = None,
    ) -> BackendAnswer:
        """Answer `request`; on a re-ask, `feedback` lists what was wrong with `previous`."""
        ...


@dataclass(frozen=True)
class Extractor:
    """Who answers a group of fields: a backend, and for a model backend its model."""

    backend: str
    model: str = ""

    @property
    def label(self) -> str:
        return self.backend if self.backend == OFFLINE else f"{self.backend}/{self.model}"


@dataclass
class Group:
    """What one extractor did for its fields in one call."""

    extractor: Extractor
    fields: tuple[str, ...]
    tokens_in: int = 0
    tokens_out: int = 0
    latency_ms: int = 0
    error: str = ""
    hit_token_bound: bool = False
    model: str = ""  # the model that answered, as the server names it

    @property
    def answered_by(self) -> str:
        """The model that answered, else the one asked (the offline extractor names
        itself)."""
        return self.model or self.extractor.model or self.extractor.backend

    def as_json(self) -> dict[str, Any]:
        return {
            "backend": self.extractor.backend,
            "model": self.answered_by,
            "fields": list(self.fields),
            "tokens_in": self.tokens_in,
            "tokens_out": self.tokens_out,
            "latency_ms": self.latency_ms,
            "error": self.error,
            "hit_token_bound": self.hit_token_bound,
        }


@dataclass
class Extraction:
    answer: BackendAnswer
    result: ValidatedResult
    latency_ms: int
    tokens_in: int
    tokens_out: int
    reasked: bool
    groups: list[Group] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        """Whether an extractor failed while another answered."""
        return any(group.error for group in self.groups)

    def field_extractors(self) -> dict[str, dict[str, str]]:
        """Which extractor and model answered each field."""
        return {
            name: {"backend": group.extractor.backend, "model": group.answered_by}
            for group in self.groups
            for name in group.fields
        }


def extract(request: ExtractionRequest, backend: Backend) -> Extraction:
    """Run one extraction; raises BackendError when no answer can be had.

    A value that fails validation is fed back to the backend once; a deterministic
    backend would answer the same again, so only model backends are re-asked. A model
    that refuses gave no answer: that is an error, not a call with nothing in it.
    """
    started = time.monotonic()
    answer = answered(backend.extract(request))
    result = validate_answer(answer, request)
    tokens_in, tokens_out = answer.tokens_in, answer.tokens_out
    feedback = result.feedback()
    reasked = bool(feedback) and backend.name != "offline"
    if reasked:
        first = answer
        try:
            answer = answered(backend.extract(request, feedback=feedback, previous=answer))
        except BackendError as error:
            if error.retryable:
                raise
            # The first answer stands, its invalid values null with their errors.
            first.notes.append(f"the re-ask gave no usable answer: {error}")
            tokens_in, tokens_out = tokens_in + error.tokens_in, tokens_out + error.tokens_out
        else:
            answer.notes = [*first.notes, *answer.notes]
            result = validate_answer(answer, request)
            tokens_in, tokens_out = tokens_in + answer.tokens_in, tokens_out + answer.tokens_out
    return Extraction(
        answer=answer,
        result=result,
        latency_ms=round((time.monotonic() - started) * 1000),
        tokens_in=tokens_in,
        tokens_out=tokens_out,
        reasked=reasked,
    )


def answered(answer: BackendAnswer) -> BackendAnswer:
    if answer.refusal:
        raise BackendError(
            f"the model refused to answer: {answer.refusal}", retryable=False, raw=answer.raw
        )
    return answer


def extractor_of(spec: FieldSpec, default: Extractor) -> Extractor:
    """The extractor a field names: empty is the agent's (`default`)."""
    if not spec.extractor:
        return default
    if spec.extractor == OFFLINE:
        return Extractor(OFFLINE)
    return Extractor("openai", spec.extractor)


def default_extractor(backend_name: str, model: str) -> Extractor:
    return Extractor(OFFLINE) if backend_name == OFFLINE else Extractor(backend_name, model)


def field_groups(
    fields: tuple[FieldSpec, ...], default: Extractor
) -> dict[Extractor, tuple[FieldSpec, ...]]:
    """The fields by the extractor that answers them, in the order they are configured."""
    groups: dict[Extractor, list[FieldSpec]] = {}
    for spec in fields:
        groups.setdefault(extractor_of(spec, default), []).append(spec)
    return {extractor: tuple(specs) for extractor, specs in groups.items()}


def extract_grouped(
    request: ExtractionRequest,
    *,
    default: Extractor,
    backend_for: Callable[[Extractor], Backend],
) -> Extraction:
    """Extract each extractor's fields with one request of its own, the requests at the
    same time, and merge the answers in the fields' order.

    A group that fails has its fields null, each with the error `<extractor> failed:
    <reason>`, and the run is partial; when every group fails, the first group's
    BackendError is raised (retryable or not as it was)."""
    started = time.monotonic()
    # An agent without fields still gets a run, from its own extractor.
    groups = field_groups(request.fields, default) or {default: ()}
    work = [
        (
            extractor,
            specs,
            backend_for(extractor),
            replace(request, fields=specs, model=extractor.model),
        )
        for extractor, specs in groups.items()
    ]
    if len(work) == 1:
        outcomes = [_run_group(*work[0])]
    else:
        with ThreadPoolExecutor(max_workers=len(work)) as pool:
            outcomes = list(pool.map(lambda item: _run_group(*item), work))
    errors = [outcome for _, outcome in outcomes if isinstance(outcome, BackendError)]
    if len(errors) == len(outcomes):
        raise _all_failed(errors)
    group, outcome = outcomes[0]
    if len(outcomes) == 1 and isinstance(outcome, Extraction):
        outcome.groups = [group]
        return outcome
    merged = _merged(request, default, outcomes)
    merged.latency_ms = round((time.monotonic() - started) * 1000)
    return merged


GroupOutcome = tuple[Group, "Extraction | BackendError"]


def _run_group(
    extractor: Extractor, specs: tuple[FieldSpec, ...], backend: Backend, request: ExtractionRequest
) -> GroupOutcome:
    group = Group(extractor=extractor, fields=tuple(spec.name for spec in specs))
    started = time.monotonic()
    try:
        extraction = extract(request, backend)
    except BackendError as error:
        group.error = str(error)
        group.tokens_in, group.tokens_out = error.tokens_in, error.tokens_out
        group.hit_token_bound = hit_token_bound(error.notes)
        group.latency_ms = round((time.monotonic() - started) * 1000)
        return group, error
    group.tokens_in, group.tokens_out = extraction.tokens_in, extraction.tokens_out
    group.latency_ms = extraction.latency_ms
    group.hit_token_bound = extraction.answer.truncated or hit_token_bound(extraction.answer.notes)
    group.model = extraction.answer.model
    return group, extraction


def _all_failed(errors: list[BackendError]) -> BackendError:
    """The one error of a run whose every group failed: the first group's, saying what
    the others said."""
    first = errors[0]
    if len(errors) == 1:
        return first
    error = BackendError(
        "; ".join(str(each) for each in errors),
        retryable=first.retryable,
        raw=first.raw,
        kind=first.kind,
        tokens_in=sum(each.tokens_in for each in errors),
        tokens_out=sum(each.tokens_out for each in errors),
    )
    error.notes = [note for each in errors for note in each.notes]
    return error


def _merged(
    request: ExtractionRequest, default: Extractor, outcomes: list[GroupOutcome]
) -> Extraction:
    """One extraction of every field, from the groups' answers and failures."""
    several = len(outcomes) > 1
    answer = BackendAnswer(values={}, evidence={})
    result = ValidatedResult(values={}, evidence={})
    raws: dict[str, str] = {}
    for group, outcome in outcomes:
        prefix = f"{group.extractor.label}: " if several else ""
        if isinstance(outcome, BackendError):
            _add_failure(result, answer, group, outcome, prefix)
            continue
        _add_result(result, outcome.result)
        _add_answer(answer, outcome.answer, prefix)
        raws[group.extractor.label] = outcome.answer.raw
    answer.raw = json.dumps(raws, ensure_ascii=False) if several else next(iter(raws.values()))
    answered = [o.answer.model for g, o in outcomes if isinstance(o, Extraction) and o.answer.model]
    by_default = [
        o.answer.model for g, o in outcomes if g.extractor == default and isinstance(o, Extraction)
    ]
    answer.model = next(iter(by_default + answered), "")
    groups = [group for group, _ in outcomes]
    return Extraction(
        answer=answer,
        result=_in_field_order(result, request.fields),
        latency_ms=0,
        tokens_in=sum(group.tokens_in for group in groups),
        tokens_out=sum(group.tokens_out for group in groups),
        reasked=any(isinstance(o, Extraction) and o.reasked for _, o in outcomes),
        groups=groups,
    )


def _add_failure(
    result: ValidatedResult, answer: BackendAnswer, group: Group, error: BackendError, prefix: str
) -> None:
    """A failed group's fields: null, each with the extractor's failure as its error."""
    label = group.extractor.label
    for name in group.fields:
        result.values[name] = None
        result.evidence[name] = None
        result.errors[name] = f"{label} failed: {error}"
        result.confidences[name] = None
        result.confidence_reasons[name] = f"{label} failed"
    answer.notes += [f"{prefix}{note}" for note in error.notes]
    answer.notes.append(f"partial: {label} failed for {', '.join(group.fields)}: {error}")


def _add_result(result: ValidatedResult, part: ValidatedResult) -> None:
    result.values.update(part.values)
    result.evidence.update(part.evidence)
    result.errors.update(part.errors)
    result.ungrounded += part.ungrounded
    result.times.update(part.times)
    result.reasons.update(part.reasons)
    result.time_errors.update(part.time_errors)
    result.confidences.update(part.confidences)
    result.confidence_reasons.update(part.confidence_reasons)


def _add_answer(answer: BackendAnswer, part: BackendAnswer, prefix: str) -> None:
    answer.values.update(part.values)
    answer.evidence.update(part.evidence)
    answer.times.update(part.times)
    answer.reasons.update(part.reasons)
    answer.confidences.update(part.confidences)
    answer.confidence_reasons.update(part.confidence_reasons)
    answer.tokens_in += part.tokens_in
    answer.tokens_out += part.tokens_out
    answer.refusal = "; ".join(text for text in (answer.refusal, part.refusal) if text)
    answer.truncated = answer.truncated or part.truncated
    answer.attempts = max(answer.attempts, part.attempts)
    answer.notes += [f"{prefix}{note}" for note in part.notes]


def _in_field_order(result: ValidatedResult, fields: tuple[FieldSpec, ...]) -> ValidatedResult:
    """The merged result with its values listed as the fields are configured."""
    names = [spec.name for spec in fields]
    result.values = {name: result.values[name] for name in names}
    result.evidence = {name: result.evidence[name] for name in names}
    result.ungrounded = [name for name in names if name in result.ungrounded]
    return result


def backend_named(name: str) -> Backend:
    """Build the backend `name` from settings."""
    if name == "openai":
        return OpenAIBackend.from_settings()
    if name == "offline":
        return OfflineBackend()
    raise ValueError(f"unknown extraction backend {name!r} (use offline or openai)")


def default_backend() -> Backend:
    return backend_named(settings.EXTRACTION_BACKEND)


class Unavailable:
    """An extractor this site cannot run: each request fails with the reason."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason

    def extract(
        self,
        request: ExtractionRequest,
        feedback: list[str] | None = None,
        previous: BackendAnswer | None = None,
    ) -> BackendAnswer:
        raise BackendError(self.reason, retryable=False, kind=BackendErrorKind.CONFIGURATION)


def extractor_backends(
    default: Backend, build: Callable[[str], Backend] = backend_named
) -> Callable[[Extractor], Backend]:
    """The backend of each extractor: `default` for its own kind (a model backend asks its
    server for each group's model), any other built by `build` from the settings. A model
    with no server configured fails its fields, naming the setting."""

    def backend_for(extractor: Extractor) -> Backend:
        if extractor.backend == default.name:
            return default
        if extractor.backend == "openai" and not settings.OPENAI_API_KEY:
            return Unavailable(
                "openai",
                f"the model {extractor.model!r} needs a model server: set OPENAI_API_KEY "
                "(and OPENAI_BASE_URL for a server other than OpenAI's)",
            )
        return build(extractor.backend)

    return backend_for
