"""The text the call search reads: the latest analysis' values and the transcript.

It is stored on the call, casefolded, so that one `LIKE` finds a name or a word the same
way on SQLite and PostgreSQL, whatever its letters ("JOSÉ" finds "José" on both, which a
case-insensitive match on the JSON columns does not on SQLite).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any


def value_text(value: Any) -> str:
    """A value as the search reads it; a list's items one a line, each as it was said."""
    if isinstance(value, list):
        return "\n".join(value_text(item) for item in value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def call_search_text(*, values: Mapping[str, Any], transcript: Sequence[Mapping[str, Any]]) -> str:
    """What a search of the call list matches: every found value, then every turn."""
    found = [value_text(value) for value in values.values() if value is not None]
    said = [str(turn.get("text", "")) for turn in transcript]
    return "\n".join([*found, *said]).casefold()
