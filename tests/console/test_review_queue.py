"""The review queue in the admin: support and ops staff accept, correct or reject a held
call; everyone else is kept out; every review is in the call's history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from actions.models import ActionRun, FollowUp, Outcome, Review, ReviewStatus
from agents.models import Agent
from agents.roles import OPS, SUPPORT, staff_user_create
from agents.services import agent_import_json
from calls.models import Call
from tests.conftest import NOW
from tests.factories import (
    SEED_ACTION_JSON,
    SEED_FIELDS_JSON,
    AgentFactory,
    held_call,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

QUEUE = reverse("admin:actions_review_changelist")


def review_url(call: Call) -> str:
    return reverse("admin:actions_review_change", args=[Review.objects.get(call=call).pk])


def logged_in(role: str, name: str = "") -> Client:
    client = Client()
    client.force_login(staff_user_create(username=name or role.lower(), password="pw", role=role))
    return client


def form_values(**changes: str) -> dict[str, str]:
    typed = {
        "customer_name": "Maria Gonzalez",
        "interest_level": "high",
        "follow_up_required": "true",
        "follow_up_date": "2026-03-17",
        "follow_up_date-time": "",
        "callback_number": "05321234567",
    }
    return {**typed, **changes}


def test_the_queue_lists_waiting_calls_oldest_first_by_agent_and_reason(seed_agent: Agent) -> None:
    other = AgentFactory(name="Other line", slug="other")
    agent_import_json(agent=other, fields_json=SEED_FIELDS_JSON, actions_json=SEED_ACTION_JSON)
    held_call(seed_agent, external_id="first", ungrounded=["follow_up_date"])
    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        held_call(other, external_id="second", ungrounded=["callback_number"])
    support = logged_in(SUPPORT)

    page = support.get(QUEUE).content.decode()
    by_agent = support.get(QUEUE, {"call__agent__id__exact": other.pk}).content.decode()

    assert page.index(">first<") < page.index(">second<")
    assert "follow_up_date has no evidence in the transcript" in page
    assert "Tue 2026-03-10 14:10 Europe/Istanbul" in page
    assert ">second<" in by_agent and ">first<" not in by_agent
    ungrounded = support.get(QUEUE, {"reason": "ungrounded"}).content.decode()
    assert ">first<" in ungrounded and ">second<" in ungrounded
    missing = support.get(QUEUE, {"reason": "missing"}).content.decode()
    assert ">first<" not in missing and ">second<" not in missing


def test_the_review_page_shows_values_evidence_and_typed_inputs(seed_agent: Agent) -> None:
    call = held_call(seed_agent, external_id="c1", ungrounded=["follow_up_date"])

    page = logged_in(SUPPORT).get(review_url(call)).content.decode()

    assert "Waiting for review:</strong> follow_up_date has no evidence" in page
    assert "check: no evidence" in page
    assert "“said customer_name”" in page
    assert '<select name="interest_level"' in page
    assert '<option value="true" selected>yes</option>' in page
    assert 'type="date" name="follow_up_date" value="2026-03-17"' in page
    assert 'type="time" name="follow_up_date-time"' in page
    assert "in Europe/Istanbul" in page
    assert 'type="tel"' in page


def test_support_corrects_the_date_and_releases_the_follow_up(
    seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    call = held_call(seed_agent, external_id="c1", ungrounded=["follow_up_date"])
    support = logged_in(SUPPORT, "sam")

    with django_capture_on_commit_callbacks(execute=True):
        answer = support.post(
            review_url(call),
            {
                **form_values(follow_up_date="2026-03-19", **{"follow_up_date-time": "15:30"}),
                "outcome": "correct",
            },
            follow=True,
        )

    assert "Corrected follow_up_date: 2026-03-17 → 2026-03-19 15:30" in answer.content.decode()
    assert FollowUp.objects.get().due_at == datetime(2026, 3, 19, 12, 30, tzinfo=UTC)
    entry = LogEntry.objects.get(object_id=str(call.pk))
    assert entry.user.username == "sam"
    assert "Corrected follow_up_date" in entry.get_change_message()
    analysis = support.get(reverse("admin:calls_call_analysis", args=[call.pk])).content.decode()
    assert "Released by sam" in analysis
    assert "2026-03-17 → 2026-03-19 15:30" in analysis


def test_a_second_reviewer_is_told_someone_was_first(
    seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    call = held_call(seed_agent, external_id="c1", ungrounded=["follow_up_date"])
    url = review_url(call)
    with django_capture_on_commit_callbacks(execute=True):
        logged_in(SUPPORT, "sam").post(url, {**form_values(), "outcome": "accept"})

    answer = logged_in(OPS, "kim").post(url, {**form_values(), "outcome": "reject"}, follow=True)

    assert "already reviewed: released by sam" in answer.content.decode()
    assert FollowUp.objects.count() == 1
    assert Review.objects.get().decided_by == "sam"


def test_rejecting_records_the_held_action_as_skipped_by_the_reviewer(seed_agent: Agent) -> None:
    call = held_call(seed_agent, external_id="c1", ungrounded=["follow_up_date"])

    logged_in(OPS, "kim").post(review_url(call), {"outcome": "reject"})

    decision = ActionRun.objects.get(call=call)
    assert (decision.outcome, decision.reason) == (Outcome.SKIPPED, "rejected by kim")
    assert not FollowUp.objects.exists()
    assert "Rejected the review" in LogEntry.objects.get(object_id=str(call.pk)).change_message


def test_a_value_that_does_not_fit_is_refused_on_the_page_and_nothing_is_released(
    seed_agent: Agent,
) -> None:
    call = held_call(seed_agent, external_id="c1", ungrounded=["follow_up_date"])

    answer = logged_in(SUPPORT).post(
        review_url(call),
        {**form_values(callback_number="12"), "outcome": "correct"},
    )

    assert answer.status_code == 200
    assert "has 2 digits; a phone number has 7 to 15" in answer.content.decode()
    assert Review.objects.get().status == ReviewStatus.PENDING
    assert not FollowUp.objects.exists()


def test_staff_without_the_review_permission_cannot_see_or_decide(seed_agent: Agent) -> None:
    call = held_call(seed_agent, external_id="c1", ungrounded=["follow_up_date"])
    viewer = User.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_call"))
    client = Client()
    client.force_login(viewer)

    assert client.get(QUEUE).status_code == 403
    assert client.post(review_url(call), {"outcome": "accept"}).status_code == 403
    assert Review.objects.get().status == ReviewStatus.PENDING


def test_a_call_waiting_longer_than_the_limit_is_flagged_and_still_waits(
    seed_agent: Agent, settings
) -> None:
    settings.REVIEW_STALE_AFTER_HOURS = 2
    held_call(seed_agent, external_id="c1", ungrounded=["follow_up_date"])

    with time_machine.travel(NOW + timedelta(hours=3), tick=False):
        page = logged_in(SUPPORT).get(QUEUE).content.decode()

    assert '<span class="badge badge-invalid">stale</span>' in page
    assert Review.objects.get().status == ReviewStatus.PENDING
