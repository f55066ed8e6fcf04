"""Summary statistics for timing samples (stdlib only)."""

from __future__ import annotations

import math
from collections.abc import Sequence


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
