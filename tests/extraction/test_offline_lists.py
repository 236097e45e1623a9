"""The offline extractor reads the lists it can: every choice the customer takes, every
phone number and email they give; of any other list it says it needs a model."""

from __future__ import annotations

from extraction.offline import OfflineBackend, unreadable
from extraction.types import FieldSpec
from extraction.validation import validate_answer
from tests.extraction.conftest import request_for

PRODUCTS = FieldSpec(
    "products_asked",
    "list",
    "Every product the customer asked about",
    ("solar panels", "battery", "ev charger"),
    item_type="enum",
)
PHONES = FieldSpec("phones", "list", "Every number to reach them on", format="phone")
EMAILS = FieldSpec("cc_emails", "list", "The people to copy", format="email", item_type="string")
NOTES = FieldSpec("concerns", "list", "Every concern the customer raised", item_type="string")
AMOUNTS = FieldSpec("quotes", "list", "Amounts quoted", item_type="number")


def read(lines: list[tuple[str, str]], *fields: FieldSpec):
    request = request_for(lines, fields=fields)
    return validate_answer(OfflineBackend().extract(request), request)


def test_every_choice_the_customer_takes_and_none_they_turn_down() -> None:
    result = read(
        [
            ("agent", "What can we help you with?"),
            ("user", "I'm looking at solar panels for the roof."),
            ("agent", "Would you like a battery with that?"),
            ("user", "Yes please."),
            ("agent", "And an EV charger?"),
            ("user", "No, we don't have an electric car."),
        ],
        PRODUCTS,
    )

    assert result.values["products_asked"] == ["solar panels", "battery"]
    assert result.evidence["products_asked"] == [
        "I'm looking at solar panels for the roof.",
        "Yes please.",
    ]
    assert result.ungrounded == []


def test_a_choice_denied_later_is_left_out() -> None:
    result = read(
        [
            ("user", "Solar panels and a battery, please."),
            ("user", "Actually, I don't need the battery."),
        ],
        PRODUCTS,
    )

    assert result.values["products_asked"] == ["solar panels"]


def test_every_phone_number_and_email_given() -> None:
    result = read(
        [
            ("agent", "What's the best number to reach you?"),
            ("user", "My cell is 0532 123 4567, and my office is 0212 555 0000."),
            ("agent", "Who should get a copy of the quote?"),
            ("user", "Send it to ana@example.com and to bob at example dot org please."),
            ("user", "Oh and my cell again, 0532 123 4567."),
        ],
        PHONES,
        EMAILS,
    )

    assert result.values["phones"] == ["05321234567", "02125550000"]
    assert result.values["cc_emails"] == ["ana@example.com", "bob@example.org"]
    assert result.evidence["cc_emails"] == [
        "Send it to ana@example.com and to bob at example dot org please.",
        "Send it to ana@example.com and to bob at example dot org please.",
    ]


def test_a_number_corrected_in_the_same_breath_replaces_the_first() -> None:
    result = read(
        [("user", "It's 0532 123 4567, sorry, 0532 123 4568.")],
        PHONES,
    )

    assert result.values["phones"] == ["05321234568"]


def test_nothing_given_is_null_with_the_reason() -> None:
    result = read([("user", "Just send me the brochure.")], PRODUCTS, PHONES)

    assert result.values == {"products_asked": None, "phones": None}
    assert result.reasons["products_asked"] == (
        "the customer names none of solar panels, battery, ev charger"
    )
    assert result.reasons["phones"] == "the customer gives no phone number"


def test_a_list_of_free_text_or_numbers_says_it_needs_a_model() -> None:
    result = read([("user", "I worry about the price and the noise.")], NOTES, AMOUNTS)

    assert result.values == {"concerns": None, "quotes": None}
    assert result.reasons["concerns"].startswith(
        "the offline extractor cannot read a list of text items"
    )
    assert "name a model for this field" in result.reasons["concerns"]
    assert result.reasons["quotes"].startswith(
        "the offline extractor cannot read a list of numbers"
    )
    assert unreadable(NOTES) == result.reasons["concerns"]
    assert unreadable(PRODUCTS) is None
    assert unreadable(PHONES) is None


def test_addresses_spelled_out_and_written_keep_the_order_said() -> None:
    result = read(
        [
            ("agent", "who should we copy on the quote"),
            ("user", "ana at example dot com and also bob@example.org"),
        ],
        EMAILS,
    )

    assert result.values["cc_emails"] == ["ana@example.com", "bob@example.org"]
