"""The OpenAI backend: any OpenAI-compatible chat completions server, as it answers.

Structured output: servers differ in what `response_format` they take. The backend asks
for strict `json_schema` first; a server that refuses it (vLLM and OpenAI take it,
llama.cpp's Python server answers 500 "Input should be 'text' or 'json_object'") is
asked for `json_object` with the schema (llama.cpp, LM Studio), then plain
`json_object` (older Ollama), then for JSON in the text alone. The schema is in the
prompt whenever the server does not enforce it. The format a server and model took is
remembered by this backend (built once per worker process), so later calls go straight
to it; the run's notes say when a weaker format was used. Whatever the format, every
answer is validated, and an answer that is not the JSON asked for is asked for again
once when the server does not enforce the schema.

Failures: the SDK retries 408, 409, 429 and 5xx answers and dropped connections itself,
up to `max_retries` times, waiting as `Retry-After` (or `retry-after-ms`) asks when the
wait is under two minutes, else with its own exponential backoff; a longer
`Retry-After` is not waited out here but raised as retryable, for the run's scheduler.
A 5xx whose message is about the request (a validation error, an unsupported
parameter, a context too long) is not an outage: it is not retried, and the error says
what the server refused. `timeout` bounds connecting and each read and write of one
attempt. When the retries run out, a rate limit, timeout, connection error or 5xx is a
retryable BackendError; any other status (a bad key, a bad request) and an answer that
is not the JSON asked for are permanent ones. A refusal is returned and recorded, not
raised. The answer's length is bounded by what the request's fields can need
(`extraction.answer_size`), at most `max_output_tokens`; an answer that hits the bound
says so in its notes, and one cut off there whose JSON is incomplete is a permanent error
(its raw text kept), never an answer with no values.

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

Confidence: every request asks for the tokens' log-probabilities (`logprobs`, with the
top alternatives at each token) and each field's confidence is computed from them
(`extraction.token_confidence`); with parts, the part whose value was kept gives its
confidence. A server and model that refuse them (a refusal that names logprobs) are
asked again at once without, and, like one that answers without them, are remembered:
later calls do not ask, and their values carry no confidence, saying why.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from typing import Any, cast

import openai
from django.conf import settings
from openai.types.chat import ChatCompletionMessageParam

from extraction.answer_size import answer_token_bound
from extraction.prompt import (
    build_messages,
    neutralised,
    schema_instruction,
    transcript_block,
    transcript_line,
)
from extraction.schema import bounded, build_json_schema
from extraction.token_confidence import Token, field_confidences
from extraction.types import (
    BackendAnswer,
    BackendError,
    BackendErrorKind,
    ExtractionRequest,
    FieldSpec,
    Quote,
    Turn,
)

CHARS_PER_TOKEN = 4
OVERLAP_TURNS = 2
PROMPT_ALLOWANCE_TOKENS = 2_000
MIN_PART_TOKENS = 100
RETRYABLE_STATUSES = frozenset({408, 409, 429})
DEFAULT_MAX_OUTPUT_TOKENS = 2_000
FORMATS = ("json_schema", "json_object_schema", "json_object", "text")
FORMAT_NAMES = {
    "json_schema": "strict json_schema",
    "json_object_schema": "json_object with the schema",
    "json_object": "json_object",
    "text": "JSON in plain text",
}
# A 5xx that says what is wrong with the request: no retry will change that.
ABOUT_THE_REQUEST = re.compile(
    r"validation error|literal_error|input should be|invalid|unsupported|not supported|"
    r"unrecognized|unknown (field|parameter|argument)|extra (fields|inputs)|must be|"
    r"required|response_format|json_schema|schema|grammar|context length|context window|"
    r"too long|too many tokens|exceeds|maximum context|bad request",
    re.IGNORECASE,
)
ABOUT_LOGPROBS = re.compile(r"logprob", re.IGNORECASE)
TOP_LOGPROBS = 5
NO_LOGPROBS = "the model server gives no token log-probabilities"
LOGPROBS_OFF = "token log-probabilities are not asked for (OPENAI_LOGPROBS=false)"
ABOUT_THE_FORMAT = re.compile(
    r"response_format|json_schema|json_object|schema|structured|grammar|'text'|format",
    re.IGNORECASE,
)
HIT_TOKEN_BOUND = "the answer hit its token bound"


def hit_token_bound(notes: list[str]) -> bool:
    """Whether the notes of an answer, or of an error, say it hit its token bound."""
    return any(note.startswith(HIT_TOKEN_BOUND) for note in notes)


def estimated_tokens(text: str) -> int:
    return -(-len(text) // CHARS_PER_TOKEN)


@dataclass
class Split:
    """A transcript cut into parts that each fit, and what was done to make them fit."""

    parts: list[tuple[Turn, ...]]
    notes: list[str] = field(default_factory=list)


def error_detail(body: Any, message: str) -> str:
    """The server's own message, without a traceback, on one line."""
    detail = body.get("message") if isinstance(body, dict) else None
    text = str(detail or message).split("\n\n  File ")[0]
    text = " ".join(text.split())
    return text if len(text) <= 400 else f"{text[:400]}…"


def about_the_request(status: int, detail: str) -> bool:
    """Whether an error status is the server refusing this request, not an outage."""
    if status in RETRYABLE_STATUSES:
        return False
    return status < 500 or bool(ABOUT_THE_REQUEST.search(detail))


class Client(openai.OpenAI):
    """The SDK's client, except that a 5xx about the request is not retried."""

    def _should_retry(self, response: Any) -> bool:
        if response.status_code >= 500:
            try:
                body = json.loads(response.read() or b"{}")
            except ValueError:
                body = {}
            error = body.get("error") if isinstance(body, dict) else None
            detail = error_detail(error if isinstance(error, dict) else body, response.text)
            if about_the_request(response.status_code, detail):
                return False
        return super()._should_retry(response)


class RequestRefused(BackendError):
    """The server refused the request itself (its parameters, its format)."""

    def __init__(self, status: int, detail: str, raw: str) -> None:
        super().__init__(
            f"the server refused the request ({status}): {detail}",
            retryable=False,
            raw=raw,
            kind=BackendErrorKind.MODEL_REFUSED_REQUEST,
        )
        self.status = status
        self.detail = detail


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
        max_output_tokens: int = DEFAULT_MAX_OUTPUT_TOKENS,
        logprobs: bool = True,
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
        if max_output_tokens < 1:
            raise ValueError(f"max_output_tokens must be at least 1, not {max_output_tokens!r}")
        self.client = Client(
            api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries
        )
        self.timeout = timeout
        self.max_input_tokens = max_input_tokens
        self.max_output_tokens = max_output_tokens
        # The response format each model on this server took, by model name.
        self.formats: dict[str, str] = {}
        self.ask_logprobs = logprobs
        # Whether each model on this server gives token log-probabilities, once known.
        self.logprobs: dict[str, bool] = {}

    @classmethod
    def from_settings(cls) -> OpenAIBackend:
        return cls(
            api_key=settings.OPENAI_API_KEY,
            base_url=settings.OPENAI_BASE_URL,
            timeout=settings.OPENAI_TIMEOUT_SECONDS,
            max_retries=settings.OPENAI_MAX_RETRIES,
            max_input_tokens=settings.EXTRACTION_MAX_INPUT_TOKENS,
            max_output_tokens=settings.EXTRACTION_MAX_OUTPUT_TOKENS,
            logprobs=settings.OPENAI_LOGPROBS,
        )

    def answer_bound(self, fields: tuple[FieldSpec, ...]) -> int:
        """The `max_tokens` of a request for `fields`: what they can need, at most
        `max_output_tokens`."""
        return min(self.max_output_tokens, answer_token_bound(fields))

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
        """One part's answer, in the best response format the server takes."""
        refused: list[str] = []
        for response_format in FORMATS[
            FORMATS.index(self.formats.get(request.model, FORMATS[0])) :
        ]:
            messages = build_messages(request, feedback, turns, previous_answer)
            if response_format != "json_schema":
                messages[0]["content"] += "\n\n" + schema_instruction(schema)
            try:
                answer = self._answer(request, messages, schema, response_format)
            except RequestRefused as error:
                if response_format == FORMATS[-1] or not ABOUT_THE_FORMAT.search(error.detail):
                    if refused:
                        error.args = (f"{error} (after refusing {'; '.join(refused)})",)
                    raise
                refused.append(f"{FORMAT_NAMES[response_format]}: {error.detail}")
                continue
            except BackendError as error:
                # An answer that cannot be used was still an answer in this format.
                if error.kind == BackendErrorKind.BAD_ANSWER:
                    self._took(request.model, response_format, refused, error.notes)
                raise
            self._took(request.model, response_format, refused, answer.notes)
            return answer
        raise AssertionError("the last response format either answers or raises")

    def _took(self, model: str, response_format: str, refused: list[str], notes: list[str]) -> None:
        """Remember the format the server answered in, and say which it refused."""
        self.formats[model] = response_format
        if refused:
            notes.append(
                f"the server took {FORMAT_NAMES[response_format]}; it refused " + "; ".join(refused)
            )

    def _answer(
        self,
        request: ExtractionRequest,
        messages: list[dict[str, str]],
        schema: dict[str, Any],
        response_format: str,
    ) -> BackendAnswer:
        """Ask once; when the server does not enforce the schema, ask once more for an
        answer that is not the JSON asked for."""
        completion, attempts, notes = self._complete(request, messages, schema, response_format)
        try:
            answer = answer_from(
                completion, attempts=attempts, limit=self.answer_bound(request.fields)
            )
        except BackendError as error:
            if response_format == "json_schema" or not error.raw:
                raise
            again = [
                *messages,
                {"role": "assistant", "content": error.raw},
                {"role": "user", "content": f"That answer cannot be used: {error}. "
                 "Answer again with only the JSON object the schema describes."},
            ]  # fmt: skip
            completion, more, later = self._complete(request, again, schema, response_format)
            try:
                answer = answer_from(
                    completion, attempts=attempts + more, limit=self.answer_bound(request.fields)
                )
            except BackendError as unusable_again:
                unusable_again.tokens_in += error.tokens_in
                unusable_again.tokens_out += error.tokens_out
                unusable_again.notes[:0] = error.notes
                raise
            answer.tokens_in += error.tokens_in
            answer.tokens_out += error.tokens_out
            answer.notes += error.notes
            answer.notes.append(f"asked again once: the first answer was unusable ({error})")
            notes += later
        answer.notes += notes
        if not self.ask_logprobs:
            answer.confidence_reasons = {spec.name: LOGPROBS_OFF for spec in request.fields}
            return answer
        return scored(answer, completion, request.fields)

    def _complete(
        self,
        request: ExtractionRequest,
        messages: list[dict[str, str]],
        schema: dict[str, Any],
        response_format: str,
    ) -> tuple[Any, int, list[str]]:
        """A completion with token log-probabilities when the server gives them, its
        attempts, and a note when the server refused them."""
        asked = self.ask_logprobs and self.logprobs.get(request.model, True)
        try:
            completion, attempts = self._create(request, messages, schema, response_format, asked)
        except RequestRefused as error:
            if not asked or not ABOUT_LOGPROBS.search(error.detail):
                raise
            self.logprobs[request.model] = False
            completion, attempts = self._create(request, messages, schema, response_format, False)
            return completion, attempts, [f"{NO_LOGPROBS}: it refused them ({error.detail})"]
        if asked and tokens_of(completion) is None and not completion.choices[0].message.refusal:
            self.logprobs[request.model] = False
        return completion, attempts, []

    def _create(
        self,
        request: ExtractionRequest,
        messages: list[dict[str, str]],
        schema: dict[str, Any],
        response_format: str,
        logprobs: bool,
    ) -> tuple[Any, int]:
        formats: dict[str, dict[str, Any]] = {
            "json_schema": {"type": "json_schema", "json_schema": schema},
            "json_object_schema": {"type": "json_object", "schema": bounded(schema["schema"])},
            "json_object": {"type": "json_object"},
        }
        options: dict[str, Any] = {}
        if response_format in formats:
            options["response_format"] = formats[response_format]
        if logprobs:
            options.update(logprobs=True, top_logprobs=TOP_LOGPROBS)
        try:
            response = self.client.chat.completions.with_raw_response.create(
                model=request.model,
                # Each message is a {"role", "content"} the SDK's TypedDicts accept.
                messages=cast("list[ChatCompletionMessageParam]", messages),
                temperature=0,
                max_tokens=self.answer_bound(request.fields),
                **options,
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
            detail = error_detail(error.body, error.message)
            if about_the_request(error.status_code, detail):
                raise RequestRefused(error.status_code, detail, error.response.text) from error
            raise BackendError(
                f"the model answered {error.status_code}: {detail}",
                retryable=True,
                raw=error.response.text,
                kind=BackendErrorKind.MODEL_REFUSED_REQUEST,
            ) from error
        return completion_of(response), response.retries_taken + 1


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


def answer_from(completion: Any, *, attempts: int = 1, limit: int = 0) -> BackendAnswer:
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
            tokens_in=answer.tokens_in,
            tokens_out=answer.tokens_out,
        )
    try:
        document = json.loads(_unfenced(answer.raw))
    except json.JSONDecodeError as error:
        if answer.truncated:
            bound = f" ({limit} tokens)" if limit else ""
            cut_off = BackendError(
                f"the answer was cut off at the token limit{bound} before its JSON was "
                f"complete ({error.msg} at position {error.pos})",
                retryable=False,
                raw=answer.raw,
                kind=BackendErrorKind.BAD_ANSWER,
                tokens_in=answer.tokens_in,
                tokens_out=answer.tokens_out,
            )
            cut_off.notes.append(hit_bound_note(limit))
            raise cut_off from error
        raise BackendError(
            f"the model's answer is not JSON ({error.msg} at position {error.pos})",
            retryable=False,
            raw=answer.raw,
            kind=BackendErrorKind.BAD_ANSWER,
            tokens_in=answer.tokens_in,
            tokens_out=answer.tokens_out,
        ) from error
    answer.values, answer.evidence = values_and_evidence(document, answer.raw)
    times = document.get("times")
    answer.times = times if isinstance(times, dict) else {}
    if answer.truncated:
        answer.notes.append(f"{hit_bound_note(limit)}; its JSON was complete")
    return answer


def hit_bound_note(limit: int) -> str:
    return f"{HIT_TOKEN_BOUND} ({limit})" if limit else HIT_TOKEN_BOUND


def scored(answer: BackendAnswer, completion: Any, fields: tuple[FieldSpec, ...]) -> BackendAnswer:
    """`answer` with each field's confidence, or the reason it has none."""
    if answer.refusal:
        return answer
    tokens = tokens_of(completion)
    if tokens is None:
        answer.confidence_reasons = {spec.name: NO_LOGPROBS for spec in fields}
        return answer
    answer.confidences, answer.confidence_reasons = field_confidences(answer.raw, tokens, fields)
    return answer


def tokens_of(completion: Any) -> list[Token] | None:
    """The answer's tokens with their log-probabilities, when the server gave them."""
    logprobs = getattr(completion.choices[0], "logprobs", None)
    content = getattr(logprobs, "content", None)
    if not content:
        return None
    return [
        Token(
            text=item.token,
            logprob=item.logprob,
            alternatives=tuple((top.token, top.logprob) for top in item.top_logprobs or ()),
            utf8=bytes(item.bytes) if item.bytes else None,
        )
        for item in content
    ]


def _unfenced(raw: str) -> str:
    """The JSON of an answer written as a Markdown code block, as small models do."""
    fenced = re.fullmatch(r"\s*```(?:json)?\s*(.*?)\s*```\s*", raw, re.DOTALL)
    return fenced.group(1) if fenced else raw


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
    """Latest part that states a field wins, with its evidence and confidence."""
    values: dict[str, Any] = {}
    evidence: dict[str, Quote] = {}
    kept: dict[str, BackendAnswer] = {}
    for answer in answers:
        for name, value in answer.values.items():
            if value is not None or name not in values:
                values[name] = value
                evidence[name] = answer.evidence.get(name)
                kept[name] = answer
    confidences, confidence_reasons = kept_confidences(answers, kept)
    return BackendAnswer(
        values=values,
        evidence=evidence,
        confidences=confidences,
        confidence_reasons=confidence_reasons,
        raw=json.dumps([answer.raw for answer in answers]),
        part_answers=tuple(answer.raw for answer in answers),
        times={
            name: time
            for answer in answers
            for name, time in answer.times.items()
            if answer.values.get(name) is not None
        },
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


def kept_confidences(
    answers: list[BackendAnswer], kept: dict[str, BackendAnswer]
) -> tuple[dict[str, float], dict[str, str]]:
    """Each field's confidence and reason from the part whose value was kept; for a
    field no part gave, the last part's reason."""
    last = answers[-1]
    sources = {name: last for name in [*last.confidences, *last.confidence_reasons]} | kept
    confidences = {
        name: answer.confidences[name]
        for name, answer in sources.items()
        if name in answer.confidences
    }
    reasons = {
        name: answer.confidence_reasons[name]
        for name, answer in sources.items()
        if name in answer.confidence_reasons
    }
    return confidences, reasons
