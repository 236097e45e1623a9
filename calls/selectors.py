"""Reading a call's AI Analysis."""

from __future__ import annotations

import json
import math
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.fields.json import KeyTransform

from calls.confidences import BANDS
from calls.models import Call, CallStatus, CallValue
from calls.values import stored_text
from extraction.names import is_field_name

LARGEST_INTEGER = 2**63 - 1


def value_literal(text: str) -> Any:
    """A filter value as typed: JSON literals (true, 3, null) as such, anything else as text.

    `NaN` and `Infinity` are text. A number no stored value can equal (out of 64-bit range,
    or beyond what a float holds) and a NUL character are refused with ValueError.
    """
    if "\x00" in text:
        raise ValueError("A value may not contain a NUL character.")
    try:
        literal = json.loads(text, parse_constant=str)
    except json.JSONDecodeError:
        return text
    except ValueError as error:
        raise ValueError(f"{text[:20]}… is not a number a value can hold.") from error
    if isinstance(literal, float) and not math.isfinite(literal):
        raise ValueError(f"{text} is not a number a value can hold.")
    if isinstance(literal, int) and abs(literal) > LARGEST_INTEGER:
        raise ValueError(f"{text[:20]}… is out of range for a number value.")
    return literal


def calls_with_value(calls: QuerySet[Call], name: str, literal: Any) -> QuerySet[Call]:
    """Calls whose latest analysis gave `literal` for field `name`, or a list holding it
    as one of its items; None means not found.

    Text matches without regard to case, as enum answers are compared everywhere. The key
    is read through an alias, so a name holding `__` stays one JSON key. A list's items are
    found among the call's value rows (calls.CallValue), one a row, which every database
    reads alike (SQLite has no JSON containment).
    """
    if not is_field_name(name):
        raise ValueError(f"{name!r} is not a field name.")
    alias = f"value_{len(calls.query.annotations)}"
    calls = calls.alias(**{alias: KeyTransform(name, "latest_run__values")})
    if literal is None:
        return calls.filter(Q(**{f"{alias}__isnull": True}) | Q(**{alias: None}))
    if isinstance(literal, str):
        single = Q(**{f"{alias}__iexact": literal})
    else:
        single = Q(**{alias: literal})
    text = stored_text(literal)
    if not text:
        # Too long to be kept as an item: only a single value can hold it.
        return calls.filter(single)
    return calls.filter(single | Q(Exists(list_items(name, literal, text))))


def list_items(name: str, literal: Any, text: str) -> QuerySet[CallValue]:
    """The value rows of the outer call whose field is `name` and whose value is `literal`
    (`text` as a row holds it), text ignoring case."""
    rows = CallValue.objects.filter(call=OuterRef("pk"), field=name)
    return rows.filter(value__iexact=text) if isinstance(literal, str) else rows.filter(value=text)


NO_CONFIDENCE = "none"


def calls_by_confidence(calls: QuerySet[Call], band: str) -> QuerySet[Call]:
    """Calls whose lowest confidence is in the band of that key (`calls.confidences.BANDS`),
    or, for `none`, analysed calls with no confidence at all; ValueError for another key."""
    if band == NO_CONFIDENCE:
        return calls.filter(latest_run__isnull=False, lowest_confidence__isnull=True)
    chosen = next((b for b in BANDS if b.key == band), None)
    if chosen is None:
        raise ValueError(f"{band!r} is not a confidence band.")
    calls = calls.filter(lowest_confidence__gte=chosen.low)
    return calls if chosen.high is None else calls.filter(lowest_confidence__lt=chosen.high)


def agent_recent_calls(*, agent_id: int, limit: int = 50) -> list[Call]:
    """The agent's latest calls with a transcript, newest first."""
    return list(
        Call.objects.filter(agent_id=agent_id)
        .exclude(status=CallStatus.NO_TRANSCRIPT)
        .only("pk", "external_id", "started_at", "timezone")
        .order_by("-started_at", "-id")[:limit]
    )
