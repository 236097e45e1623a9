"""/metrics: the figures a team scrapes, computed from the rows in the database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_q.brokers import get_broker
from django_q.signing import SignedPackage
from prometheus_client.parser import text_string_to_metric_families

from actions.followup_dispatch import followups_dispatch
from actions.models import DeliveryStatus, FollowUpStatus, Review
from calls.models import CallStatus, RunFailure, RunStatus
from tests.factories import CallFactory, DeliveryFactory, FollowUpFactory, RunFactory

pytestmark = pytest.mark.django_db


def scrape(client, **headers: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a scrape, by name and sorted labels."""
    response = client.get("/metrics", **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    samples = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def test_calls_and_runs_are_counted_by_status(client) -> None:
    for status in (CallStatus.ANALYZED, CallStatus.ANALYZED, CallStatus.FAILED):
        RunFactory(call=CallFactory(status=status), status=RunStatus.SUCCEEDED)
    RunFactory(status=RunStatus.QUEUED)

    samples = scrape(client)

    assert samples[("postcall_calls", (("status", "analyzed"),))] == 2
    assert samples[("postcall_calls", (("status", "failed"),))] == 1
    assert samples[("postcall_calls", (("status", "received"),))] == 1
    assert samples[("postcall_calls", (("status", "no_transcript"),))] == 0
    assert samples[("postcall_extraction_runs", (("status", "succeeded"),))] == 3
    assert samples[("postcall_extraction_runs", (("status", "queued"),))] == 1


def test_failed_runs_are_counted_by_kind_of_failure(client) -> None:
    failures = [
        (
            RunFailure.RETRIES_EXHAUSTED,
            "gave up after 3 attempts: the model did not answer in time (60 s per attempt)",
        ),
        (
            RunFailure.RETRIES_EXHAUSTED,
            "gave up after 3 attempts: the model answered 503: overloaded",
        ),
        (RunFailure.WORKER_LOST, "the worker stopped during each of 3 attempts"),
        (RunFailure.MODEL_REFUSED_REQUEST, "the model answered 401: invalid api key"),
        (
            RunFailure.BAD_ANSWER,
            "the model's answer is not JSON (Expecting value at position 0)",
        ),
        (RunFailure.INTERNAL_ERROR, "internal error: KeyError('x')"),
        (RunFailure.CONFIGURATION, "bad field configuration: enum field 'tier' has no choices"),
        ("", "something nobody foresaw"),
    ]
    for kind, reason in failures:
        RunFactory(status=RunStatus.FAILED, failure_kind=kind, failure_reason=reason)

    samples = scrape(client)

    failed = {
        dict(labels)["reason"]: value
        for (name, labels), value in samples.items()
        if name == "postcall_extraction_runs_failed"
    }
    assert failed == {
        "retries_exhausted": 2,
        "worker_lost": 1,
        "model_refused_request": 1,
        "bad_answer": 1,
        "internal_error": 1,
        "configuration": 1,
        "other": 1,
    }


def test_hand_offs_not_done_yet_are_counted_by_step(client) -> None:
    waiting = timezone.now()
    RunFactory.create_batch(2, status=RunStatus.SUCCEEDED, actions_due_at=waiting)
    RunFactory(status=RunStatus.SUCCEEDED, actions_decided_at=waiting)
    CallFactory(arrival_due_at=waiting)

    samples = scrape(client)

    assert samples[("postcall_hand_offs_waiting", (("step", "decide_actions"),))] == 2
    assert samples[("postcall_hand_offs_waiting", (("step", "call_arrival"),))] == 1
    assert samples[("postcall_hand_offs_waiting", (("step", "review_release"),))] == 0


def test_calls_waiting_for_review_are_counted_and_the_stale_ones_apart(client, settings) -> None:
    settings.REVIEW_STALE_AFTER_HOURS = 1
    for age in (timedelta(hours=2), timedelta(minutes=5)):
        run = RunFactory(status=RunStatus.SUCCEEDED)
        review = Review.objects.create(call=run.call, extraction_run=run, reasons=["x"])
        Review.objects.filter(pk=review.pk).update(created_at=timezone.now() - age)

    samples = scrape(client)

    assert samples[("postcall_reviews_waiting", ())] == 2
    assert samples[("postcall_reviews_stale", ())] == 1


def test_every_failure_class_is_reported_even_at_zero(client) -> None:
    samples = scrape(client)

    assert samples[("postcall_extraction_runs_failed", (("reason", "worker_lost"),))] == 0
    assert samples[("postcall_extraction_runs_failed", (("reason", "other"),))] == 0


def test_webhook_deliveries_and_follow_ups_are_counted_by_status(client) -> None:
    DeliveryFactory.create_batch(2, status=DeliveryStatus.SUCCEEDED)
    DeliveryFactory(status=DeliveryStatus.FAILED)
    FollowUpFactory(status=FollowUpStatus.PENDING)
    FollowUpFactory.create_batch(3, status=FollowUpStatus.DONE)

    samples = scrape(client)

    assert samples[("postcall_webhook_deliveries", (("status", "succeeded"),))] == 2
    assert samples[("postcall_webhook_deliveries", (("status", "failed"),))] == 1
    assert samples[("postcall_webhook_deliveries", (("status", "pending"),))] == 0
    assert samples[("postcall_follow_ups", (("status", "pending"),))] == 1
    assert samples[("postcall_follow_ups", (("status", "done"),))] == 3


def test_follow_up_lateness_is_a_histogram_of_recently_fired_follow_ups(client) -> None:
    now = timezone.now()
    for late_seconds in (0.2, 3, 3, 45, 4000):
        due = now - timedelta(minutes=5)
        FollowUpFactory(
            status=FollowUpStatus.DIALING,
            due_at=due,
            fired_at=due + timedelta(seconds=late_seconds),
        )
    # Fired before the window (60 minutes): not in the figure.
    FollowUpFactory(
        status=FollowUpStatus.DONE,
        due_at=now - timedelta(hours=3),
        fired_at=now - timedelta(hours=2),
    )
    # Never fired: not in the figure either.
    FollowUpFactory(status=FollowUpStatus.PENDING, due_at=now)

    samples = scrape(client)

    def bucket(le: str) -> float:
        return samples[("postcall_follow_up_lateness_seconds_bucket", (("le", le),))]

    assert bucket("0.5") == 1
    assert bucket("2.0") == 1
    assert bucket("5.0") == 3
    assert bucket("60.0") == 4
    assert bucket("3600.0") == 4
    assert bucket("+Inf") == 5
    assert samples[("postcall_follow_up_lateness_seconds_gcount", ())] == 5
    assert samples[("postcall_follow_up_lateness_seconds_gsum", ())] == pytest.approx(4051.2)


def test_queued_tasks_in_the_broker_are_counted(client) -> None:
    broker = get_broker()
    broker.purge_queue()
    for n in range(3):
        broker.enqueue(SignedPackage.dumps({"id": str(n), "func": "math.floor", "args": (1.5,)}))
    try:
        samples = scrape(client)
    finally:
        broker.purge_queue()

    assert samples[("postcall_broker_up", ())] == 1
    assert samples[("postcall_task_queue_size", ())] == 3


def test_a_broker_that_does_not_answer_is_reported_not_raised(
    client, settings, closed_port: int
) -> None:
    settings.REDIS_URL = f"redis://127.0.0.1:{closed_port}/0"

    samples = scrape(client)

    assert samples[("postcall_broker_up", ())] == 0
    assert ("postcall_task_queue_size", ()) not in samples
    assert samples[("postcall_calls", (("status", "analyzed"),))] == 0


class TestToken:
    @pytest.fixture(autouse=True)
    def token(self, settings) -> str:
        settings.METRICS_TOKEN = "s3cret-scrape-token"
        return settings.METRICS_TOKEN

    def test_a_scrape_without_the_token_is_refused(self, client) -> None:
        response = client.get("/metrics")

        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert b"postcall_calls" not in response.content

    def test_a_wrong_token_is_refused(self, client) -> None:
        response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer not-the-token")

        assert response.status_code == 401

    def test_the_bearer_token_opens_the_scrape(self, client, token: str) -> None:
        samples = scrape(client, HTTP_AUTHORIZATION=f"Bearer {token}")

        assert ("postcall_calls", (("status", "analyzed"),)) in samples


def test_a_follow_up_fired_by_the_scheduler_shows_its_lateness(client) -> None:
    FollowUpFactory(status=FollowUpStatus.PENDING, due_at=timezone.now() - timedelta(seconds=3))

    assert followups_dispatch() == 1

    samples = scrape(client)
    assert samples[("postcall_follow_ups", (("status", "dialing"),))] == 1
    assert samples[("postcall_follow_up_lateness_seconds_bucket", (("le", "2.0"),))] == 0
    assert samples[("postcall_follow_up_lateness_seconds_bucket", (("le", "5.0"),))] == 1
