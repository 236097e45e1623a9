"""Value filters with numbers no field can hold are refused, not sent to the database."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("literal", ["1e999", "-1e999", "9" * 5000, str(2**70)])
def test_a_number_out_of_range_is_a_400(reader, literal: str) -> None:
    response = reader.get(f"/api/v1/calls/?value.score={literal}")

    assert response.status_code == 400
    assert "value.score" in response.json()["error"]["details"]


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_text_not_numbers(reader, literal: str) -> None:
    response = reader.get(f"/api/v1/calls/?value.score={literal}")

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_a_nul_byte_in_a_filter_is_a_400(reader) -> None:
    response = reader.get("/api/v1/calls/?value.name=a%00b")

    assert response.status_code == 400


def test_the_call_list_refuses_an_out_of_range_number(admin_client) -> None:
    response = admin_client.get("/admin/calls/call/?value__score=1e999")

    assert response.status_code == 302
    assert response.url.endswith("?e=1")
