"""Summary statistics for timing samples (stdlib only): medians, percentiles, ratios and their intervals."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

INTERVAL_LEVEL = 0.95
RESAMPLES = 2000
SEED = 20261128  # fixed: the same samples always give the same interval


def median(samples: Sequence[float]) -> float:
    """The median of ``samples`` (the mean of the two middle values for an even count)."""
    return percentile(samples, 50)


def percentile(samples: Sequence[float], q: float) -> float:
    """The ``q``-th percentile of ``samples``, linearly interpolated between closest ranks.

    The same definition as NumPy's default (``method="linear"``): rank
    ``(n - 1) * q / 100`` in the sorted samples.
    """
    if not samples:
        raise ValueError("percentile of no samples")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile q={q} is outside 0..100")
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``; a zero denominator is an error, not infinity."""
    if denominator <= 0:
        raise ValueError(f"ratio with a non-positive denominator ({denominator})")
    return numerator / denominator


def ratio_interval(numerators: Sequence[float], denominators: Sequence[float],
                   level: float = INTERVAL_LEVEL, resamples: int = RESAMPLES,
                   seed: int = SEED) -> tuple[float, float]:
    """A percentile-bootstrap interval for ``median(numerators) / median(denominators)``.

    Each sample set is resampled on its own, with replacement, ``resamples`` times;
    the interval holds the middle ``level`` of the resampled ratios. It shows how far
    the ratio could move from run to run on this machine with this many samples.
    """
    if not numerators or not denominators:
        raise ValueError("ratio interval of no samples")
    if not 0 < level < 1:
        raise ValueError(f"interval level {level} is outside (0, 1)")
    if resamples < 1:
        raise ValueError(f"resamples={resamples}: need at least 1")
    rng = random.Random(seed)
    ratios = [
        ratio(median(rng.choices(numerators, k=len(numerators))),
              median(rng.choices(denominators, k=len(denominators))))
        for _ in range(resamples)
    ]
    tail = (1 - level) / 2 * 100
    return percentile(ratios, tail), percentile(ratios, 100 - tail)


def describe_interval(interval: tuple[float, float], level: float = INTERVAL_LEVEL) -> str:
    """``95% bootstrap interval 0.98-1.17x``: the note printed beside a ratio."""
    low, high = interval
    return f"{level:.0%} bootstrap interval {low:.2f}-{high:.2f}x"
