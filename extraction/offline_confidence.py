"""How far to trust a value the offline extractor read, by how it was read.

Each value (a null too) has a key: the reader that read it and the basis it read it on
("number/answer, with its word", "phone/uncued", "date/null"). Its confidence is the share
of values read on that key that were right on the labelled development calls, counted by
`manage.py calibrate_offline` into `offline_confidence.json`, smoothed so that a key seen
a few times is not trusted fully: (right + 1) / (read + 2). A key never seen falls back to
its reader's figure, then to every value's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

TABLE = Path(__file__).with_name("offline_confidence.json")


def key(reader: str, basis: str | None) -> str:
    """`basis` None is a null."""
    return f"{reader}/{'null' if basis is None else basis or 'read'}"


def counted(results: Iterable[tuple[str, bool]]) -> dict[str, list[int]]:
    """Right and read, by key, from (key, right) pairs."""
    table: dict[str, list[int]] = {}
    for said, right in results:
        row = table.setdefault(said, [0, 0])
        row[0] += int(right)
        row[1] += 1
    return dict(sorted(table.items()))


@cache
def measured() -> dict[str, tuple[int, int]]:
    if not TABLE.exists():
        return {}
    rows = json.loads(TABLE.read_text())["counts"]
    return {said: (right, read) for said, (right, read) in rows.items()}


def confidence(said: str) -> float:
    table = measured()
    reader = said.split("/", 1)[0]
    for rows in (
        [table[said]] if said in table else [],
        [row for name, row in table.items() if name.split("/", 1)[0] == reader],
        list(table.values()),
    ):
        if rows:
            return smoothed(sum(r for r, _ in rows), sum(n for _, n in rows))
    return 0.5


def smoothed(right: int, read: int) -> float:
    return round((right + 1) / (read + 2), 3)
