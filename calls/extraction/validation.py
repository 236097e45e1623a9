"""Check a backend's answer field by field: normalise each value, ground each quote.

Keys in the answer that are not fields of the request are ignored: a model that adds a
key cannot add a value nobody configured.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from calls.extraction.normalizers import NormalizationError, normalize_value
from calls.extraction.types import BackendAnswer, ExtractionRequest, Turn

REQUIRED_MISSING = "required but not found in the call"


@dataclass
class ValidatedResult:
    values: dict[str, Any]
    evidence: dict[str, str | None]
    errors: dict[str, str] = field(default_factory=dict)
    ungrounded: list[str] = field(default_factory=list)

    def feedback(self) -> list[str]:
        """The problems worth asking a model about again: values that did not validate."""
        return [
            f"{name}: {message}"
            for name, message in self.errors.items()
            if message != REQUIRED_MISSING
        ]


def _folded(text: str) -> str:
    """Lower case, letters and digits only, single spaces: for finding quotes."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def is_grounded(quote: str, turns: tuple[Turn, ...]) -> bool:
    wanted = _folded(quote)
    if not wanted:
        return False
    transcript = _folded(" ".join(turn.text for turn in turns))
    return wanted in transcript


def validate_answer(answer: BackendAnswer, request: ExtractionRequest) -> ValidatedResult:
    reference = request.local_start
    result = ValidatedResult(values={}, evidence={})
    for spec in request.fields:
        raw = answer.values.get(spec.name)
        quote = answer.evidence.get(spec.name)
        result.evidence[spec.name] = quote if isinstance(quote, str) and quote.strip() else None
        try:
            value = normalize_value(spec, raw, reference=reference)
        except NormalizationError as error:
            value = None
            result.errors[spec.name] = str(error)
        result.values[spec.name] = value
        if value is None and spec.required and spec.name not in result.errors:
            result.errors[spec.name] = REQUIRED_MISSING
        if value is not None and not (
            result.evidence[spec.name] and is_grounded(result.evidence[spec.name], request.turns)
        ):
            result.ungrounded.append(spec.name)
    return result
