"""The reliability chart: reviewed values by confidence band, with the share reviewers
left unchanged and the count in each band."""

from __future__ import annotations

import pytest
from django.test import Client

from agents.models import Agent
from tests.console.dashboard.calibration import dashboard_html, review
from tests.console.dashboard.page import read_page

pytestmark = pytest.mark.django_db


def test_each_band_shows_its_count_and_the_share_left_unchanged(
    agent: Agent, staff_client: Client
) -> None:
    review(agent, confidence=0.95, correct=True, times=3)
    review(agent, confidence=0.92, correct=False)
    review(agent, confidence=0.55, correct=True)
    review(agent, confidence=0.51, correct=False, times=2)
    review(agent, confidence=1.0, correct=True)

    page = read_page(dashboard_html(staff_client, agent))

    assert page.rows("calibration-bands-interest_level") == {
        "0.5 to 0.6": ["3", "0.52", "33%"],
        "0.9 to 1.0": ["5", "0.95", "80%"],
    }


def test_a_value_whose_run_gave_no_confidence_is_left_out_and_counted(
    agent: Agent, staff_client: Client
) -> None:
    review(agent, confidence=0.8, correct=True)
    review(agent, confidence=None, correct=False, times=2)

    html = dashboard_html(staff_client, agent)

    assert "interest_level: 1 reviewed value with a confidence, 0 corrected" in html
    assert "2 more reviewed values had no confidence and are left out." in html
    assert read_page(html).rows("calibration-bands-interest_level") == {
        "0.8 to 0.9": ["1", "0.80", "100%"]
    }


def test_fewer_than_30_values_are_flagged_as_too_few_to_rely_on(
    agent: Agent, staff_client: Client
) -> None:
    review(agent, confidence=0.9, correct=True, times=29)
    review(agent, confidence=0.9, correct=True, field="customer_name", times=30)

    html = dashboard_html(staff_client, agent)

    assert 'id="calibration-few-interest_level"' in html
    assert "Too few to rely on:" in html
    assert 'id="calibration-few-customer_name"' not in html


def test_a_field_whose_reviewed_values_have_no_confidence_says_so(
    agent: Agent, staff_client: Client
) -> None:
    review(agent, confidence=None, correct=True)

    html = dashboard_html(staff_client, agent)

    assert "interest_level: 0 reviewed values with a confidence" in html
    assert "None of these values has a confidence" in html
    assert "calibration-bands-interest_level" not in html
