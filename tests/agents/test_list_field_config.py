"""A list field's config is checked with the rest: its item type, its items' choices and
format, and its counts, each problem naming the row."""

from __future__ import annotations

import pytest

from agents.config import config_errors
from extraction.types import FieldSpec

CHOICES = ("solar panels", "battery", "ev charger")


def messages(*fields: FieldSpec) -> list[str]:
    return [str(error) for error in config_errors(list(fields), [])]


def test_the_product_pages_lists_are_valid() -> None:
    assert (
        messages(
            FieldSpec("products_asked", "list", choices=CHOICES, item_type="enum", max_items=3),
            FieldSpec("cc_emails", "list", format="email", item_type="string"),
            FieldSpec("quantities", "list", item_type="number", min_items=1, max_items=50),
        )
        == []
    )


@pytest.mark.parametrize(
    ("field", "message"),
    [
        (
            FieldSpec("x", "string", item_type="enum"),
            "field 1 (x): item_type applies to list fields only",
        ),
        (
            FieldSpec("x", "number", max_items=3),
            "field 1 (x): max_items applies to list fields only",
        ),
        (
            FieldSpec("x", "list", item_type="boolean"),  # type: ignore[arg-type]
            "field 1 (x): item_type 'boolean' is not supported (use string, number, enum)",
        ),
        (FieldSpec("x", "list", item_type="enum"), "field 1 (x): a list of enum needs choices"),
        (
            FieldSpec("x", "list", choices=("a", "b"), item_type="string"),
            "field 1 (x): choices apply to enum fields only (and to lists of enum)",
        ),
        (
            FieldSpec("x", "list", format="phone", item_type="number"),
            "field 1 (x): format 'phone' applies to string fields only (and to lists of string)",
        ),
        (
            FieldSpec("x", "list", item_type="string", min_items=4, max_items=2),
            "field 1 (x): min_items 4 is more than max_items 2",
        ),
        (
            FieldSpec("x", "list", item_type="string", max_items=51),
            "field 1 (x): max_items 51 is out of range (0 to 50)",
        ),
        (
            FieldSpec("x", "list", item_type="string", min_items=-1),
            "field 1 (x): min_items -1 is out of range (0 to 50)",
        ),
        (
            FieldSpec("x", "list", item_type="string", max_items=0),
            "field 1 (x): max_items 0 would keep no item",
        ),
    ],
)
def test_list_problems_name_the_row(field: FieldSpec, message: str) -> None:
    assert any(text.startswith(message) for text in messages(field)), messages(field)
