"""Reviewed values: what a person said each field of a call is, checked and stored, and
read back as the truth about the call (accuracy figures, labelled sets)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction

from calls.models import Call, ExtractionRun, FieldReview
from extraction.normalizers import NormalizationError, item_problem, normalize_value
from extraction.types import FieldSpec, specs_from_snapshot

TIME_OF_DAY = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


class ReviewInvalid(Exception):
    """Reviewed values that cannot be stored; `errors` maps each field to its problem."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors.items()))
        self.errors = dict(errors)


@dataclass(frozen=True)
class ReviewedValues:
    """A run's values after review: every field, the time of day of its date fields, and
    the fields whose value or time the reviewer changed."""

    values: dict[str, Any]
    times: dict[str, str]
    corrected: list[str]


def reviewed_values_check(
    *,
    run: ExtractionRun,
    values: Mapping[str, Any] | None = None,
    times: Mapping[str, str | None] | None = None,
) -> ReviewedValues:
    """The run's values with the reviewer's corrections, normalised as extraction would
    normalise them; a field not given keeps its extracted value. Raise ReviewInvalid
    naming each field that is unknown, does not fit, or is required and left empty."""
    specs = specs_from_snapshot(run.config_snapshot)
    values, times = dict(values or {}), dict(times or {})
    errors = {name: "no such field" for name in [*values, *times] if name not in specs}
    reference = run.call.started_at.astimezone(run.call.zone)
    merged = dict(run.values)
    for name, raw in values.items():
        if name in specs:
            try:
                merged[name] = reviewed_value(specs[name], raw, run.values.get(name), reference)
            except NormalizationError as error:
                errors[name] = str(error)
    merged_times = {name: time for name, time in run.times.items() if name in specs}
    for name, time in times.items():
        if name not in specs:
            continue
        problem = _time_problem(specs[name], time)
        if problem:
            errors[name] = problem
        elif time:
            merged_times[name] = time
        else:
            merged_times.pop(name, None)
    for name, spec in specs.items():
        if spec.required and merged.get(name) is None:
            errors.setdefault(name, "required: give its value")
        if merged.get(name) is None:
            merged_times.pop(name, None)
    if errors:
        raise ReviewInvalid(errors)
    corrected = [
        name
        for name in specs
        if merged.get(name) != run.values.get(name) or merged_times.get(name) != run.times.get(name)
    ]
    return ReviewedValues(values=merged, times=merged_times, corrected=corrected)


def reviewed_value(spec: FieldSpec, raw: Any, extracted: Any, reference: datetime) -> Any:
    if spec.is_list:
        return reviewed_items(spec, raw, extracted, reference)
    return normalize_value(spec, raw, reference=reference)


def reviewed_items(spec: FieldSpec, raw: Any, extracted: Any, reference: datetime) -> list | None:
    """A list's items, each normalised as extraction normalises it, without repeats; None
    for no items. The same items in another order are the extracted list, in the order said.
    Raise NormalizationError naming every bad item."""
    if raw is None:
        return None
    if not isinstance(raw, list):
        raise NormalizationError(f'{raw!r} is not a list of items, e.g. ["first", "second"]')
    items, problems = [], []
    for position, item in enumerate(raw):
        try:
            normalised = normalize_value(spec.item(), item, reference=reference)
        except NormalizationError as error:
            problems.append(item_problem(position, item, str(error)))
            continue
        if normalised is None:
            problems.append(f"item {position + 1} {json.dumps(item, ensure_ascii=False)} is empty")
        elif normalised not in items:
            items.append(normalised)
    if spec.max_items is not None and len(items) > spec.max_items:
        problems.append(f"at most {spec.max_items} items; {len(items)} given")
    if problems:
        raise NormalizationError("; ".join(problems))
    if isinstance(extracted, list) and sorted(map(str, items)) == sorted(map(str, extracted)):
        return extracted
    return items or None


def _time_problem(spec: FieldSpec, time: object) -> str | None:
    if spec.format != "date" or spec.is_list:
        return "only a date field has a separate time of day"
    if time is None or time == "":
        return None
    if not isinstance(time, str) or not TIME_OF_DAY.fullmatch(time):
        return f"time {time!r} is not HH:MM"
    return None


@transaction.atomic
def field_reviews_record(
    *, run: ExtractionRun, reviewed: ReviewedValues, by: str, at: datetime
) -> list[FieldReview]:
    """Store the review of every field of the run: the extracted and the reviewed value,
    and whether the extractor had it right. A later review of the call replaces it."""
    rows = []
    for spec in run.config_snapshot:
        name = spec["name"]
        row, _ = FieldReview.objects.update_or_create(
            call_id=run.call_id,
            field=name,
            defaults={
                "extraction_run": run,
                "extracted": run.values.get(name),
                "reviewed": reviewed.values.get(name),
                "extracted_time": run.times.get(name) or "",
                "reviewed_time": reviewed.times.get(name) or "",
                "correct": name not in reviewed.corrected,
                "reviewed_by": by,
                "reviewed_at": at,
            },
        )
        rows.append(row)
    return rows


def reviewed_values(call_ids: Iterable[int]) -> dict[int, dict[str, object]]:
    """Call id → field → the value a person confirmed or corrected; calls nobody
    reviewed are left out."""
    found: dict[int, dict[str, object]] = {}
    rows = FieldReview.objects.filter(call_id__in=list(call_ids)).values_list(
        "call_id", "field", "reviewed"
    )
    for call_id, name, value in rows:
        found.setdefault(call_id, {})[name] = value
    return found


def reviewed_calls(*, agent_id: int) -> list[tuple[Call, list[FieldReview]]]:
    """The agent's reviewed calls, oldest first, each with the reviews of its fields."""
    reviews = (
        FieldReview.objects.filter(call__agent_id=agent_id)
        .select_related("call")
        .order_by("call__started_at", "call_id", "field")
    )
    calls: dict[int, tuple[Call, list[FieldReview]]] = {}
    for review in reviews:
        calls.setdefault(review.call_id, (review.call, []))[1].append(review)
    return list(calls.values())


def reviewed_lines(*, agent_id: int, date_field: str | None) -> list[dict[str, Any]]:
    """The agent's reviewed calls in `evaluate_extraction`'s input format, one dict a
    call: the reviewed values as `expected`, and the reviewed time of `date_field` (the
    first date field, which `expected_time` labels) when that field was reviewed."""
    lines = []
    for call, reviews in reviewed_calls(agent_id=agent_id):
        line: dict[str, Any] = {
            "id": call.external_id,
            "started_at": call.started_at.astimezone(call.zone).isoformat(),
            "timezone": call.timezone,
            "transcript": call.transcript,
            "expected": {review.field: review.reviewed for review in reviews},
        }
        timed = next((review for review in reviews if review.field == date_field), None)
        if timed is not None:
            line["expected_time"] = timed.reviewed_time or None
        lines.append(line)
    return lines
