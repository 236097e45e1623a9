"""Each request's `max_tokens` is what its fields can need, with EXTRACTION_MAX_OUTPUT_TOKENS
as the ceiling: a model that does not stop costs the size of the schema, not the whole
output budget."""

from __future__ import annotations

from dataclasses import replace

from extraction.answer_size import answer_token_bound
from extraction.openai_backend import OpenAIBackend
from extraction.types import ExtractionRequest, FieldSpec
from tests.fakes.openai_server import ModelServer

YES_NO = FieldSpec("follow_up_required", "boolean", "Whether follow-up is needed")
PRODUCTS = ("solar panels", "battery", "ev charger")


def backend(server: ModelServer, max_output_tokens: int = 2_000) -> OpenAIBackend:
    return OpenAIBackend(
        api_key="sk-test",
        base_url=server.base_url,
        max_retries=0,
        max_output_tokens=max_output_tokens,
    )


def test_one_yes_or_no_field_asks_for_a_short_answer(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    backend(openai_server).extract(replace(seed_call, fields=(YES_NO,)))

    assert openai_server.last_body()["max_tokens"] == 149


def test_five_fields_ask_for_what_their_strings_can_hold(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    backend(openai_server).extract(seed_call)

    # Three strings of up to 200 characters, a choice, a yes or no, five quotes of up to
    # 300 and the date's time of day.
    assert openai_server.last_body()["max_tokens"] == 837


def test_the_setting_stays_the_ceiling(
    openai_server: ModelServer, seed_call: ExtractionRequest
) -> None:
    backend(openai_server, max_output_tokens=500).extract(seed_call)

    assert openai_server.last_body()["max_tokens"] == 500


def test_a_list_is_bounded_by_its_maximum_count_of_items() -> None:
    three = FieldSpec("products_asked", "list", item_type="enum", choices=PRODUCTS, max_items=3)
    unbounded = replace(three, max_items=None)
    emails = FieldSpec("cc_emails", "list", item_type="string", format="email", max_items=3)

    assert answer_token_bound((three,)) < answer_token_bound((emails,))
    # Unset, a list may hold ten items.
    assert answer_token_bound((unbounded,)) > 3 * answer_token_bound((three,))
    assert answer_token_bound((three, YES_NO)) > answer_token_bound((three,))
