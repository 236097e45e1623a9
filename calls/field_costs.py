"""What each field of an agent costs in tokens, on its latest analysed calls.

A run asks each extractor once for its fields; the tokens of that request (in and out)
are shared among its fields in proportion to the answer each field's schema allows
(`extraction.answer_size`): a list of ten items costs more than a yes or no. A run from
before the extractors were recorded counts as one request for all its fields. Each field
gets the median over the calls whose latest run extracted it.
"""

from __future__ import annotations

from collections.abc import Iterable
from statistics import median
from typing import Any

from calls.models import Call, ExtractionRun
from extraction.answer_size import field_answer_chars
from extraction.types import specs_from_snapshot

LAST_CALLS = 50


def field_token_medians(*, agent_id: int, calls: int = LAST_CALLS) -> dict[str, int]:
    """Field name → median tokens per call, over the agent's last `calls` analysed calls."""
    runs = ExtractionRun.objects.filter(
        pk__in=Call.objects.filter(agent_id=agent_id, latest_run__isnull=False)
        .order_by("-started_at", "-id")
        .values("latest_run")[:calls]
    ).only("config_snapshot", "extractor_groups", "tokens_in", "tokens_out")
    costs: dict[str, list[float]] = {}
    for run in runs:
        for name, tokens in run_field_tokens(run).items():
            costs.setdefault(name, []).append(tokens)
    return {name: round(median(values)) for name, values in costs.items()}


def run_field_tokens(run: ExtractionRun) -> dict[str, float]:
    """Each field's share of the run's tokens."""
    specs = specs_from_snapshot(run.config_snapshot)
    weights = {name: field_answer_chars(spec) for name, spec in specs.items()}
    shares: dict[str, float] = {}
    for fields, tokens in requests_of(run, list(specs)):
        total = sum(weights.get(name, 0) for name in fields)
        for name in fields:
            if total and name in weights:
                shares[name] = tokens * weights[name] / total
    return shares


def requests_of(run: ExtractionRun, names: list[str]) -> Iterable[tuple[list[str], int]]:
    """Each request's fields and tokens."""
    groups: list[dict[str, Any]] = run.extractor_groups or []
    if not groups:
        return [(names, run.tokens_in + run.tokens_out)]
    return [(group["fields"], group["tokens_in"] + group["tokens_out"]) for group in groups]
