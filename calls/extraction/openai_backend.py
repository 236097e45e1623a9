"""The OpenAI backend: any OpenAI-compatible chat completions server, strict JSON schema.

The SDK retries 429 and 5xx answers itself (`max_retries`), waiting as `Retry-After`
asks. A refusal and an answer cut off at the token limit are returned and recorded,
not raised; an answer that is not the JSON asked for is an error.

Long transcripts are never cut. The transcript's size is estimated at four characters
a token; when it is over `max_input_tokens`, it is split on turn boundaries into
consecutive parts that overlap by a couple of turns, each part is extracted, and for
each field the value from the latest part that states it wins (a later statement in a
call corrects an earlier one). A single turn longer than the budget is split by
characters. The run's notes say how the transcript was split.
"""

from __future__ import annotations

import json
from typing import Any

import openai
from django.conf import settings

from calls.extraction.prompt import build_messages
from calls.extraction.schema import build_json_schema
from calls.extraction.types import BackendAnswer, BackendError, ExtractionRequest, Turn

CHARS_PER_TOKEN = 4
OVERLAP_TURNS = 2
PROMPT_ALLOWANCE_TOKENS = 2_000


def estimated_tokens(text: str) -> int:
    return len(text) // CHARS_PER_TOKEN + 1


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
        self.client = openai.OpenAI(
            api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries
        )
        self.max_input_tokens = max_input_tokens

    @classmethod
    def from_settings(cls) -> OpenAIBackend:
        return cls(
            api_key=settings.OPENAI_API_KEY,
            base_url=settings.OPENAI_BASE_URL,
            timeout=settings.OPENAI_TIMEOUT_SECONDS,
            max_retries=settings.OPENAI_MAX_RETRIES,
            max_input_tokens=settings.EXTRACTION_MAX_INPUT_TOKENS,
        )

    def extract(
        self, request: ExtractionRequest, feedback: list[str] | None = None
    ) -> BackendAnswer:
        parts = split_turns(request.turns, self.max_input_tokens - PROMPT_ALLOWANCE_TOKENS)
        answers = [self._ask(request, part, feedback) for part in parts]
        if len(answers) == 1:
            return answers[0]
        return merged(answers, len(parts), estimated_tokens(_text(request.turns)))

    def _ask(
        self, request: ExtractionRequest, turns: list[Turn], feedback: list[str] | None
    ) -> BackendAnswer:
        try:
            completion = self.client.chat.completions.create(
                model=request.model,
                messages=build_messages(request, feedback, turns),
                response_format={
                    "type": "json_schema",
                    "json_schema": build_json_schema(request.fields),
                },
                temperature=0,
            )
        except openai.APITimeoutError as error:
            raise BackendError(
                f"the model did not answer in time: {error}", retryable=True
            ) from error
        except openai.APIConnectionError as error:
            raise BackendError(f"could not reach the model: {error}", retryable=True) from error
        except openai.APIStatusError as error:
            retryable = error.status_code == 429 or error.status_code >= 500
            raise BackendError(
                f"the model answered {error.status_code}: {error.message}", retryable=retryable
            ) from error
        return answer_from(completion)


def _text(turns: list[Turn] | tuple[Turn, ...]) -> str:
    return "\n".join(turn.text for turn in turns)


def split_turns(turns: tuple[Turn, ...], budget_tokens: int) -> list[list[Turn]]:
    """Consecutive parts of at most `budget_tokens`, overlapping by a few turns."""
    budget_chars = max(budget_tokens, 100) * CHARS_PER_TOKEN
    pieces = [piece for turn in turns for piece in _fitting(turn, budget_chars)]
    parts: list[list[Turn]] = [[]]
    size = 0
    for piece in pieces:
        if parts[-1] and size + len(piece.text) > budget_chars:
            overlap = [t for t in parts[-1][-OVERLAP_TURNS:] if len(t.text) < budget_chars // 4]
            parts.append(overlap)
            size = sum(len(t.text) for t in overlap)
        parts[-1].append(piece)
        size += len(piece.text)
    return parts


def _fitting(turn: Turn, budget_chars: int) -> list[Turn]:
    if len(turn.text) <= budget_chars:
        return [turn]
    return [
        Turn(role=turn.role, text=turn.text[start : start + budget_chars], offset=turn.offset)
        for start in range(0, len(turn.text), budget_chars)
    ]


def answer_from(completion: Any) -> BackendAnswer:
    choice = completion.choices[0]
    message = choice.message
    usage = completion.usage
    answer = BackendAnswer(
        values={},
        evidence={},
        raw=message.content or "",
        model=completion.model or "",
        tokens_in=usage.prompt_tokens if usage else 0,
        tokens_out=usage.completion_tokens if usage else 0,
        refusal=getattr(message, "refusal", None) or "",
        truncated=choice.finish_reason == "length",
    )
    if answer.refusal:
        answer.notes.append("the model refused to answer")
        return answer
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
        ) from error
    if not (
        isinstance(document, dict)
        and isinstance(document.get("values"), dict)
        and isinstance(document.get("evidence", {}), dict)
    ):
        raise BackendError(
            'the model\'s answer is not {"values": {…}, "evidence": {…}}',
            retryable=False,
            raw=answer.raw,
        )
    answer.values = document["values"]
    answer.evidence = document.get("evidence", {})
    return answer


def merged(answers: list[BackendAnswer], parts: int, tokens: int) -> BackendAnswer:
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
        model=answers[-1].model,
        tokens_in=sum(answer.tokens_in for answer in answers),
        tokens_out=sum(answer.tokens_out for answer in answers),
        refusal="; ".join(answer.refusal for answer in answers if answer.refusal),
        truncated=any(answer.truncated for answer in answers),
        notes=[
            f"transcript of ~{tokens} tokens split into {parts} parts",
            *(note for answer in answers for note in answer.notes),
        ],
    )
