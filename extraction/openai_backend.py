"""The OpenAI backend: any OpenAI-compatible chat completions server, strict JSON schema.

Failures: the SDK retries 408, 409, 429 and 5xx answers and dropped connections itself,
up to `max_retries` times, waiting as `Retry-After` (or `retry-after-ms`) asks when the
wait is under two minutes, else with its own exponential backoff; a longer
`Retry-After` is not waited out here but raised as retryable, for the run's scheduler.
`timeout` bounds connecting and each read and write of one attempt. When the retries
run out, a rate limit, timeout, connection error or 5xx is a retryable BackendError;
any other status (a bad key, a bad request) and an answer that is not the JSON asked
for are permanent ones. A refusal and an answer cut off at the token limit are
returned and recorded, not raised.

Long transcripts are never cut. Sizes are estimated at four characters a token: about
right for English, low for languages that take more tokens a character, so keep
`max_input_tokens` well under the model's context. Each part of the transcript may take
`max_input_tokens` less the instructions and schema, with at least 2,000 tokens kept
for those and for a re-ask's feedback. A longer transcript is split on turn boundaries
into consecutive parts that overlap by up to two turns, each part is extracted, and for
each field the value from the latest part that states it wins, with its quote: a later
statement in a call corrects an earlier one. Tokens add up, `raw` keeps every part's
answer as a JSON list, and the notes say how the transcript was split. A single turn
longer than a part is split by characters, at spaces where it can be, with a note.

A re-ask (`feedback`) for the request this backend answered last shows the model its
previous answer for each part before the list of problems.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

import openai
from django.conf import settings

from extraction.prompt import build_messages, neutralised, transcript_block, transcript_line
from extraction.schema import build_json_schema
from extraction.types import (
    BackendAnswer,
    BackendError,
    BackendErrorKind,
    ExtractionRequest,
    Turn,
)

CHARS_PER_TOKEN = 4
OVERLAP_TURNS = 2
PROMPT_ALLOWANCE_TOKENS = 2_000
MIN_PART_TOKENS = 100
RETRYABLE_STATUSES = frozenset({408, 409, 429})


def estimated_tokens(text: str) -> int:
    return -(-len(text) // CHARS_PER_TOKEN)


@dataclass
class Split:
    """A transcript cut into parts that each fit, and what was done to make them fit."""

    parts: list[tuple[Turn, ...]]
    notes: list[str] = field(default_factory=list)


class OpenAIBackend:
    name = "openai"

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str | None = None,
        timeout: float = 60.0,
        max_retries: int = 3,
        max_input_tokens: int = 100_000,
    ) -> None:
        if not api_key:
            raise ValueError("the OpenAI backend needs an API key (set OPENAI_API_KEY)")
        if timeout <= 0:
            raise ValueError(f"timeout must be positive seconds, not {timeout!r}")
        if max_input_tokens < PROMPT_ALLOWANCE_TOKENS + MIN_PART_TOKENS:
            raise ValueError(
                f"max_input_tokens={max_input_tokens} leaves no room for the transcript; "
                f"use at least {PROMPT_ALLOWANCE_TOKENS + MIN_PART_TOKENS}"
            )
        self.client = openai.OpenAI(
            api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries
        )
        self.timeout = timeout
        self.max_input_tokens = max_input_tokens

    @classmethod
    def from_settings(cls) -> OpenAIBackend:
        return cls(
            api_key=settings.OPENAI_API_KEY,
            base_url=settings.OPENAI_BASE_URL,
            timeout=settings.OPENAI_TIMEOUT_SECONDS,
            max_retries=settings.OPENAI_MAX_RETRIES,
            max_input_tokens=getattr(settings, "EXTRACTION_MAX_INPUT_TOKENS", 100_000),
        )

    def extract(
        self,
        request: ExtractionRequest,
        feedback: list[str] | None = None,
        previous: BackendAnswer | None = None,
    ) -> BackendAnswer:
        if not request.model:
            raise BackendError(
                "no model was named for the OpenAI backend",
                retryable=False,
                kind=BackendErrorKind.CONFIGURATION,
            )
        try:
            schema = build_json_schema(request.fields)
        except ValueError as error:
            raise BackendError(
                f"bad field configuration: {error}",
                retryable=False,
                kind=BackendErrorKind.CONFIGURATION,
            ) from error
        split = split_turns(request.turns, self._part_budget(request, schema))
        shown = previous_answers(previous, len(split.parts)) if feedback else None
        answers = [
            self._ask(request, schema, part, feedback, shown[index] if shown else "")
            for index, part in enumerate(split.parts)
        ]
        if len(answers) == 1:
            return replace(answers[0], part_answers=(answers[0].raw,))
        return merged(answers, split, estimated_tokens(transcript_block(request.turns)))

    def _part_budget(self, request: ExtractionRequest, schema: dict[str, Any]) -> int:
        """Tokens of transcript lines one request may carry."""
        instructions = build_messages(request, turns=())
        overhead = estimated_tokens(
            "".join(message["content"] for message in instructions) + json.dumps(schema)
        )
        budget = self.max_input_tokens - max(PROMPT_ALLOWANCE_TOKENS, overhead)
        if budget < MIN_PART_TOKENS:
            raise BackendError(
                f"max_input_tokens={self.max_input_tokens} leaves no room for the transcript: "
                f"the instructions and schema alone take ~{overhead} tokens",
                retryable=False,
                kind=BackendErrorKind.CONFIGURATION,
            )
        return budget

    def _ask(
        self,
        request: ExtractionRequest,
        schema: dict[str, Any],
        turns: tuple[Turn, ...],
        feedback: list[str] | None,
        previous_answer: str,
    ) -> BackendAnswer:
        try:
            response = self.client.chat.completions.with_raw_response.create(
                model=request.model,
                messages=build_messages(request, feedback, turns, previous_answer),
                response_format={"type": "json_schema", "json_schema": schema},
                temperature=0,
            )
        except openai.APITimeoutError as error:
            raise BackendError(
                f"the model did not answer in time ({self.timeout:g} s per attempt)",
                retryable=True,
            ) from error
        except openai.APIConnectionError as error:
            raise BackendError(
                f"could not reach the model: {error} ({error.__cause__ or 'no detail'})",
                retryable=True,
            ) from error
        except openai.APIStatusError as error:
            detail = error.body.get("message") if isinstance(error.body, dict) else None
            raise BackendError(
                f"the model answered {error.status_code}: {detail or error.message}",
                retryable=error.status_code in RETRYABLE_STATUSES or error.status_code >= 500,
                raw=error.response.text,
                kind=BackendErrorKind.MODEL_REFUSED_REQUEST,
            ) from error
        return answer_from(completion_of(response), attempts=response.retries_taken + 1)


def completion_of(response: Any) -> Any:
    """The parsed chat completion, or a permanent error naming what the server sent."""
    try:
        completion = response.parse()
    except ValueError as error:
        raise BackendError(
            f"the server's answer is not JSON ({error})",
            retryable=False,
            raw=response.text,
            kind=BackendErrorKind.BAD_ANSWER,
        ) from error
    choices = getattr(completion, "choices", None)
    if not choices or getattr(choices[0], "message", None) is None:
        raise BackendError(
            "the server's answer is not a chat completion (no choices[0].message)",
            retryable=False,
            raw=response.text,
            kind=BackendErrorKind.BAD_ANSWER,
        )
    return completion


def split_turns(turns: tuple[Turn, ...], budget_tokens: int) -> Split:
    """Consecutive parts of at most `budget_tokens`, overlapping by up to two turns."""
    budget_chars = budget_tokens * CHARS_PER_TOKEN
    split = Split(parts=[])
    pieces: list[Turn] = []
    for turn in turns:
        fitted = pieces_of(turn, budget_chars)
        if len(fitted) > 1:
            split.notes.append(
                f"a {turn.role} turn of ~{estimated_tokens(turn.text)} tokens, longer than "
                f"a part (~{budget_tokens}), was split by characters into {len(fitted)} pieces"
            )
        pieces.extend(fitted)
    part: list[Turn] = []
    for piece in pieces:
        if part and line_size([*part, piece]) > budget_chars:
            split.parts.append(tuple(part))
            part = part[-OVERLAP_TURNS:]
            while part and line_size([*part, piece]) > budget_chars:
                part.pop(0)
        part.append(piece)
    split.parts.append(tuple(part))
    return split


def line_size(turns: list[Turn]) -> int:
    return sum(len(transcript_line(turn)) + 1 for turn in turns)


def pieces_of(turn: Turn, budget_chars: int) -> list[Turn]:
    """`turn` as it will be sent, cut into pieces whose lines fit `budget_chars`."""
    text = neutralised(turn.text)
    width = budget_chars - (len(transcript_line(Turn(role=turn.role, text=""))) + 1)
    if len(text) <= width:
        return [turn]
    pieces = []
    while len(text) > width:
        cut = text.rfind(" ", width // 2, width + 1)
        cut = cut if cut > 0 else width
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    pieces.append(text)
    return [Turn(role=turn.role, text=piece, offset=turn.offset) for piece in pieces if piece]


def answer_from(completion: Any, *, attempts: int = 1) -> BackendAnswer:
    choice = completion.choices[0]
    message = choice.message
    usage = completion.usage
    answer = BackendAnswer(
        values={},
        evidence={},
        raw=message.content or "",
        model=completion.model or "",
        tokens_in=(usage.prompt_tokens or 0) if usage else 0,
        tokens_out=(usage.completion_tokens or 0) if usage else 0,
        refusal=getattr(message, "refusal", None) or "",
        truncated=choice.finish_reason == "length",
        attempts=attempts,
    )
    if answer.refusal:
        answer.notes.append("the model refused to answer")
        return answer
    if not answer.raw.strip() and not answer.truncated:
        raise BackendError(
            f"the model's answer is empty (finish reason {choice.finish_reason!r})",
            retryable=False,
            kind=BackendErrorKind.BAD_ANSWER,
        )
    try:
        document = json.loads(answer.raw)
    except json.JSONDecodeError as error:
        if answer.truncated:
            answer.notes.append("the answer was cut off at the token limit")
            return answer
        raise BackendError(
            f"the model's answer is not JSON ({error.msg} at position {error.pos})",
            retryable=False,
            raw=answer.raw,
            kind=BackendErrorKind.BAD_ANSWER,
        ) from error
    answer.values, answer.evidence = values_and_evidence(document, answer.raw)
    return answer


def values_and_evidence(document: Any, raw: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The two maps of the schema's shape; `evidence` may be missing (non-strict servers)."""
    if not isinstance(document, dict) or not isinstance(document.get("values"), dict):
        raise BackendError(
            'the model\'s answer is not {"values": {…}, "evidence": {…}}: '
            f"expected an object with a values object, got {json_kind(document)}",
            retryable=False,
            raw=raw,
            kind=BackendErrorKind.BAD_ANSWER,
        )
    evidence = document.get("evidence") or {}
    if not isinstance(evidence, dict):
        raise BackendError(
            f"the model's evidence is {json_kind(evidence)}, not an object of quotes",
            retryable=False,
            raw=raw,
            kind=BackendErrorKind.BAD_ANSWER,
        )
    return document["values"], evidence


def json_kind(document: Any) -> str:
    if isinstance(document, dict):
        return f"an object with keys {', '.join(map(repr, document)) or '(none)'}"
    return {list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(document), "a number"
    )


def previous_answers(previous: BackendAnswer | None, parts: int) -> tuple[str, ...] | None:
    """The raw answer of each part to show on a re-ask, when the parts are the same."""
    if previous is None or len(previous.part_answers) != parts:
        return None
    return previous.part_answers


def merged(answers: list[BackendAnswer], split: Split, tokens: int) -> BackendAnswer:
    """Latest part that states a field wins, with its evidence."""
    values: dict[str, Any] = {}
    evidence: dict[str, str | None] = {}
    for answer in answers:
        for name, value in answer.values.items():
            if value is not None or name not in values:
                values[name] = value
                evidence[name] = answer.evidence.get(name)
    return BackendAnswer(
        values=values,
        evidence=evidence,
        raw=json.dumps([answer.raw for answer in answers]),
        part_answers=tuple(answer.raw for answer in answers),
        model=answers[-1].model,
        tokens_in=sum(answer.tokens_in for answer in answers),
        tokens_out=sum(answer.tokens_out for answer in answers),
        refusal="; ".join(answer.refusal for answer in answers if answer.refusal),
        truncated=any(answer.truncated for answer in answers),
        attempts=sum(answer.attempts for answer in answers),
        notes=[
            f"transcript of ~{tokens} tokens split into {len(answers)} parts",
            *split.notes,
            *(
                f"part {index}: {note}"
                for index, answer in enumerate(answers, start=1)
                for note in answer.notes
            ),
        ],
    )
