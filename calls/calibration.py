"""How well confidences say which values are right: measured on labelled calls.

A confidence of 0.8 should mean about 80% right. The reliability table sets confidence
bands against the share right; the expected calibration error is the gap between them,
weighted by how many values fall in each band; AUROC is the chance that a right value has
a higher confidence than a wrong one; "caught" is the share of all wrong values found
by reviewing the least confident values first, and "reachable" the most that any order of
review could find in as many values (where more values are wrong than are reviewed, no
confidence can catch them all). A threshold's hold is what holding every
value below it for a person would have done: how many values it holds, how many wrong
ones it catches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

BANDS = 10
REVIEWED_SHARES = (0.1, 0.2, 0.3)


@dataclass(frozen=True)
class Band:
    low: float
    high: float
    values: int
    mean_confidence: float
    right: float


@dataclass(frozen=True)
class Calibration:
    values: int
    bands: tuple[Band, ...]
    expected_error: float | None
    auroc: float | None
    caught: dict[float, float | None]  # share reviewed → share of the wrong values caught
    reachable: dict[float, float | None]  # share reviewed → the most any order could catch


def calibration(scored: Sequence[tuple[float, bool]]) -> Calibration:
    """`scored`: each value's confidence and whether it was right."""
    return Calibration(
        values=len(scored),
        bands=reliability_bands(scored),
        expected_error=_expected_error(scored),
        auroc=_auroc(scored),
        caught={share: _caught(scored, share) for share in REVIEWED_SHARES},
        reachable={share: _reachable(scored, share) for share in REVIEWED_SHARES},
    )


def reliability_bands(scored: Sequence[tuple[float, bool]]) -> tuple[Band, ...]:
    """The reliability table: the bands that hold a value, each with its count, mean
    confidence and share right."""
    bands = []
    for index in range(BANDS):
        low, high = index / BANDS, (index + 1) / BANDS
        inside = [(c, r) for c, r in scored if low <= c < high or (high == 1 and c == 1)]
        if inside:
            bands.append(
                Band(
                    low,
                    high,
                    len(inside),
                    sum(c for c, _ in inside) / len(inside),
                    sum(r for _, r in inside) / len(inside),
                )
            )
    return tuple(bands)


def _expected_error(scored: Sequence[tuple[float, bool]]) -> float | None:
    if not scored:
        return None
    bands = reliability_bands(scored)
    return sum(b.values * abs(b.mean_confidence - b.right) for b in bands) / len(scored)


def _auroc(scored: Sequence[tuple[float, bool]]) -> float | None:
    right = [c for c, r in scored if r]
    wrong = [c for c, r in scored if not r]
    if not right or not wrong:
        return None
    above = sum(1.0 if r > w else 0.5 if r == w else 0.0 for r in right for w in wrong)
    return above / (len(right) * len(wrong))


def _caught(scored: Sequence[tuple[float, bool]], share: float) -> float | None:
    """Of the wrong values, the share among the least confident `share` of all values
    (ties broken against the reviewer: wrong values last)."""
    wrong = sum(1 for _, r in scored if not r)
    if not wrong:
        return None
    reviewed = sorted(scored, key=lambda item: (item[0], not item[1]))[: round(len(scored) * share)]
    return sum(1 for _, r in reviewed if not r) / wrong


def _reachable(scored: Sequence[tuple[float, bool]], share: float) -> float | None:
    wrong = sum(1 for _, r in scored if not r)
    if not wrong:
        return None
    return min(wrong, round(len(scored) * share)) / wrong


@dataclass(frozen=True)
class Hold:
    """What holding for a person every value less confident than `threshold` would have
    done: how many values it holds, and how many of the wrong ones are among them."""

    threshold: float
    values: int
    held: int
    wrong: int
    wrong_held: int


def hold_below(scored: Sequence[tuple[float, bool]], threshold: float) -> Hold:
    return Hold(
        threshold=threshold,
        values=len(scored),
        held=sum(1 for c, _ in scored if c < threshold),
        wrong=sum(1 for _, r in scored if not r),
        wrong_held=sum(1 for c, r in scored if c < threshold and not r),
    )


def as_json(measured: Calibration) -> dict[str, Any]:
    return {
        "values": measured.values,
        "bands": [asdict(band) for band in measured.bands],
        "expected_calibration_error": measured.expected_error,
        "auroc": measured.auroc,
        "wrong_caught_by_reviewing": {f"{share:.0%}": c for share, c in measured.caught.items()},
        "most_any_order_could_catch": {
            f"{share:.0%}": c for share, c in measured.reachable.items()
        },
    }
