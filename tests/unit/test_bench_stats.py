"""The benchmark's statistics: median, percentiles (NumPy's linear method), ratios and their intervals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.stats import describe_interval, median, percentile, ratio, ratio_interval

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


def test_ratio_interval_brackets_the_ratio_of_medians_and_repeats_exactly() -> None:
    widget = [4578.0, 5196.0, 4683.0, 4515.0, 5340.0, 4674.0, 4036.0, 3932.0, 4461.0]
    floor = [4260.0, 4682.0, 5004.0, 3711.0, 5124.0, 4590.0, 3992.0, 4266.0, 3066.0]
    low, high = ratio_interval(widget, floor)
    assert low < median(widget) / median(floor) < high
    assert (low, high) == ratio_interval(widget, floor)  # fixed seed: same samples, same interval
    assert high - low > 0.1  # samples this spread cannot pin the ratio down to a few percent


def test_ratio_interval_of_steady_samples_is_the_ratio_itself() -> None:
    assert ratio_interval([6.0, 6.0, 6.0], [3.0, 3.0]) == (2.0, 2.0)


def test_ratio_interval_narrows_as_the_spread_shrinks() -> None:
    noisy = ratio_interval([90.0, 110.0, 100.0, 80.0, 120.0], [100.0] * 5)
    steady = ratio_interval([99.0, 101.0, 100.0, 98.0, 102.0], [100.0] * 5)
    assert steady[1] - steady[0] < noisy[1] - noisy[0]
    assert noisy[0] <= steady[0] <= steady[1] <= noisy[1]


@pytest.mark.parametrize(("numerators", "denominators", "level", "message"), [
    ([], [1.0], 0.95, "no samples"),
    ([1.0], [], 0.95, "no samples"),
    ([1.0], [1.0], 1.0, "outside"),
    ([1.0], [0.0], 0.95, "non-positive denominator"),
])
def test_ratio_interval_rejects_what_it_cannot_compute(
        numerators: list[float], denominators: list[float], level: float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ratio_interval(numerators, denominators, level=level)


def test_describe_interval_names_the_level_and_the_bounds() -> None:
    assert describe_interval((0.981, 1.172)) == "95% bootstrap interval 0.98-1.17x"
