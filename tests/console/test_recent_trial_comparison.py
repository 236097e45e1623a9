"""The comparison a trial on recent calls shows: per field, the values that would change
and, where calls were reviewed, the share right before and after."""

from __future__ import annotations

import pytest

from agents.models import Agent, TrialRun
from console.recent_trial import recent_trial_chunk, recent_trial_summary, trial_comparison
from tests.factories import AnalysedCallFactory, FieldReviewFactory


def result(before: dict | None, after: dict | None, failure: str = "") -> dict:
    return {
        "external_id": "c",
        "started": "Tue 2026-03-10 14:05 +03",
        "before": before,
        "after": after,
        "failure": failure,
    }


RESULTS = {
    "1": result({"level": "low"}, {"level": "high"}),
    "2": result({"level": "high"}, {"level": "high"}),
    "3": result({"level": "low"}, {"level": "medium"}),
    "4": result(None, {"level": "high"}),
    "5": result({"level": "low"}, None, failure="the model refused"),
}


def test_changes_are_counted_over_the_calls_compared() -> None:
    [level] = trial_comparison(field_names=["level"], results=RESULTS, reviewed={})

    assert (level.changed, level.compared) == (2, 3)
    assert [(c.call_id, c.before, c.after) for c in level.changes] == [
        (1, "low", "high"),
        (3, "low", "medium"),
    ]
    assert level.before is None and level.after is None


def test_reviewed_calls_give_the_share_right_before_and_after() -> None:
    reviewed = {1: {"level": "high"}, 2: {"level": "high"}, 3: {"level": "low"}, 4: {"level": "x"}}

    [level] = trial_comparison(field_names=["level"], results=RESULTS, reviewed=reviewed)

    # Call 4 had no analysis to compare with: it counts for neither share.
    assert (level.before.right, level.before.reviewed, level.before.percent) == (2, 3, 67)
    assert (level.after.right, level.after.reviewed, level.after.percent) == (2, 3, 67)


def test_a_field_without_reviewed_values_has_no_share() -> None:
    results = {"1": result({"a": 1, "b": 2}, {"a": 1, "b": 3})}

    a, b = trial_comparison(field_names=["a", "b"], results=results, reviewed={1: {"a": 1}})

    assert (a.before.percent, a.after.percent) == (100, 100)
    assert b.before is None and b.changed == 1


@pytest.mark.django_db
def test_a_chunk_run_twice_counts_its_calls_once(seed_agent: Agent) -> None:
    calls = [AnalysedCallFactory(agent=seed_agent, values={}) for _ in range(2)]
    trial = TrialRun.objects.create(
        agent=seed_agent,
        fields=[{"name": "customer_name", "type": "string", "description": "Customer full name",
                 "choices": [], "format": "", "required": False}],
        call_ids=[call.pk for call in calls],
        total=2,
    )  # fmt: skip

    recent_trial_chunk(trial_id=trial.pk, offset=0)
    recent_trial_chunk(trial_id=trial.pk, offset=0)

    trial.refresh_from_db()
    summary = recent_trial_summary(
        trial=trial, reviewed_values=lambda ids: {calls[0].pk: {"customer_name": "Maria Gonzalez"}}
    )
    assert summary.progress.done == 2 and summary.progress.finished
    [name] = summary.fields
    assert (name.changed, name.compared) == (2, 2)
    assert (name.before.percent, name.after.percent) == (0, 100)


@pytest.mark.django_db
def test_the_share_right_comes_from_the_calls_people_reviewed(seed_agent: Agent) -> None:
    calls = [AnalysedCallFactory(agent=seed_agent, values={}) for _ in range(2)]
    FieldReviewFactory(call=calls[1], extracted=None, correct=False)
    trial = TrialRun.objects.create(
        agent=seed_agent,
        fields=[{"name": "customer_name", "type": "string", "description": "Customer full name",
                 "choices": [], "format": "", "required": False}],
        call_ids=[call.pk for call in calls],
        total=2,
    )  # fmt: skip
    recent_trial_chunk(trial_id=trial.pk, offset=0)
    trial.refresh_from_db()

    [name] = recent_trial_summary(trial=trial).fields

    assert name.before is not None and name.after is not None
    assert (name.before.percent, name.after.percent) == (0, 100)
