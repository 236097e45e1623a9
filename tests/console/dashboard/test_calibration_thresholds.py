"""What a review threshold would have done on the reviewed values: the share of values it
would have held, and the share of the corrected ones among them it would have caught."""

from __future__ import annotations

import pytest
from django.test import Client

from agents.models import Agent
from calls.calibration import hold_below
from tests.console.dashboard.calibration import dashboard_html, review
from tests.console.dashboard.page import read_page

pytestmark = pytest.mark.django_db


def test_each_threshold_shows_the_values_held_and_the_corrections_caught(
    agent: Agent, staff_client: Client
) -> None:
    review(agent, confidence=0.45, correct=False, times=2)
    review(agent, confidence=0.65, correct=False)
    review(agent, confidence=0.65, correct=True)
    review(agent, confidence=0.85, correct=False)
    review(agent, confidence=0.95, correct=True, times=5)

    page = read_page(dashboard_html(staff_client, agent))

    assert page.rows("calibration-thresholds-interest_level") == {
        "0.5": ["20% (2 of 10)", "50% (2 of 4)", "100%"],
        "0.6": ["20% (2 of 10)", "50% (2 of 4)", "100%"],
        "0.7": ["40% (4 of 10)", "75% (3 of 4)", "75%"],
        "0.8": ["40% (4 of 10)", "75% (3 of 4)", "75%"],
        "0.9": ["50% (5 of 10)", "100% (4 of 4)", "80%"],
    }


def test_a_value_exactly_at_the_threshold_is_not_held() -> None:
    hold = hold_below([(0.7, False), (0.69, False), (0.9, True)], 0.7)

    assert (hold.held, hold.wrong_held, hold.wrong, hold.values) == (1, 1, 2, 3)


def test_with_no_correction_nothing_is_there_to_catch(agent: Agent, staff_client: Client) -> None:
    review(agent, confidence=0.4, correct=True)
    review(agent, confidence=0.9, correct=True)

    page = read_page(dashboard_html(staff_client, agent))

    assert page.rows("calibration-thresholds-interest_level")["0.5"] == [
        "50% (1 of 2)",
        "none corrected",
        "0%",
    ]
