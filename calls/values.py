"""Each analysed call's latest values, one row per field, for counting them by value.

The dashboard counts the values of every analysed call in its period; reading them out of
each latest run's JSON means joining every call to its run and parsing the JSON per row.
The rows here hold each value as JSON text (`"high"`, `true`), indexed by agent, field and
value, so that the counts are one grouped read of an index. A list value has one row per
item, so that a call counts once for each item it names ("how many calls asked about
the battery"), and the call list finds a call by any one of its items.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from calls.models import Call, CallValue

MAX_VALUE_LENGTH = 200
"""Longer values (free text, not a choice) are kept as a row with an empty value: found,
and outside any choice."""


def stored_text(value: Any) -> str:
    """A value (or a list's item) as its row holds it: JSON text, empty when too long."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= MAX_VALUE_LENGTH else ""


def value_texts(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Each found value's field and JSON text, a list's each item's; null values (not
    found) have no row."""
    rows: list[tuple[str, str]] = []
    for name, value in values.items():
        if isinstance(value, list):
            rows.extend((name, stored_text(item)) for item in value)
        elif value is not None:
            rows.append((name, stored_text(value)))
    return rows


def replace_call_values(*, call: Call, values: Mapping[str, Any]) -> None:
    """Make `values` the call's latest values; the writer of a call's latest run calls it."""
    CallValue.objects.filter(call=call).delete()
    CallValue.objects.bulk_create(
        CallValue(
            call=call, agent_id=call.agent_id, started_at=call.started_at, field=name, value=text
        )
        for name, text in value_texts(values)
    )
