"""The benchmark's statistics: median, percentiles (NumPy's linear method), ratios."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.stats import median, percentile, ratio

samples_strategy = st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=60)


def test_median_of_odd_count_is_the_middle_value() -> None:
    assert median([9.0, 1.0, 5.0]) == 5.0


def test_median_of_even_count_is_the_mean_of_the_two_middle_values() -> None:
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5


def test_percentiles_interpolate_between_ranks_like_numpy_linear() -> None:
    values = [float(v) for v in range(1, 101)]  # 1..100
    # numpy.percentile(range(1, 101), q) for q = 50, 95, 99
    assert percentile(values, 50) == pytest.approx(50.5)
    assert percentile(values, 95) == pytest.approx(95.05)
    assert percentile(values, 99) == pytest.approx(99.01)


def test_p95_of_fifty_samples_sits_between_the_47th_and_48th() -> None:
    values = [float(v) for v in range(50)]  # sorted ranks 0..49: p95 is rank 46.55
    assert percentile(values, 95) == pytest.approx(46.55)


def test_percentile_ignores_input_order() -> None:
    assert percentile([30.0, 10.0, 20.0], 50) == 20.0


@given(samples_strategy, st.floats(min_value=0, max_value=100), st.floats(min_value=0, max_value=100))
def test_percentile_is_monotone_and_within_the_samples(samples: list[float], q1: float, q2: float) -> None:
    low, high = sorted((q1, q2))
    assert min(samples) <= percentile(samples, low) <= percentile(samples, high) <= max(samples)


@given(samples_strategy)
def test_p0_and_p100_are_the_extremes(samples: list[float]) -> None:
    assert percentile(samples, 0) == min(samples)
    assert percentile(samples, 100) == max(samples)


def test_percentile_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError, match="no samples"):
        percentile([], 50)


@pytest.mark.parametrize("q", [-1, 100.5])
def test_percentile_outside_0_to_100_is_an_error(q: float) -> None:
    with pytest.raises(ValueError, match=r"outside 0\.\.100"):
        percentile([1.0], q)


def test_ratio_divides_and_refuses_a_zero_denominator() -> None:
    assert ratio(3.0, 2.0) == 1.5
    with pytest.raises(ValueError, match="non-positive denominator"):
        ratio(1.0, 0.0)
