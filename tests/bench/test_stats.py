import pytest

from bench.stats import median, percentile


def test_nearest_rank_picks_a_measured_value():
    samples = [float(n) for n in range(1, 101)]
    assert percentile(samples, 99) == 99.0
    assert percentile(samples, 100) == 100.0
    assert percentile(samples, 1) == 1.0


def test_p99_of_few_samples_is_the_slowest():
    assert percentile([3.0, 1.0, 2.0], 99) == 3.0


def test_median_of_unsorted_samples():
    assert median([5.0, 1.0, 3.0, 2.0, 4.0]) == 3.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.0


def test_p0_is_the_smallest():
    assert percentile([2.0, 1.0], 0) == 1.0


@pytest.mark.parametrize("q", [-1, 101])
def test_q_out_of_range_is_refused(q):
    with pytest.raises(ValueError, match="q must be"):
        percentile([1.0], q)


def test_no_samples_is_refused():
    with pytest.raises(ValueError, match="no samples"):
        percentile([], 50)
