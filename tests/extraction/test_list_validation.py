"""A list answer is checked item by item: one bad item is an error naming it, the other
items stand in the order said, each once, each with its own quote."""

from __future__ import annotations

from typing import Any

from extraction.types import BackendAnswer, FieldSpec
from extraction.validation import validate_answer
from tests.extraction.conftest import request_for

PRODUCTS = FieldSpec(
    "products_asked",
    "list",
    "Every product the customer asked about",
    ("solar panels", "battery", "ev charger"),
    item_type="enum",
    min_items=2,
    max_items=3,
)
PHONES = FieldSpec("phones", "list", "Every number given", format="phone", item_type="string")
REQUEST = request_for(
    [
        ("agent", "What are you interested in?"),
        ("user", "Solar panels, and a battery. Maybe an EV charger too."),
        ("user", "Call me on 0532 123 4567 or my office, 0212 555 0000."),
    ],
    fields=(PRODUCTS, PHONES),
)


def validated(values: dict[str, Any], evidence: dict[str, Any], **more: Any):
    return validate_answer(BackendAnswer(values=values, evidence=evidence, **more), REQUEST)


def test_one_bad_item_is_named_and_the_others_stand_with_their_quotes() -> None:
    result = validated(
        {"products_asked": ["Solar Panels", "purple", "battery"]},
        {"products_asked": ["Solar panels", "the purple one", "a battery"]},
        confidences={"products_asked": 0.9},
    )

    assert result.values["products_asked"] == ["solar panels", "battery"]
    assert result.evidence["products_asked"] == ["Solar panels", "a battery"]
    assert result.errors["products_asked"] == (
        'item 2 "purple" is not one of solar panels, battery, ev charger'
    )
    assert result.ungrounded == []
    assert result.feedback() == [
        'products_asked: item 2 "purple" is not one of solar panels, battery, ev charger'
    ]
    assert result.confidences["products_asked"] is None


def test_items_are_normalised_and_kept_once_in_the_order_said() -> None:
    result = validated(
        {"phones": ["0532 123 4567", "(0212) 555-0000", "05321234567", "12"]},
        {"phones": ["0532 123 4567", "0212 555 0000", "0532 123 4567", "12"]},
    )

    assert result.values["phones"] == ["05321234567", "02125550000"]
    assert result.evidence["phones"] == ["0532 123 4567", "0212 555 0000"]
    assert result.errors["phones"] == 'item 4 "12" has 2 digits; a phone number has 7 to 15'


def test_no_items_is_null_never_an_empty_list() -> None:
    result = validated({"products_asked": [], "phones": None}, {"products_asked": []})

    assert result.values == {"products_asked": None, "phones": None}
    assert result.evidence == {"products_asked": None, "phones": None}
    assert result.errors == {}
    assert result.reasons["products_asked"] == "not stated in the call"


def test_too_many_items_keeps_the_first_and_says_how_many_were_dropped() -> None:
    result = validated(
        {"products_asked": ["battery", "solar panels", "ev charger", "battery", "Battery"]},
        {"products_asked": ["a battery", "Solar panels", "an EV charger", None, None]},
    )
    assert result.values["products_asked"] == ["battery", "solar panels", "ev charger"]

    over = FieldSpec("two", "list", "", PRODUCTS.choices, item_type="enum", max_items=2)
    result = validate_answer(
        BackendAnswer(values={"two": ["battery", "solar panels", "ev charger"]}, evidence={}),
        request_for([], fields=(over,)),
    )
    assert result.values["two"] == ["battery", "solar panels"]
    assert result.errors["two"] == (
        'more than 2 items: the first 2 are kept, 1 dropped ("ev charger")'
    )


def test_too_few_items_stand_and_are_not_asked_again() -> None:
    result = validated(
        {"products_asked": ["battery"]},
        {"products_asked": ["a battery"]},
        confidences={"products_asked": 0.8},
    )

    assert result.values["products_asked"] == ["battery"]
    assert result.errors["products_asked"] == "1 item given, fewer than the 2 expected"
    assert result.feedback() == []
    assert result.confidences["products_asked"] == 0.8


def test_a_list_is_ungrounded_when_any_kept_items_quote_is_not_in_the_call() -> None:
    missing = validated(
        {"products_asked": ["battery", "ev charger"]}, {"products_asked": ["a battery"]}
    )
    invented = validated(
        {"products_asked": ["battery", "ev charger"]},
        {"products_asked": ["a battery", "two chargers please"]},
    )
    one_quote = validated(
        {"products_asked": ["solar panels", "battery"]},
        {"products_asked": "Solar panels, and a battery."},
    )

    assert missing.evidence["products_asked"] == ["a battery", None]
    assert missing.ungrounded == ["products_asked"]
    assert invented.ungrounded == ["products_asked"]
    assert one_quote.evidence["products_asked"] == [
        "Solar panels, and a battery.",
        "Solar panels, and a battery.",
    ]
    assert one_quote.ungrounded == []


def test_a_required_list_with_no_items_is_reported() -> None:
    required = FieldSpec("cc", "list", "", format="email", item_type="string", required=True)
    result = validate_answer(
        BackendAnswer(values={"cc": []}, evidence={}), request_for([], fields=(required,))
    )

    assert result.errors["cc"] == "required but not found in the call"
