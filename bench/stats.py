"""Percentiles of measured samples."""

from __future__ import annotations

import math
from collections.abc import Sequence


def percentile(samples: Sequence[float], q: float) -> float:
    """The q-th percentile (0 to 100) by the nearest-rank method: a value that was measured.

    Nearest rank never interpolates, so p99 of 100 samples is the slowest but one, and
    p99 of fewer than 100 samples is the slowest one.
    """
    if not samples:
        raise ValueError("no samples")
    if not 0 <= q <= 100:
        raise ValueError(f"q must be within 0 to 100, not {q!r}")
    ordered = sorted(samples)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def median(samples: Sequence[float]) -> float:
    return percentile(samples, 50)
