"""How likely each value of a model's JSON answer is, from the tokens that wrote it.

A field's value is the JSON text after its key in the answer's `values` object: a
string with its quotes, a number, `true`, `false` or `null`. Its probability is the
product of the probabilities of the tokens that overlap that text, exp of the sum of
their log-probabilities; a null gets the probability of its `null`. Tokens wholly
outside it (braces, keys, colons, commas, whitespace, the evidence) are left out: the
schema forces them, so they say nothing about the value.

Constrained decoding: a server that enforces the schema with a grammar (llama.cpp)
reports the model's log-probabilities before the grammar masked them, so a forced
token can come back improbable. Each token of a value is therefore renormalised over
what the schema allows there: its probability is divided by one less the probability
of the listed alternatives (`top_logprobs`) that could not continue a valid value of
the field's type. Allowed are, first, a quote or `null` for a string; a choice (with
its quotes) or `null` for an enum; `true`, `false` or `null` for a boolean; digits, a
sign or `null` for a number; `[` or `null` for a list; inside a string or a list,
anything. A list's value is its whole array, so its confidence is that of every token
of every item, the commas and brackets between them included. Alternatives that are not
listed are taken as allowed. A value with a token that has no listed alternatives, or
whose token is one this reading of the schema forbids (the server's grammar differs,
e.g. it let a boolean be written as a string), cannot be renormalised: it gets the
plain product of its tokens' probabilities and the reason `UNNORMALISED`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from extraction.types import FieldSpec

UNALIGNED = "the model server's tokens do not spell out the answer"
NOT_WRITTEN = "the answer gives no value for this field"
UNNORMALISED = (
    "unnormalised: a token of this value could not be renormalised over what the schema "
    "allows there (no alternatives listed, or one the schema does not allow was written)"
)
WHITESPACE = re.compile(r"[ \t\n\r]*")
NUMBER_START = re.compile(r"-?(?:\d+(?:\.\d*)?(?:[eE][+-]?\d*)?)?")
# How far past a token's start the bytes of tokens the server reported empty may reach
# (llama.cpp's Python server drops the pieces of a character split across tokens).
MAX_GAP = 8


@dataclass(frozen=True)
class Token:
    """One token of the answer as the server reported it."""

    text: str
    logprob: float
    alternatives: tuple[tuple[str, float], ...] = ()  # (text, logprob), most likely first
    utf8: bytes | None = None  # the token's bytes, when the server gives them


@dataclass(frozen=True)
class Step:
    """One token of a value, with the structure the schema forced in it before the value
    began, and the value written before it."""

    token: Token
    forced: str
    done: str


def field_confidences(
    text: str, tokens: Sequence[Token], fields: Sequence[FieldSpec]
) -> tuple[dict[str, float], dict[str, str]]:
    """The probability of each field's value in the answer `text`, and the reason for
    each field without one (or, beside an unnormalised probability, why it is)."""
    spans = token_spans(text.encode(), tokens)
    if spans is None:
        return {}, {spec.name: UNALIGNED for spec in fields}
    values = value_spans(text)
    confidences: dict[str, float] = {}
    reasons: dict[str, str] = {}
    for spec in fields:
        if spec.name not in values:
            reasons[spec.name] = NOT_WRITTEN
            continue
        steps = steps_of(text, tokens, spans, values[spec.name])
        confidences[spec.name], normalised = value_probability(steps, spec)
        if not normalised:
            reasons[spec.name] = UNNORMALISED
    return confidences, reasons


def token_spans(text: bytes, tokens: Sequence[Token]) -> list[tuple[int, int]] | None:
    """Each token's byte span in `text`, or None when the tokens do not spell it.

    Tokens reported empty share the bytes up to the next token that is found. Tokens
    after the end of `text` (a stop token) get an empty span at the end.
    """
    spans: list[tuple[int, int]] = []
    pending: list[int] = []
    at = 0
    for token in tokens:
        piece = token.utf8 if token.utf8 is not None else token.text.encode()
        if not piece or at == len(text):
            pending.append(len(spans))
            spans.append((at, at))
            continue
        found = text.find(piece, at, at + len(piece) + (MAX_GAP if pending else 0))
        if found < 0:
            return None
        for index in pending:
            spans[index] = (at, found)
        pending = []
        spans.append((found, found + len(piece)))
        at = found + len(piece)
    return spans if at == len(text) else None


def value_spans(text: str) -> dict[str, tuple[int, int]]:
    """The character span of each member of the answer's `values` object; the answer
    already parsed as JSON, perhaps in a Markdown fence, so its first brace opens it."""
    top = member_spans(text, text.index("{"))
    return member_spans(text, top["values"][0])


def member_spans(text: str, start: int) -> dict[str, tuple[int, int]]:
    """The span of each member's value in the JSON object opening at `start`; of a key
    given twice, the last, as `json.loads` keeps."""
    decoder = json.JSONDecoder()
    spans: dict[str, tuple[int, int]] = {}
    at = skip(text, start + 1)
    while text[at] == '"':
        key, at = decoder.raw_decode(text, at)
        at = skip(text, skip(text, at) + 1)
        _, end = decoder.raw_decode(text, at)
        spans[key] = (at, end)
        at = skip(text, end)
        at = skip(text, at + 1) if text[at] == "," else at
    return spans


def skip(text: str, at: int) -> int:
    match = WHITESPACE.match(text, at)
    return match.end() if match else at


def steps_of(
    text: str,
    tokens: Sequence[Token],
    spans: Sequence[tuple[int, int]],
    value: tuple[int, int],
) -> list[Step]:
    """The tokens that write the value at character span `value`, in order."""
    encoded = text.encode()
    start, end = (len(text[:offset].encode()) for offset in value)
    return [
        Step(
            token=token,
            forced=encoded[first:start].decode(errors="ignore") if first < start else "",
            done=encoded[start:first].decode(errors="ignore") if first > start else "",
        )
        for token, (first, last) in zip(tokens, spans, strict=False)
        if (first < end and last > start) or (first == last and start <= first < end)
    ]


def value_probability(steps: Sequence[Step], spec: FieldSpec) -> tuple[float, bool]:
    """The value's probability, and whether it is renormalised over what the schema
    allows; when any token cannot be, the plain product for all of them."""
    renormalised = [step_probability(step, spec) for step in steps]
    known = [probability for probability in renormalised if probability is not None]
    if len(known) == len(renormalised):
        return math.prod(known), True
    return math.exp(sum(step.token.logprob for step in steps)), False


def step_probability(step: Step, spec: FieldSpec) -> float | None:
    """The token's probability among the alternatives the schema allows, or None when
    that cannot be told."""
    chosen = step.token
    if not chosen.alternatives or not allowed(chosen.text, step, spec):
        return None
    forbidden = sum(
        math.exp(logprob)
        for text, logprob in dict(chosen.alternatives).items()
        if text != chosen.text and not allowed(text, step, spec)
    )
    if forbidden >= 1.0:
        return None
    return min(1.0, math.exp(chosen.logprob) / (1.0 - forbidden))


def allowed(alternative: str, step: Step, spec: FieldSpec) -> bool:
    """Whether the schema lets `alternative` be written where `step`'s token was."""
    rest = alternative
    for char in "".join(step.forced.split()):
        rest = rest.lstrip()
        if not rest:
            return True  # it stops inside the forced structure
        if rest[0] != char:
            return False
        rest = rest[1:]
    written = step.done + rest if step.done else rest.lstrip()
    return may_be_value(written, spec)


def may_be_value(written: str, spec: FieldSpec) -> bool:
    """Whether `written` begins a value of the field's type, or is one followed by the
    end of the member."""
    if not written or starts_literal(written, ("null",)):
        return True
    if spec.type == "string":
        return written.startswith('"')
    if spec.is_list:
        return written.startswith("[")
    if spec.type == "boolean":
        return starts_literal(written, ("true", "false"))
    if spec.type == "enum":
        return starts_literal(written, tuple(json.dumps(choice) for choice in spec.choices))
    number = NUMBER_START.match(written)
    end = number.end() if number else 0
    return end == len(written) or (end > 0 and closes(written[end:]))


def starts_literal(written: str, literals: tuple[str, ...]) -> bool:
    return any(
        literal.startswith(written)
        or (written.startswith(literal) and closes(written[len(literal) :]))
        for literal in literals
    )


def closes(after: str) -> bool:
    """Whether `after`, written after a complete value, ends its member."""
    return after.lstrip()[:1] in ("", ",", "}")
