"""`evaluate_extraction --reviewed --agent SLUG` measures the agent's config on the calls
people reviewed, and exports them as a labelled file in the command's own format."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from actions.models import Review
from actions.reviews import review_release
from agents.models import Agent
from calls.services import call_create
from tests.conftest import SEED_TRANSCRIPT

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("evaluate_extraction", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def reviewed_call(seed_agent: Agent, django_capture_on_commit_callbacks) -> None:
    seed_agent.actions.update(review="always")
    with django_capture_on_commit_callbacks(execute=True):
        call_create(
            agent=seed_agent,
            external_id="c01",
            started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
            from_number="+905551112233",
            transcript=SEED_TRANSCRIPT,
        )
    review = Review.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        review_release(
            review=review,
            by="sam",
            values={"customer_name": "María González"},
            times={"follow_up_date": "15:00"},
        )


def summary(output: str) -> dict:
    return json.loads(output.splitlines()[-1])["summary"]


def test_the_reviewed_values_are_the_labels(seed_agent: Agent, reviewed_call: None) -> None:
    result = summary(run("--reviewed", "--agent", seed_agent.slug, "--json"))

    assert result["calls"] == 1
    assert result["fields"]["customer_name"] == {"correct": 0, "labelled": 1, "accuracy": 0.0}
    assert result["fields"]["interest_level"]["correct"] == 1
    # The date counts as right only with the reviewed time, which the call never said.
    assert result["fields"]["follow_up_date"]["correct"] == 0
    assert result["stated_times"]["labelled"] == 1


def test_the_export_is_a_labelled_file_the_command_reads_with_the_same_result(
    seed_agent: Agent, reviewed_call: None, tmp_path: Path
) -> None:
    exported = tmp_path / "reviewed.jsonl"

    message = run("--reviewed", "--agent", seed_agent.slug, "--export", str(exported))

    assert message.strip() == f"Wrote 1 reviewed call(s) to {exported}."
    (line,) = [json.loads(text) for text in exported.read_text().splitlines()]
    assert line["id"] == "c01"
    assert line["started_at"] == "2026-03-10T14:05:00+03:00"
    assert line["timezone"] == "Europe/Istanbul"
    assert line["expected"]["customer_name"] == "María González"
    assert line["expected_time"] == "15:00"
    from_file = summary(run(str(exported), "--agent", seed_agent.slug, "--json"))
    from_reviews = summary(run("--reviewed", "--agent", seed_agent.slug, "--json"))
    assert from_file == from_reviews


def test_an_agent_with_no_reviewed_call_is_told_so(seed_agent: Agent) -> None:
    with pytest.raises(CommandError, match="No call of 'solaris' has been reviewed yet"):
        run("--reviewed", "--agent", seed_agent.slug)


def test_reviewed_needs_an_agent_and_no_file(seed_agent: Agent, tmp_path: Path) -> None:
    fields = str(Path(__file__).resolve().parent.parent / "data" / "seed_fields.json")
    with pytest.raises(CommandError, match="--reviewed reads the calls of --agent SLUG"):
        run("--reviewed", "--fields", fields)
    with pytest.raises(CommandError, match="Give a JSON Lines file, or --reviewed"):
        run("--agent", seed_agent.slug)
