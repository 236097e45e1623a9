"""A field name the config accepts is one the value filters accept, `__` and a leading `_`
included: the API and the call list read it as one JSON key."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from agents.config import field_spec_errors
from extraction.types import FieldSpec
from tests.factories import AnalysedCallFactory

pytestmark = pytest.mark.django_db

NAMES = ["lead__score", "_score"]


@pytest.mark.parametrize("name", NAMES)
def test_the_config_and_the_api_filter_agree_on_a_name(name: str, reader: APIClient) -> None:
    AnalysedCallFactory(external_id="hot", values={name: 9, "lead": {"score": 1}})
    AnalysedCallFactory(external_id="cold", values={name: 1})

    response = reader.get(f"/api/v1/calls/?value.{name}=9")

    assert field_spec_errors(FieldSpec(name=name, type="number", description="d")) == []
    assert response.status_code == 200
    assert [call["external_id"] for call in response.json()["results"]] == ["hot"]


@pytest.mark.parametrize("name", NAMES)
def test_the_call_list_filters_on_a_name_the_config_accepts(name: str, admin_client) -> None:
    AnalysedCallFactory(external_id="hot", values={name: "yes"})
    AnalysedCallFactory(external_id="cold", values={name: "no"})

    response = admin_client.get(reverse("admin:calls_call_changelist") + f"?value__{name}=yes")

    assert response.status_code == 200
    assert [call.external_id for call in response.context["cl"].result_list] == ["hot"]
