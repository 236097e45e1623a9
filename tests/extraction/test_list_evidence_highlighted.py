"""Each item's quote of a list field is highlighted in the transcript under the field."""

from __future__ import annotations

from extraction.evidence import highlighted_turns
from extraction.types import Turn

TURNS = (
    Turn("agent", "What can we quote you for?"),
    Turn("user", "Solar panels for the roof, and a battery."),
)


def test_every_items_quote_is_highlighted_under_the_list_field() -> None:
    turns = highlighted_turns(
        TURNS, {"products_asked": ["Solar panels", None, "a battery"], "customer_name": None}
    )

    marked = [(seg.text, seg.fields) for seg in turns[1].segments if seg.fields]
    assert marked == [("Solar panels", ("products_asked",)), ("a battery", ("products_asked",))]
