"""The call list as CSV: one row a call, the latest analysis' values as columns.

The file is UTF-8 with a byte order mark, so that a spreadsheet reads names such as
"José" right; times are ISO 8601 in the call's own zone with their UTC offset, next to
the zone's name. A cell that a spreadsheet would run as a formula (one starting with
=, +, -, @, a tab or a carriage return) starts with an apostrophe instead; a plain
number such as -12.5 is left as it is.
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
HEAVY_RUN_COLUMNS = (
    "latest_run__raw_answer",
    "latest_run__evidence",
    "latest_run__config_snapshot",
    "latest_run__notes",
)


def safe_cell(text: str) -> str:
    """`text` as a spreadsheet shows it without running it."""
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def value_cell(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def moment_cell(moment: datetime | None, call: Call) -> str:
    return moment.astimezone(call.zone).isoformat() if moment else ""


def export_field_names(calls: QuerySet[Call]) -> list[str]:
    """The fields of every agent with a call in `calls`, in each agent's order."""
    agents = calls.order_by().values("agent_id").distinct()
    names = ExtractionField.objects.filter(agent_id__in=agents).order_by(
        "agent_id", "position", "id"
    )
    return list(dict.fromkeys(names.values_list("name", flat=True)))


def export_calls(calls: QuerySet[Call]) -> QuerySet[Call]:
    """`calls` with what a row needs and without the heavy columns."""
    return calls.select_related("agent", "latest_run").defer(
        "transcript", "metadata", "search_text", *HEAVY_RUN_COLUMNS
    )


def call_row(call: Call, names: Sequence[str]) -> list[str]:
    values = call.latest_run.values if call.latest_run else {}
    cells = [
        str(call.pk),
        call.external_id,
        call.agent.slug,
        call.status,
        call.direction,
        call.from_number,
        call.to_number,
        moment_cell(call.started_at, call),
        moment_cell(call.ended_at, call),
        call.timezone,
        *(value_cell(values.get(name)) for name in names),
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
    """The CSV of `calls` (already filtered and ordered), with `names` as value columns."""
    header = [*HEADERS, *names]
    rows = (call_row(call, names) for call in export_calls(calls).iterator(chunk_size=1000))
    return csv_lines(chain([header], rows))
