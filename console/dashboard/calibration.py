"""The dashboard's calibration figures: per field, how far the confidences of the values
people reviewed in the period could be trusted, and what holding the values below a
threshold for review would have held and caught.

A confirmed value is right, a corrected one wrong. Only values whose run gave them a
confidence count. Read in two queries whatever the number of reviews: the agent's fields,
then each reviewed value's verdict with its confidence taken out of the run's JSON by the
database, so a row carries one number rather than every field's confidences.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, FloatField, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

from agents.models import Agent
from calls.calibration import BANDS, Band, Hold, hold_below, reliability_bands
from calls.models import FieldReview
from console.dashboard.periods import Period

THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
MIN_RELIABLE = 30
"""Below this many values with a confidence, a band's share moves by several points with
each review: the figures are shown, flagged as unreliable."""

CHART_WIDTH = 360
CHART_HEIGHT = 130
AXIS_LEFT = 34
AXIS_RIGHT = 8
"""Room right of the last band for the axis's last label."""
AXIS_BOTTOM = 16
TOP = 14
"""Room above the tallest column for its count."""


@dataclass(frozen=True)
class FieldCalibration:
    """One field's reviewed values in the period: all of them, those with a confidence,
    the corrected ones among those, the reliability bands and each threshold's hold."""

    field: str
    reviewed: int
    scored: int
    corrected: int
    bands: tuple[Band, ...]
    holds: tuple[Hold, ...]


def calibration_figures(*, agent: Agent, period: Period) -> list[FieldCalibration]:
    """Per field of the agent, in its order, the calibration of the values reviewed in the
    period; fields nobody reviewed are left out, and so are fields removed since, which no
    threshold can hold any more."""
    names = list(agent.fields.values_list("name", flat=True))
    if not names:
        return []
    # A field's confidence is under its own name in the run's JSON, and a JSON key cannot
    # be read from a column: one branch per field reads it.
    confidence = Case(
        *[
            When(
                field=name,
                then=Cast(KeyTextTransform(name, "extraction_run__confidences"), FloatField()),
            )
            for name in names
        ],
        output_field=FloatField(),
    )
    rows = (
        FieldReview.objects.filter(
            call__agent=agent,
            field__in=names,
            reviewed_at__gte=period.start,
            reviewed_at__lt=period.end,
        )
        .annotate(confidence=confidence)
        .values_list("field", "correct", "confidence")
        .order_by()
    )
    reviewed: dict[str, int] = {}
    scored: dict[str, list[tuple[float, bool]]] = {}
    for name, correct, value in rows:
        reviewed[name] = reviewed.get(name, 0) + 1
        if value is not None:
            scored.setdefault(name, []).append((value, correct))
    return [
        field_calibration(name, reviewed[name], scored.get(name, []))
        for name in names
        if name in reviewed
    ]


def field_calibration(
    name: str, reviewed: int, scored: list[tuple[float, bool]]
) -> FieldCalibration:
    return FieldCalibration(
        field=name,
        reviewed=reviewed,
        scored=len(scored),
        corrected=sum(1 for _, right in scored if not right),
        bands=reliability_bands(scored),
        holds=tuple(hold_below(scored, threshold) for threshold in THRESHOLDS),
    )


def percent(part: int | float, whole: int | float) -> str:
    return f"{part / whole:.0%}" if whole else "—"


@dataclass(frozen=True)
class BandColumn:
    label: str
    values: int
    mean_confidence: str
    unchanged: str
    x: float
    y: float
    width: float
    height: float
    middle: float
    count_y: float


@dataclass(frozen=True)
class ThresholdRow:
    threshold: str
    held: int
    values: int
    held_share: str
    held_width: float
    caught: int
    corrected: int
    caught_share: str
    caught_width: float
    corrected_among_held: str


@dataclass(frozen=True)
class CalibrationChart:
    field: str
    reviewed: int
    scored: int
    corrected: int
    columns: list[BandColumn]
    thresholds: list[ThresholdRow]
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    axis_left: int = AXIS_LEFT
    baseline: int = CHART_HEIGHT - AXIS_BOTTOM
    top: int = TOP
    axis_right: int = CHART_WIDTH - AXIS_RIGHT
    axis_middle: float = (AXIS_LEFT + CHART_WIDTH - AXIS_RIGHT) / 2
    min_reliable: int = MIN_RELIABLE

    @property
    def too_few(self) -> bool:
        return self.scored < MIN_RELIABLE

    @property
    def unscored(self) -> int:
        """Reviewed values left out: their run gave them no confidence."""
        return self.reviewed - self.scored


def calibration_chart(figures: FieldCalibration) -> CalibrationChart:
    return CalibrationChart(
        field=figures.field,
        reviewed=figures.reviewed,
        scored=figures.scored,
        corrected=figures.corrected,
        columns=[band_column(band) for band in figures.bands],
        thresholds=[threshold_row(hold) for hold in figures.holds],
    )


def band_column(band: Band) -> BandColumn:
    """A column at the band's place on the confidence axis, as tall as the share left
    unchanged: a calibrated field's columns reach the diagonal."""
    room = (CHART_WIDTH - AXIS_LEFT - AXIS_RIGHT) / BANDS
    tallest = CHART_HEIGHT - AXIS_BOTTOM - TOP
    height = round(tallest * band.right, 1)
    x = AXIS_LEFT + round(band.low * BANDS) * room
    return BandColumn(
        label=f"{band.low:.1f} to {band.high:.1f}",
        values=band.values,
        mean_confidence=f"{band.mean_confidence:.2f}",
        unchanged=f"{band.right:.0%}",
        x=round(x + room * 0.1, 1),
        y=round(CHART_HEIGHT - AXIS_BOTTOM - height, 1),
        width=round(room * 0.8, 1),
        height=height,
        middle=round(x + room / 2, 1),
        count_y=round(CHART_HEIGHT - AXIS_BOTTOM - height - 3, 1),
    )


def threshold_row(hold: Hold) -> ThresholdRow:
    return ThresholdRow(
        threshold=f"{hold.threshold:g}",
        held=hold.held,
        values=hold.values,
        held_share=percent(hold.held, hold.values),
        held_width=round(hold.held / hold.values * 100, 2) if hold.values else 0.0,
        caught=hold.wrong_held,
        corrected=hold.wrong,
        caught_share=percent(hold.wrong_held, hold.wrong),
        caught_width=round(hold.wrong_held / hold.wrong * 100, 2) if hold.wrong else 0.0,
        corrected_among_held=percent(hold.wrong_held, hold.held),
    )


def calibration_charts(*, agent: Agent, period: Period) -> list[CalibrationChart]:
    return [
        calibration_chart(figures) for figures in calibration_figures(agent=agent, period=period)
    ]
