"""One extraction: ask the backend, validate and normalise, re-ask once on bad values."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings

from extraction.offline import OfflineBackend
from extraction.openai_backend import OpenAIBackend
from extraction.types import BackendAnswer, BackendError, ExtractionRequest
from extraction.validation import ValidatedResult, validate_answer


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


@dataclass
class Extraction:
    answer: BackendAnswer
    result: ValidatedResult
    latency_ms: int
    tokens_in: int
    tokens_out: int
    reasked: bool


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


def backend_named(name: str) -> Backend:
    """Build the backend `name` from settings."""
    if name == "openai":
        return OpenAIBackend.from_settings()
    if name == "offline":
        return OfflineBackend()
    raise ValueError(f"unknown extraction backend {name!r} (use offline or openai)")


def default_backend() -> Backend:
    return backend_named(settings.EXTRACTION_BACKEND)
