"""Each value the model gives comes with the probability of the tokens that wrote it."""

from __future__ import annotations

import re

import pytest

from extraction.engine import extract
from extraction.openai_backend import OpenAIBackend
from extraction.types import ExtractionRequest
from tests.extraction.openai_backend.test_openai_backend import GOOD, long_call
from tests.factories import answer_tokens, token, value_tokens
from tests.fakes.http import Received, Reply
from tests.fakes.openai_server import ModelServer, like_llama_cpp, scored

LIKELY = {
    "customer_name": 0.9,
    "interest_level": 0.6,
    "follow_up_required": 0.8,
    "follow_up_date": 0.5,
    "callback_number": 0.7,
}


def backend(server: ModelServer) -> OpenAIBackend:
    return OpenAIBackend(api_key="sk-test", base_url=server.base_url, max_retries=0)


def good_tokens(**p: float) -> list:
    return answer_tokens(GOOD["evidence"], **value_tokens(GOOD["values"], {**LIKELY, **p}))


def test_each_value_gets_the_probability_of_its_tokens(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    openai_server.then(scored(good_tokens()))

    answer = backend(openai_server).extract(seed_call)

    assert openai_server.last_body()["logprobs"] is True
    assert openai_server.last_body()["top_logprobs"] == 5
    assert answer.values == GOOD["values"]
    assert answer.confidences == pytest.approx(LIKELY)
    assert answer.confidence_reasons == {}


def test_a_value_the_model_left_null_gets_the_probability_of_its_null(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    values = {**GOOD["values"], "callback_number": None}
    openai_server.then(scored(answer_tokens(**value_tokens(values, {"callback_number": 0.35}))))

    answer = backend(openai_server).extract(seed_call)

    assert answer.values["callback_number"] is None
    assert answer.confidences["callback_number"] == pytest.approx(0.35)


def test_a_choice_is_counted_among_the_choices_the_schema_allows(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    # llama.cpp reports what the model would have written without its grammar.
    high = token('"high"', 0.4, {'"high"': 0.4, '"medium"': 0.2, "<": 0.3, "1": 0.1})
    tokens = answer_tokens(**value_tokens(GOOD["values"], LIKELY) | {"interest_level": [high]})
    openai_server.default = like_llama_cpp(scored(tokens))

    answer = backend(openai_server).extract(seed_call)

    assert answer.confidences["interest_level"] == pytest.approx(0.4 / 0.6)


def test_a_reask_gives_the_confidences_of_the_answer_that_was_kept(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    wrong = {**GOOD["values"], "interest_level": "very high"}
    openai_server.then(
        scored(answer_tokens(GOOD["evidence"], **value_tokens(wrong, {"interest_level": 0.3}))),
        scored(good_tokens(interest_level=0.75)),
    )

    extraction = extract(seed_call, backend(openai_server))

    assert extraction.reasked
    assert extraction.result.values["interest_level"] == "high"
    assert extraction.answer.confidences == pytest.approx({**LIKELY, "interest_level": 0.75})


def number_said_last(request: Received) -> Reply:
    """The last number each part heard, the earlier ones less surely."""
    text = request.json()["messages"][1]["content"]
    numbers = re.findall(r"555 01\d\d", text)
    values = dict.fromkeys(LIKELY) | {
        "customer_name": "Maria Gonzalez" if "Maria Gonzalez" in text else None,
        "callback_number": numbers[-1] if numbers else None,
    }
    p = {"customer_name": 0.9 if values["customer_name"] else 0.6}
    p["callback_number"] = (
        {"555 0199": 0.95, "555 0177": 0.55}.get(numbers[-1], 0.4) if numbers else 0.3
    )
    return scored(answer_tokens(**value_tokens(values, p)))


def test_a_split_transcript_gives_each_value_the_confidence_of_the_part_it_came_from(
    openai_server: ModelServer,
) -> None:
    openai_server.default = number_said_last
    model = OpenAIBackend(
        api_key="sk-test", base_url=openai_server.base_url, max_retries=0, max_input_tokens=2_400
    )

    answer = model.extract(long_call())

    assert len(openai_server.received) >= 3
    assert answer.values["callback_number"] == "555 0199"
    assert answer.confidences["callback_number"] == pytest.approx(0.95)
    # Only the first part named her: her name keeps that part's confidence.
    assert answer.values["customer_name"] == "Maria Gonzalez"
    assert answer.confidences["customer_name"] == pytest.approx(0.9)
    assert answer.confidences["interest_level"] == pytest.approx(1.0)
