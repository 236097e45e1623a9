"""Plain objects passed between the extraction engine and its backends.

They carry no Django models, so backends, normalisers and the evaluation command
work the same on a stored call and on a line of a JSON Lines file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal
from zoneinfo import ZoneInfo

FieldType = Literal["string", "number", "boolean", "enum", "list"]
ItemType = Literal["string", "number", "enum"]
StringFormat = Literal["", "date", "date-time", "phone", "email"]
Role = Literal["agent", "user"]


@dataclass(frozen=True)
class FieldSpec:
    """One extraction field, as configured on the agent."""

    name: str
    type: FieldType
    description: str = ""
    choices: tuple[str, ...] = ()  # enum choices; for a list of enum, the items' choices
    format: StringFormat = ""  # for a list of string, the items' format
    required: bool = False
    item_type: ItemType | Literal[""] = ""  # list fields only ("" on every other type)
    min_items: int | None = None  # list fields only
    max_items: int | None = None  # list fields only
    # "" = the agent's extractor; "offline"; or a model name on the configured server
    extractor: str = ""


@dataclass(frozen=True)
class Turn:
    role: Role
    text: str
    offset: float | None = None


@dataclass(frozen=True)
class ExtractionRequest:
    """Everything a backend needs to analyse one call."""

    fields: tuple[FieldSpec, ...]
    turns: tuple[Turn, ...]
    started_at: datetime  # aware
    timezone: ZoneInfo
    model: str = ""

    @property
    def local_start(self) -> datetime:
        return self.started_at.astimezone(self.timezone)


@dataclass
class BackendAnswer:
    """What a backend returned, before validation and normalisation.

    `values` and `evidence` are keyed by field name; `times` holds, for a date field, the
    local time of day ("15:00") the call states for that date, or None when only a day
    was said; `reasons` says why a field is null, when the backend knows. `confidences`
    holds, by field, how likely the value given (a null too) is right, from 0 to 1;
    `confidence_reasons` says why a field has none, or, beside a confidence, what limits
    it. `raw` is the model's answer exactly as received (text), kept on the run for
    audit; `part_answers` holds each request's raw answer when a long transcript was sent
    in parts, so a re-ask can show each part its own answer.
    """

    values: dict[str, Any]
    evidence: dict[str, str | None]
    times: dict[str, str | None] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    confidences: dict[str, float] = field(default_factory=dict)
    confidence_reasons: dict[str, str] = field(default_factory=dict)
    raw: str = ""
    model: str = ""
    tokens_in: int = 0
    tokens_out: int = 0
    refusal: str = ""
    truncated: bool = False
    part_answers: tuple[str, ...] = ()
    attempts: int = 1
    notes: list[str] = field(default_factory=list)


class BackendErrorKind(StrEnum):
    """What an error that retrying cannot cure needs fixed."""

    CONFIGURATION = "configuration"  # the fields or the settings
    MODEL_REFUSED_REQUEST = "model_refused_request"  # the model's API refused the request
    BAD_ANSWER = "bad_answer"  # the model answered something unusable


class BackendError(Exception):
    """The backend could not produce an answer.

    `retryable` says whether the same request may succeed later (a 429, a timeout,
    a 5xx), as opposed to an answer that will never come (a refusal, a bad key); an
    error that is not retryable says its `kind`.
    """

    def __init__(
        self,
        message: str,
        *,
        retryable: bool,
        raw: str = "",
        kind: BackendErrorKind | None = None,
        tokens_in: int = 0,
        tokens_out: int = 0,
    ) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.raw = raw
        self.kind = kind
        # What the answers that failed cost: the run is charged for them all the same.
        self.tokens_in = tokens_in
        self.tokens_out = tokens_out
        self.notes: list[str] = []


def specs_from_snapshot(snapshot: list[dict[str, Any]]) -> dict[str, FieldSpec]:
    """Field specs by name from a run's stored config snapshot."""
    return {
        spec["name"]: FieldSpec(**{**spec, "choices": tuple(spec["choices"])}) for spec in snapshot
    }
