"""One row of the results table, and the table."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Figure:
    benchmark: str
    figure: str
    target: str
    met: bool | None
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def verdict(met: bool | None) -> str:
    return {True: "met", False: "MISSED", None: "—"}[met]


def table(rows: list[dict[str, str]]) -> str:
    """A Markdown table, so that it can be pasted into docs/benchmarks.md as printed."""
    columns = ["benchmark", "database", "figure", "target", "result", "load", "note"]
    lines = [
        "| " + " | ".join(columns) + " |",
        "|" + "|".join("---" for _ in columns) + "|",
    ]
    lines += ["| " + " | ".join(row.get(column, "") for column in columns) + " |" for row in rows]
    return "\n".join(lines)
