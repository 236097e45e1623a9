"""The calibration figures say how far confidences can be trusted: a reliability table
of bands against the share right, the calibration error, AUROC, and the wrong values
caught by reviewing the least confident first."""

from __future__ import annotations

import pytest

from calls.calibration import calibration


def test_confidences_that_match_the_share_right_have_no_calibration_error() -> None:
    scored = [(0.8, True)] * 8 + [(0.8, False)] * 2 + [(0.3, True)] * 3 + [(0.3, False)] * 7

    measured = calibration(scored)

    assert [(band.low, band.values, band.right) for band in measured.bands] == [
        (0.3, 10, 0.3),
        (0.8, 10, 0.8),
    ]
    assert measured.expected_error == pytest.approx(0.0)


def test_overconfident_values_show_their_gap() -> None:
    measured = calibration([(0.9, True)] * 5 + [(0.9, False)] * 5)

    assert measured.expected_error == pytest.approx(0.4)


def test_auroc_is_one_when_every_right_value_is_more_confident_than_every_wrong_one() -> None:
    assert calibration([(0.9, True), (0.7, True), (0.2, False), (0.1, False)]).auroc == 1.0
    assert calibration([(0.5, True), (0.5, False)]).auroc == 0.5
    assert calibration([(0.5, True), (0.6, True)]).auroc is None  # nothing wrong to tell apart


def test_reviewing_the_least_confident_catches_the_wrong_values_there() -> None:
    scored = [(0.1, False), (0.2, False), (0.3, True), (0.4, False)] + [(0.9, True)] * 6

    caught = calibration(scored).caught

    assert caught[0.1] == pytest.approx(1 / 3)
    assert caught[0.2] == pytest.approx(2 / 3)
    assert caught[0.3] == pytest.approx(2 / 3)


def test_a_tie_at_the_cut_counts_against_the_reviewer() -> None:
    # Ten values at one confidence: reviewing 10% may pick any one, so it is counted as
    # picking a right one.
    assert calibration([(0.5, False)] + [(0.5, True)] * 9).caught[0.1] == 0.0


def test_no_order_of_review_catches_more_wrong_values_than_it_reviews() -> None:
    # Half the values are wrong: reviewing a fifth of them can find at most 40% of those.
    scored = [(0.9, False)] * 5 + [(0.9, True)] * 5

    reachable = calibration(scored).reachable

    assert reachable[0.2] == pytest.approx(0.4)
    assert reachable[0.1] == pytest.approx(0.2)
    assert calibration([(0.1, False)] + [(0.9, True)] * 9).reachable[0.2] == 1.0
