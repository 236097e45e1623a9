"""The CSV export writes a list value's items in one cell, joined with "; "."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import list_call

pytestmark = pytest.mark.django_db


def exported(client: Client, query: str) -> dict[str, dict[str, str]]:
    response = client.get(reverse("admin:calls_call_export") + query)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = csv.reader(io.StringIO(text))
    return {row[1]: dict(zip(header, row, strict=True)) for row in rows}


def items_of(cell: str) -> list[str]:
    """A list cell read back as the docs say: Python's csv reader, ";" between items."""
    return next(csv.reader([cell], delimiter=";", skipinitialspace=True))


def test_a_list_s_items_share_one_cell(admin_client: Client) -> None:
    list_call(
        external_id="quote",
        values={"products_asked": ["solar panels", "battery"], "cc_emails": None},
    )

    row = exported(admin_client, "?columns=products_asked,cc_emails")["quote"]

    assert row["products_asked"] == "solar panels; battery"
    assert row["cc_emails"] == ""


def test_an_item_holding_a_semicolon_or_a_quote_is_quoted(admin_client: Client) -> None:
    items = ["panels; 10 kW", 'the 5" inverter', "battery"]
    list_call(external_id="odd", values={"products_asked": items})

    cell = exported(admin_client, "?columns=products_asked")["odd"]["products_asked"]

    assert cell == '"panels; 10 kW"; "the 5"" inverter"; battery'
    assert items_of(cell) == items


def test_a_list_of_numbers_is_written_as_numbers(admin_client: Client) -> None:
    list_call(external_id="sizes", values={"products_asked": [4, 12.5]})

    row = exported(admin_client, "?columns=products_asked")["sizes"]

    assert row["products_asked"] == "4; 12.5"
