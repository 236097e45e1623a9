"""Paging and moment parameters that are not what the schema says are refused, not read
as the default."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["offset=null", "limit=ten", "limit=0", "offset=-1", "limit=²"])
def test_a_malformed_paging_parameter_is_a_400(reader, query: str) -> None:
    response = reader.get(f"/api/v1/calls/?{query}")

    assert response.status_code == 400
    assert query.split("=")[0] in response.json()["error"]["details"]


def test_a_limit_over_the_maximum_is_cut_to_it(reader) -> None:
    response = reader.get("/api/v1/calls/?limit=100000")

    assert response.status_code == 200


def test_an_empty_moment_filter_is_a_400(reader) -> None:
    assert reader.get("/api/v1/calls/?started_before=").status_code == 400
