"""Reading the dashboard page as a user reads it: the tables of numbers, and their links."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Row:
    cells: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


@dataclass
class Page:
    tables: dict[str, list[Row]] = field(default_factory=dict)
    stats: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def rows(self, table_id: str) -> dict[str, list[str]]:
        """Each body row of a table by its first cell: the cells after it."""
        return {row.cells[0]: row.cells[1:] for row in self.tables[table_id][1:]}

    def counts(self, table_id: str) -> dict[str, int]:
        return {label: int(cells[-2]) for label, cells in self.rows(table_id).items()}

    def links(self, table_id: str) -> dict[str, str]:
        return {row.cells[0]: row.links[0] for row in self.tables[table_id][1:] if row.links}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.page = Page()
        self.table: str | None = None
        self.row: Row | None = None
        self.text: list[str] | None = None
        self.stat: str | None = None
        self.in_error = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table" and attributes.get("id"):
            self.table = attributes["id"]
            self.page.tables[self.table] = []
        elif tag == "tr" and self.table:
            self.row = Row()
            self.page.tables[self.table].append(self.row)
        elif tag in ("th", "td", "dt", "dd") or (tag == "li" and self.in_error):
            self.text = []
        elif tag == "a" and self.row is not None and self.text is not None:
            self.row.links.append(attributes["href"] or "")
        if tag == "ul" and "errorlist" in (attributes.get("class") or ""):
            self.in_error += 1

    def handle_endtag(self, tag: str) -> None:
        text = " ".join("".join(self.text or []).split())
        if tag in ("th", "td") and self.row is not None and self.text is not None:
            self.row.cells.append(text)
        elif tag == "dt":
            self.stat = text
        elif tag == "dd" and self.stat:
            self.page.stats[self.stat] = text
        elif tag == "li" and self.in_error:
            self.page.errors.append(text)
        elif tag == "ul" and self.in_error:
            self.in_error -= 1
        elif tag == "table":
            self.table = None
        if tag in ("th", "td", "dt", "dd", "li"):
            self.text = None

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)


def read_page(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    return reader.page
