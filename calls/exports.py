"""The call list as CSV: one row a call, the latest analysis' values as columns, each
followed by its confidence.

The file is UTF-8 with a byte order mark, so that a spreadsheet reads names such as
"José" right; times are ISO 8601 in the call's own zone with their UTC offset, next to
the zone's name. A cell that a spreadsheet would run as a formula (one starting with
=, +, -, @, a tab or a carriage return) starts with an apostrophe instead; a plain
number such as -12.5 is left as it is.

A list value's items share one cell, joined with "; "; an item holding a semicolon, a
double quote or a line break is put in double quotes, its own double quotes doubled, so
that a CSV reader splitting at ";" gives the items back.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from itertools import chain
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import QuerySet

from agents.models import ExtractionField
from calls.models import Call

BOM = "\ufeff"
HEADERS = (
    "call id",
    "external id",
    "agent slug",
    "call status",
    "direction",
    "from number",
    "to number",
    "started at",
    "ended at",
    "time zone",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
ITEM_SEPARATOR = "; "
QUOTED_ITEM = re.compile(r'[;"\r\n]')


def safe_cell(text: str) -> str:
    """`text` as a spreadsheet shows it without running it."""
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def value_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return items_text(value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def item_text(item: Any) -> str:
    text = value_cell(item)
    return '"' + text.replace('"', '""') + '"' if QUOTED_ITEM.search(text) else text


def items_text(items: list[Any]) -> str:
    """A list value's items in one line, as its CSV cell holds them."""
    return ITEM_SEPARATOR.join(item_text(item) for item in items)


def confidence_cell(number: float | None) -> str:
    return "" if number is None else str(number)


def confidence_header(name: str) -> str:
    """The header of a field's confidence column; it holds a space, as no field name does."""
    return f"{name} confidence"


def moment_cell(moment: datetime | None, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).isoformat() if moment else ""


def export_field_names(calls: QuerySet[Call]) -> list[str]:
    """The fields of every agent with a call in `calls`, in each agent's order."""
    agents = calls.order_by().values("agent_id").distinct()
    names = ExtractionField.objects.filter(agent_id__in=agents).order_by(
        "agent_id", "position", "id"
    )
    return list(dict.fromkeys(names.values_list("name", flat=True)))


# Read as plain rows, not models: building three model instances a call was most of an
# export's time.
ROW_COLUMNS = (
    "pk",
    "external_id",
    "agent__slug",
    "status",
    "direction",
    "from_number",
    "to_number",
    "started_at",
    "ended_at",
    "timezone",
    "latest_run__values",
    "latest_run__confidences",
)


def call_row(row: tuple[Any, ...], names: Sequence[str]) -> list[str]:
    (
        pk,
        external_id,
        slug,
        status,
        direction,
        caller,
        callee,
        started,
        ended,
        zone_name,
        values,
        confidences,
    ) = row
    zone = ZoneInfo(zone_name)
    values, confidences = values or {}, confidences or {}
    cells = [
        str(pk),
        external_id,
        slug,
        status,
        direction,
        caller,
        callee,
        moment_cell(started, zone),
        moment_cell(ended, zone),
        zone_name,
        *chain.from_iterable(
            (value_cell(values.get(name)), confidence_cell(confidences.get(name))) for name in names
        ),
    ]
    return [safe_cell(cell) for cell in cells]


def csv_lines(rows: Iterable[Sequence[str]]) -> Iterator[str]:
    """Each row as one CSV line, the first preceded by the byte order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def calls_csv(calls: QuerySet[Call], names: Sequence[str]) -> Iterator[str]:
    """The CSV of `calls` (already filtered and ordered), with `names` as value columns,
    each followed by its confidence."""
    header = [*HEADERS, *chain.from_iterable((name, confidence_header(name)) for name in names)]
    stored = calls.values_list(*ROW_COLUMNS).iterator(chunk_size=2000)
    rows = (call_row(row, names) for row in stored)
    return csv_lines(chain([header], rows))
