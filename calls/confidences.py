"""How far to trust a call's values at a glance: the lowest confidence of its latest run,
and the bands the pages sort confidences into.

The lowest confidence is stored on the call (`Call.lowest_confidence`, written with the
latest run), so that the call list filters and shows it without reading each run's JSON:
a JSON key's number compares differently on SQLite and PostgreSQL, and the least of a
JSON object's numbers is a query of its own on each.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


def lowest_confidence(confidences: Mapping[str, float | None]) -> float | None:
    """The least confidence among the values that have one; None when none has one."""
    known = [number for number in confidences.values() if number is not None]
    return min(known) if known else None


@dataclass(frozen=True)
class ConfidenceBand:
    """Confidences from `low` (included) to `high` (excluded; None: no bound)."""

    key: str
    label: str
    low: float
    high: float | None


# Coarse on purpose: a person reading a list needs "check this" or "probably right", and
# a confidence is only as good as its calibration (`evaluate_extraction` prints it).
BANDS = (
    ConfidenceBand("low", "below 0.5", 0.0, 0.5),
    ConfidenceBand("medium", "0.5 to 0.8", 0.5, 0.8),
    ConfidenceBand("high", "0.8 and above", 0.8, None),
)


def confidence_band(number: float) -> ConfidenceBand:
    """The band a confidence (0 to 1) falls in."""
    return next((band for band in reversed(BANDS) if number >= band.low), BANDS[0])
