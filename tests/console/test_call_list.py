"""The call list: filtering by extracted values and re-running many calls at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agents.models import Agent
from agents.roles import SUPPORT, staff_user_create
from calls.models import Call, ExtractionRun, RerunBatch, RunStatus
from calls.reruns import rerun_batch_progress
from tests.factories import AnalysedCallFactory, CallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(seed_agent: Agent) -> list[Call]:
    return [
        AnalysedCallFactory(
            agent=seed_agent,
            external_id="hot",
            values={"interest_level": "high", "follow_up_required": True},
        ),
        AnalysedCallFactory(
            agent=seed_agent,
            external_id="warm",
            values={"interest_level": "medium", "follow_up_required": True},
        ),
        AnalysedCallFactory(
            agent=seed_agent,
            external_id="cold",
            values={"interest_level": None, "follow_up_required": False},
        ),
    ]


def listed(client: Client, query: str) -> set[str]:
    response = client.get(reverse("admin:calls_call_changelist") + query)
    assert response.status_code == 200
    return {call.external_id for call in response.context["cl"].result_list}


def test_calls_filter_by_enum_boolean_and_not_found(admin_client, seed_agent, calls) -> None:
    agent = f"?agent__id__exact={seed_agent.pk}"

    assert listed(admin_client, f"{agent}&value__interest_level=high") == {"hot"}
    assert listed(admin_client, f"{agent}&value__follow_up_required=true") == {"hot", "warm"}
    assert listed(admin_client, f"{agent}&value__interest_level=__null__") == {"cold"}
    both = f"{agent}&value__interest_level=medium&value__follow_up_required=true"
    assert listed(admin_client, both) == {"warm"}


def test_a_chosen_agent_offers_its_enum_and_boolean_fields_as_filters(
    admin_client, seed_agent, calls
) -> None:
    page = admin_client.get(
        reverse("admin:calls_call_changelist") + f"?agent__id__exact={seed_agent.pk}"
    ).content.decode()

    assert "By interest level" in page and "By follow up required" in page
    assert "value__interest_level=high" in page and "value__interest_level=__null__" in page
    assert "By customer name" not in page  # text fields are filtered by link, not listed


def test_a_value_filter_from_a_link_is_shown_and_can_be_cleared(admin_client, calls) -> None:
    page = admin_client.get(
        reverse("admin:calls_call_changelist") + "?value__customer_name=__null__"
    ).content.decode()

    assert "customer_name = not found ✕" in page
    assert "By extracted values" in page


def test_a_malformed_value_filter_is_refused_not_applied(admin_client, calls) -> None:
    response = admin_client.get(reverse("admin:calls_call_changelist") + "?value__interest-level=h")

    assert response.status_code == 302
    assert response.url.endswith("?e=1")


def test_bulk_rerun_shows_progress_until_every_call_is_done(
    admin_client, seed_agent, django_capture_on_commit_callbacks
) -> None:
    with_transcript = [CallFactory(agent=seed_agent) for _ in range(3)]
    without = CallFactory(agent=seed_agent, transcript=[])
    selected = [call.pk for call in [*with_transcript, without]]

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:calls_call_changelist"),
            {"action": "rerun_selected", "_selected_action": selected},
        )

    batch = RerunBatch.objects.get()
    assert response.url == reverse("admin:calls_call_rerun_batch", args=[batch.pk])
    progress = admin_client.get(response.url + "?format=json").json()
    assert progress == {
        "total": 4,
        "queued": 3,
        "skipped": 1,
        "succeeded": 3,
        "failed": 0,
        "done": True,
        "percent": 100,
    }
    assert all(call.runs.get().batch == batch for call in with_transcript)
    assert not batch.runs.filter(fire_actions=True).exists()
    page = admin_client.get(response.url).content.decode()
    assert "100% — done" in page and "Only the values are updated" in page


def test_progress_counts_runs_still_waiting(seed_agent) -> None:
    calls = [CallFactory(agent=seed_agent) for _ in range(4)]
    batch = RerunBatch.objects.create(
        created_by="ops", call_ids=[call.pk for call in calls], total=4, queued=4
    )
    statuses = [RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.QUEUED, RunStatus.RUNNING]
    for call, status in zip(calls, statuses, strict=True):
        ExtractionRun.objects.create(call=call, status=status, backend="offline", batch=batch)

    progress = rerun_batch_progress(batch=batch)

    assert (progress.finished, progress.percent, progress.done) == (2, 50, False)


def test_support_cannot_bulk_rerun(client: Client, calls) -> None:
    client.force_login(staff_user_create(username="s", password="pw", role=SUPPORT))
    page = client.get(reverse("admin:calls_call_changelist")).content.decode()

    assert 'value="rerun_selected"' not in page
    response = client.post(
        reverse("admin:calls_call_changelist"),
        {"action": "rerun_selected", "_selected_action": [calls[0].pk]},
    )
    assert not RerunBatch.objects.exists()
    assert response.status_code in (200, 302)


def test_a_filtered_call_list_makes_as_many_queries_for_30_calls_as_for_3(
    admin_client, seed_agent
) -> None:
    start = datetime(2026, 3, 1, tzinfo=UTC)
    url = (
        reverse("admin:calls_call_changelist")
        + f"?agent__id__exact={seed_agent.pk}&value__interest_level=high"
    )

    def add_calls(first: int, count: int) -> None:
        for index in range(first, first + count):
            AnalysedCallFactory(
                agent=seed_agent,
                external_id=f"c{index}",
                started_at=start + timedelta(hours=index),
                values={"interest_level": "high"},
            )

    def queries_for_list(rows: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(url)
        assert response.context["cl"].result_count == rows
        return len(queries)

    add_calls(0, 3)
    few = queries_for_list(3)
    add_calls(3, 27)

    assert queries_for_list(30) == few
    assert few <= 14
