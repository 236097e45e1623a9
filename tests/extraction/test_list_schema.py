"""A list field asks the model for an array of typed items, null as a whole, with one
quote per item; a grammar bounds each item and the number of items."""

from __future__ import annotations

from extraction.prompt import system_message
from extraction.schema import bounded, build_json_schema
from extraction.types import FieldSpec
from tests.extraction.conftest import request_for

PRODUCTS = FieldSpec(
    "products_asked",
    "list",
    "Every product the customer asked about",
    ("solar panels", "battery", "ev charger"),
    item_type="enum",
    max_items=3,
)
CC_EMAILS = FieldSpec(
    "cc_emails", "list", "The people to copy on the quote", format="email", item_type="string"
)
QUANTITIES = FieldSpec("quantities", "list", "Quantities ordered", item_type="number")


def schema() -> dict:
    return build_json_schema([PRODUCTS, CC_EMAILS, QUANTITIES])["schema"]


def test_a_list_is_a_nullable_array_of_typed_items() -> None:
    values = schema()["properties"]["values"]["properties"]

    assert values["products_asked"]["type"] == ["array", "null"]
    assert values["products_asked"]["items"] == {
        "type": "string",
        "enum": ["solar panels", "battery", "ev charger"],
    }
    assert values["products_asked"]["maxItems"] == 3
    assert "At most 3 items." in values["products_asked"]["description"]
    assert "never an empty list" in values["products_asked"]["description"]
    assert values["cc_emails"]["items"] == {"type": "string"}
    assert "Each item: an email address." in values["cc_emails"]["description"]
    assert values["quantities"]["items"] == {"type": "number"}
    assert "maxItems" not in values["quantities"]


def test_a_lists_evidence_is_a_nullable_array_of_nullable_quotes() -> None:
    evidence = schema()["properties"]["evidence"]["properties"]

    assert evidence["products_asked"]["type"] == ["array", "null"]
    assert evidence["products_asked"]["items"] == {"type": ["string", "null"]}
    assert "same order" in evidence["products_asked"]["description"]


def test_a_list_of_dates_asks_for_no_time_of_day() -> None:
    days = FieldSpec("visit_days", "list", "Days they can host a visit", format="date")

    assert "times" not in build_json_schema([days])["schema"]["properties"]


def test_the_grammar_bounds_each_item_and_the_number_of_items() -> None:
    grammar = bounded(schema())["properties"]

    assert grammar["values"]["properties"]["cc_emails"]["items"]["maxLength"] == 200
    assert grammar["values"]["properties"]["cc_emails"]["maxItems"] == 50
    assert grammar["values"]["properties"]["products_asked"]["maxItems"] == 3
    assert "maxLength" not in grammar["values"]["properties"]["products_asked"]["items"]
    assert grammar["evidence"]["properties"]["cc_emails"]["items"]["maxLength"] == 300


def test_the_prompt_explains_lists_only_when_there_are_some() -> None:
    with_lists = system_message(request_for([], fields=(PRODUCTS, CC_EMAILS)))
    without = system_message(request_for([]))

    assert (
        "- products_asked (list of choices): Every product the customer asked about. "
        "Each item one of: solar panels, battery, ev charger. At most 3 items." in with_lists
    )
    assert "- cc_emails (list of email addresses): The people to copy on the quote." in with_lists
    assert "A list field's value is an array of every item the call states" in with_lists
    assert "A list field" not in without
