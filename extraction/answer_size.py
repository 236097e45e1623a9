"""How long an answer the schema of some fields can need, in characters and in tokens.

A model that does not stop costs the whole output budget on every call; bounding each
request's `max_tokens` by what its fields can need keeps that cost to the schema's size.
Each field's part of the answer is its value, its quote and, for a date, its time of day,
each at most as long as the schema's string limits (`extraction.schema.MAX_LENGTHS`),
with its key, quotes and the indentation of pretty-printed JSON. A list holds up to
`max_items` items (10 when unset), each as long as one item, and as many quotes.
Characters become tokens at three a token: fewer than the four of English text, as
digits, punctuation and other languages take more tokens a character.
"""

from __future__ import annotations

from collections.abc import Sequence

from extraction.schema import MAX_LENGTHS
from extraction.types import FieldSpec

CHARS_PER_TOKEN = 3
DEFAULT_MAX_ITEMS = 10
# A key's quotes, colon, comma, line break and indentation.
ENTRY_CHARS = 12
# The braces and names of the maps, and a Markdown fence around them.
DOCUMENT_CHARS = 80
NUMBER_CHARS = 24
BOOLEAN_CHARS = len("false")
NULL_CHARS = len("null")
ITEM_SEPARATOR_CHARS = len(", ")


def item_chars(spec: FieldSpec, item_type: str) -> int:
    """The longest one value (or one list item) of `spec` can be, quoted."""
    if item_type == "enum":
        return max((len(choice) for choice in spec.choices), default=NULL_CHARS) + 2
    if item_type == "number":
        return NUMBER_CHARS
    if item_type == "boolean":
        return BOOLEAN_CHARS
    return MAX_LENGTHS["values"] + 2


def field_answer_chars(spec: FieldSpec) -> int:
    """The characters one field can take in an answer: its value, quote and time."""
    entry = len(spec.name) + ENTRY_CHARS
    quote = MAX_LENGTHS["evidence"] + 2
    if spec.is_list:
        count = spec.max_items or DEFAULT_MAX_ITEMS
        each = item_chars(spec, spec.item_type or "string") + ITEM_SEPARATOR_CHARS
        value, evidence = count * each + 2, count * (quote + ITEM_SEPARATOR_CHARS) + 2
    else:
        value, evidence = item_chars(spec, spec.type), quote
    time = entry + MAX_LENGTHS["times"] + 2 if spec.format == "date" else 0
    return entry + value + entry + evidence + time


def answer_token_bound(fields: Sequence[FieldSpec]) -> int:
    """The tokens an answer for `fields` can need."""
    chars = DOCUMENT_CHARS + sum(field_answer_chars(spec) for spec in fields)
    return -(-chars // CHARS_PER_TOKEN)
