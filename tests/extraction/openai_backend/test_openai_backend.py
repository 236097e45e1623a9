"""The OpenAI backend through the real SDK against a local OpenAI-compatible server."""

from __future__ import annotations

import itertools
import json
import re
import socket
import time

import pytest

from extraction.engine import extract
from extraction.openai_backend import OpenAIBackend
from extraction.types import BackendError, ExtractionRequest, FieldSpec
from tests.extraction.openai_backend.conftest import SEED_FIELDS, make_request
from tests.extraction.openai_backend.test_schema import strict_problems
from tests.fakes.http import Received, Reply
from tests.fakes.openai_server import ModelServer, completion, error

GOOD = {
    "values": {
        "customer_name": "Maria Gonzalez",
        "interest_level": "high",
        "follow_up_required": True,
        "follow_up_date": "2026-03-17",
        "callback_number": "05321234567",
    },
    "evidence": {
        "customer_name": "My name is Maria Gonzalez",
        "interest_level": None,
        "follow_up_required": "Yes, next Tuesday please",
        "follow_up_date": "next Tuesday",
        "callback_number": "0532 123 4567",
    },
}
NAMES = [spec.name for spec in SEED_FIELDS]


def backend(server: ModelServer, **options: object) -> OpenAIBackend:
    return OpenAIBackend(
        api_key="sk-test", base_url=server.base_url, **{"max_retries": 0, **options}
    )


def test_the_request_asks_for_strict_json_at_temperature_zero(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.then(completion(GOOD))

    backend(openai_server).extract(seed_call)

    received = openai_server.received[-1]
    body = received.json()
    assert received.path == "/v1/chat/completions"
    assert received.headers["authorization"] == "Bearer sk-test"
    assert body["model"] == "gpt-test"
    assert body["temperature"] == 0
    assert body["response_format"]["type"] == "json_schema"
    json_schema = body["response_format"]["json_schema"]
    assert json_schema["strict"] is True
    assert strict_problems(json_schema["schema"]) == []
    values = json_schema["schema"]["properties"]["values"]["properties"]
    assert list(values) == NAMES
    assert values["interest_level"]["enum"] == ["high", "medium", "low", "none", None]
    assert values["follow_up_required"]["type"] == ["boolean", "null"]


def test_the_request_carries_the_reference_moment_and_the_fenced_transcript(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    backend(openai_server).extract(seed_call)

    system, transcript = (message["content"] for message in openai_server.last_body()["messages"])
    assert "Tuesday 2026-03-10 14:05 Europe/Istanbul (UTC+03:00)" in system
    assert transcript == (
        "<transcript>\n"
        "Agent: Hello, who am I speaking with?\n"
        "Customer: My name is Maria Gonzalez.\n"
        "Agent: Shall we call you back?\n"
        "Customer: Yes, next Tuesday please. My number is 0532 123 4567.\n"
        "</transcript>"
    )


def test_an_answer_is_returned_with_its_quotes_tokens_model_and_raw_text(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.then(
        completion(GOOD, model="gpt-4o-mini-2026", prompt_tokens=812, completion_tokens=64)
    )

    answer = backend(openai_server).extract(seed_call)

    assert answer.values == GOOD["values"]
    assert answer.evidence == GOOD["evidence"]
    assert (answer.tokens_in, answer.tokens_out) == (812, 64)
    assert answer.model == "gpt-4o-mini-2026"
    assert json.loads(answer.raw) == GOOD
    assert (answer.refusal, answer.truncated, answer.attempts, answer.notes) == ("", False, 1, [])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Sure! Here is the data: customer_name=Maria", "the model's answer is not JSON"),
        ('{"values": {"customer_name": "Maria"', "the model's answer is not JSON"),
        ('["Maria", "high"]', "got a list"),
        ('{"customer_name": "Maria"}', "got an object with keys 'customer_name'"),
        ('{"values": "Maria", "evidence": {}}', "expected an object with a values object"),
        ('{"values": {}, "evidence": ["Maria"]}', "the model's evidence is a list"),
    ],
)
def test_an_answer_that_is_not_the_json_asked_for_is_a_permanent_error_keeping_it(
    openai_server: ModelServer, seed_call: ExtractionRequest, content: str, message: str
) -> None:
    openai_server.then(completion(content))

    with pytest.raises(BackendError, match=re.escape(message)) as raised:
        backend(openai_server).extract(seed_call)

    assert not raised.value.retryable
    assert raised.value.raw == content


def test_an_empty_answer_is_a_permanent_error_naming_the_finish_reason(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.then(completion(None, finish_reason="content_filter"))

    with pytest.raises(BackendError, match="empty \\(finish reason 'content_filter'\\)") as raised:
        backend(openai_server).extract(seed_call)

    assert not raised.value.retryable


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Reply(body={"id": "x"}, headers={"Content-Type": "application/json"}), "not a chat"),
        (Reply(body="<html>Welcome</html>", headers={"Content-Type": "text/html"}), "not a chat"),
        (Reply(body="<html>", headers={"Content-Type": "application/json"}), "not JSON"),
    ],
)
def test_a_server_that_is_not_a_chat_completions_api_is_a_permanent_error(
    openai_server: ModelServer, seed_call: ExtractionRequest, reply: Reply, message: str
) -> None:
    openai_server.then(reply)

    with pytest.raises(BackendError, match=message) as raised:
        backend(openai_server).extract(seed_call)

    assert not raised.value.retryable
    assert raised.value.raw


def test_a_refusal_is_recorded_not_raised(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.then(completion(None, refusal="I can't help with that."))

    answer = backend(openai_server).extract(seed_call)

    assert answer.refusal == "I can't help with that."
    assert (answer.values, answer.evidence) == ({}, {})
    assert answer.tokens_in == 120


def test_an_answer_cut_off_mid_json_is_a_permanent_error_never_empty_values(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.then(completion('{"values": {"customer_na', finish_reason="length"))

    with pytest.raises(BackendError) as raised:
        backend(openai_server, max_output_tokens=300).extract(seed_call)

    assert str(raised.value).startswith(
        "the answer was cut off at the token limit (300 tokens) before its JSON was complete"
    )
    assert not raised.value.retryable
    assert raised.value.raw == '{"values": {"customer_na'


def test_every_request_bounds_the_answers_length(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    backend(openai_server, max_output_tokens=750).extract(seed_call)

    assert openai_server.last_body()["max_tokens"] == 750


def test_an_answer_at_the_token_limit_with_complete_json_keeps_its_values(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.then(completion(GOOD, finish_reason="length"))

    answer = backend(openai_server).extract(seed_call)

    assert answer.truncated
    assert answer.values == GOOD["values"]


def test_a_429_is_waited_out_as_retry_after_asks_then_succeeds(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.then(error(429, retry_after="1"), completion(GOOD))

    started = time.monotonic()
    answer = backend(openai_server, max_retries=2).extract(seed_call)

    assert time.monotonic() - started >= 0.95
    assert answer.values == GOOD["values"]
    assert answer.attempts == 2
    assert len(openai_server.received) == 2


def test_a_500_is_retried_then_succeeds(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.then(error(500, retry_after_ms="10"), completion(GOOD))

    answer = backend(openai_server, max_retries=1).extract(seed_call)

    assert answer.values == GOOD["values"]
    assert answer.attempts == 2


def test_a_retry_after_beyond_two_minutes_is_left_to_the_caller_at_once(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.then(error(429, retry_after="600"))

    started = time.monotonic()
    with pytest.raises(BackendError) as raised:
        backend(openai_server, max_retries=3).extract(seed_call)

    assert raised.value.retryable
    assert time.monotonic() - started < 1
    assert len(openai_server.received) == 1


@pytest.mark.parametrize(
    ("status", "retryable"),
    [(429, True), (500, True), (503, True), (408, True), (400, False), (401, False), (404, False)],
)
def test_an_error_status_left_after_the_retries_says_whether_to_try_later(
    openai_server: ModelServer, seed_call: ExtractionRequest, status: int, retryable: bool
) -> None:
    openai_server.default = error(status, retry_after_ms="1")

    with pytest.raises(BackendError) as raised:
        backend(openai_server, max_retries=2).extract(seed_call)

    assert raised.value.retryable is retryable
    assert str(raised.value) == (
        f"the model answered {status}: scripted {status}"
        if retryable
        else f"the server refused the request ({status}): scripted {status}"
    )
    assert "scripted" in raised.value.raw
    assert len(openai_server.received) == (3 if retryable else 1)


def test_a_model_that_does_not_answer_in_time_is_a_retryable_error(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.then(completion(GOOD, delay=3.0))

    started = time.monotonic()
    late = re.escape("did not answer in time (0.5 s per attempt)")
    with pytest.raises(BackendError, match=late) as raised:
        backend(openai_server, timeout=0.5).extract(seed_call)

    assert raised.value.retryable
    assert time.monotonic() - started < 2


def test_a_server_that_cannot_be_reached_is_a_retryable_error(
    seed_call: ExtractionRequest,
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]

    with pytest.raises(BackendError, match="could not reach the model") as raised:
        OpenAIBackend(
            api_key="sk-test", base_url=f"http://127.0.0.1:{closed_port}/v1", max_retries=0
        ).extract(seed_call)

    assert raised.value.retryable


WRONG = {**GOOD, "values": {**GOOD["values"], "interest_level": "very high"}}
FEEDBACK = ["interest_level: 'very high' is not one of high, medium, low, none"]


def test_a_reask_shows_the_previous_answer_and_lists_the_errors(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.then(completion(WRONG), completion(GOOD))
    model = backend(openai_server)

    first = model.extract(seed_call)
    answer = model.extract(seed_call, feedback=FEEDBACK, previous=first)

    messages = openai_server.last_body()["messages"]
    assert [message["role"] for message in messages] == ["system", "user", "assistant", "user"]
    assert json.loads(messages[2]["content"]) == WRONG
    assert FEEDBACK[0] in messages[3]["content"]
    assert answer.values["interest_level"] == "high"


def test_the_engine_reasks_once_with_the_answer_that_did_not_validate(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.then(completion(WRONG), completion(GOOD))

    extraction = extract(seed_call, backend(openai_server))

    assert extraction.reasked
    assert extraction.result.values["interest_level"] == "high"
    reask = openai_server.last_body()["messages"]
    assert json.loads(reask[2]["content"])["values"]["interest_level"] == "very high"
    assert "'very high' is not one of high, medium, low, none" in reask[3]["content"]


def test_a_reask_without_the_previous_answer_lists_the_errors_alone(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    model = backend(openai_server)

    model.extract(seed_call, feedback=FEEDBACK)

    messages = openai_server.last_body()["messages"]
    assert [message["role"] for message in messages] == ["system", "user", "user"]
    assert FEEDBACK[0] in messages[-1]["content"]


def sent_lines(request: Received) -> list[str]:
    return request.json()["messages"][1]["content"].split("\n")[1:-1]


def answer_from_part(request: Received) -> Reply:
    """What a model would say about the part it was sent: the last number it heard wins."""
    text = request.json()["messages"][1]["content"]
    numbers = re.findall(r"555 01\d\d", text)
    named = "Maria Gonzalez" in text
    values = dict.fromkeys(NAMES) | {
        "customer_name": "Maria Gonzalez" if named else None,
        "callback_number": numbers[-1] if numbers else None,
    }
    evidence = dict.fromkeys(NAMES) | {
        "customer_name": "my name is Maria Gonzalez" if named else None,
        "callback_number": numbers[-1] if numbers else None,
    }
    return completion({"values": values, "evidence": evidence})


def long_call() -> ExtractionRequest:
    weather = " ".join(["The weather was fine that day."] * 12)
    filler = [("user", f"Filler {i}: {weather}") for i in range(16)]
    return make_request(
        [
            ("user", "Hi, my name is Maria Gonzalez, call me at 555 0134."),
            *filler[:8],
            ("user", "Actually call me at 555 0177."),
            *filler[8:],
            ("user", "Sorry, the right number is 555 0199."),
            ("agent", "Thank you, goodbye."),
        ]
    )


def test_a_long_transcript_is_split_on_turns_and_the_latest_statement_wins(
    openai_server: ModelServer,
) -> None:
    openai_server.default = answer_from_part
    request = long_call()

    answer = backend(openai_server, max_input_tokens=2_400).extract(request)

    parts = [sent_lines(received) for received in openai_server.received]
    assert len(parts) >= 3
    assert all(sum(len(line) + 1 for line in part) <= 400 * 4 for part in parts)
    labels = {"agent": "Agent", "user": "Customer"}
    assert {line for part in parts for line in part} == {
        f"{labels[turn.role]}: {turn.text}" for turn in request.turns
    }
    assert all(earlier[-1] in later[:2] for earlier, later in itertools.pairwise(parts))
    assert answer.values["callback_number"] == "555 0199"
    assert answer.evidence["callback_number"] == "555 0199"
    assert answer.values["customer_name"] == "Maria Gonzalez"
    assert answer.tokens_in == 120 * len(parts)
    assert len(json.loads(answer.raw)) == len(parts)
    assert re.fullmatch(
        rf"transcript of ~\d+ tokens split into {len(parts)} parts", answer.notes[0]
    )


def test_a_reask_of_a_split_transcript_shows_each_part_its_own_answer(
    openai_server: ModelServer,
) -> None:
    openai_server.default = answer_from_part
    model = backend(openai_server, max_input_tokens=2_400)
    first = model.extract(long_call())
    asked = len(openai_server.received)

    model.extract(long_call(), feedback=FEEDBACK, previous=first)

    reasks = openai_server.received[asked:]
    shown = [json.loads(received.json()["messages"][2]["content"]) for received in reasks]
    assert [answer["values"]["callback_number"] for answer in shown] == [
        json.loads(raw)["values"]["callback_number"] for raw in first.part_answers
    ]
    assert len(set(map(json.dumps, shown))) > 1  # each part got its own, not one for all


def test_a_transcript_that_fits_is_sent_whole_in_one_request(
    openai_server: ModelServer,
) -> None:
    openai_server.default = answer_from_part

    answer = backend(openai_server).extract(long_call())

    assert len(openai_server.received) == 1
    assert answer.values["callback_number"] == "555 0199"
    assert answer.notes == []


def test_a_turn_longer_than_a_part_is_split_by_characters_and_said_so(
    openai_server: ModelServer,
) -> None:
    words = [f"word{i}" for i in range(600)]
    request = make_request([("agent", "Go on."), ("user", " ".join(words))])

    answer = backend(openai_server, max_input_tokens=2_400).extract(request)

    parts = [sent_lines(received) for received in openai_server.received]
    assert len(parts) >= 3
    assert all(sum(len(line) + 1 for line in part) <= 400 * 4 for part in parts)
    sent = " ".join(line.removeprefix("Customer: ") for part in parts for line in part)
    assert all(f" {word} " in f" {sent} " for word in words)
    assert any("was split by characters" in note for note in answer.notes)


def test_from_settings_uses_the_configured_server_key_and_retries(
    openai_server: ModelServer, seed_call: ExtractionRequest, settings
) -> None:
    settings.OPENAI_API_KEY = "sk-from-settings"
    settings.OPENAI_BASE_URL = openai_server.base_url
    settings.OPENAI_TIMEOUT_SECONDS = 5.0
    settings.OPENAI_MAX_RETRIES = 1
    openai_server.then(error(503, retry_after_ms="1"), completion(GOOD))

    answer = OpenAIBackend.from_settings().extract(seed_call)

    assert answer.values == GOOD["values"]
    assert openai_server.received[-1].headers["authorization"] == "Bearer sk-from-settings"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"api_key": ""}, "needs an API key"),
        ({"api_key": "sk", "timeout": 0}, "timeout must be positive"),
        ({"api_key": "sk", "max_input_tokens": 1_000}, "leaves no room for the transcript"),
    ],
)
def test_bad_configuration_is_refused_when_the_backend_is_built(
    options: dict, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        OpenAIBackend(**options)


def test_a_request_without_a_model_is_a_permanent_error(openai_server: ModelServer) -> None:
    with pytest.raises(BackendError, match="no model") as raised:
        backend(openai_server).extract(make_request([("user", "hi")], model=""))

    assert not raised.value.retryable
    assert openai_server.received == []


@pytest.mark.parametrize(
    "sizes",
    [[300] * 12, [300, 300, 300, 1_500, 300], [1_500, 100, 100, 1_500], [50, 1_400] * 4],
    ids=["even", "short-then-long", "long-then-short", "alternating"],
)
def test_every_part_fits_and_every_turn_is_sent(
    openai_server: ModelServer, sizes: list[int]
) -> None:
    texts = [f"T{index} " + "x" * (size - len(f"T{index} ")) for index, size in enumerate(sizes)]
    request = make_request([("user", text) for text in texts])

    backend(openai_server, max_input_tokens=2_400).extract(request)

    parts = [sent_lines(received) for received in openai_server.received]
    assert all(sum(len(line) + 1 for line in part) <= 400 * 4 for part in parts)
    assert {line for part in parts for line in part} == {f"Customer: {text}" for text in texts}


def test_fields_that_cannot_make_a_schema_are_a_permanent_error(
    openai_server: ModelServer,
) -> None:
    fields = (FieldSpec("plan", "enum", "Chosen plan"),)

    with pytest.raises(BackendError, match="bad field configuration: enum field 'plan'") as raised:
        backend(openai_server).extract(make_request([("user", "hi")], fields=fields))

    assert not raised.value.retryable
    assert openai_server.received == []
