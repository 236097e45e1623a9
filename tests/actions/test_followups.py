"""Follow-up calls: booked from the seed's action, moved, deduplicated, fired once."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, time, timedelta
from urllib.parse import parse_qs

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from actions.followup_dialling import followup_dial
from actions.followup_dispatch import followups_claim_due, followups_dispatch
from actions.models import ActionRun, FollowUp, FollowUpStatus, Outcome
from actions.outbound_queue import followup_report_result
from agents.models import Agent
from calls.models import Call, CallDirection
from calls.services import call_create
from tests.factories import AgentFactory
from tests.fakes.http import Reply, serving

pytestmark = pytest.mark.django_db

STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)  # Tue 14:05 in Istanbul
WITH_DATE = (
    "Agent: Shall we call you back?\nUser: Yes please, call me next Tuesday.\n"
    "Agent: Best number?\nUser: My cell is oh five three two, one two three, four five six seven."
)
WITHOUT_DATE = "Agent: Shall we call you back?\nUser: Yes, please call me back."
NO_FOLLOW_UP = "Agent: Shall we call you back?\nUser: No thanks, I'm not interested."


@pytest.fixture(autouse=True)
def call_day():
    with time_machine.travel(STARTED + timedelta(minutes=5), tick=False):
        yield


@pytest.fixture
def analyse(django_capture_on_commit_callbacks, seed_agent: Agent):
    def run(transcript: str, *, external_id: str = "c1", caller: str = "+905551112233") -> Call:
        with django_capture_on_commit_callbacks(execute=True):
            call, _ = call_create(
                agent=seed_agent,
                external_id=external_id,
                started_at=STARTED,
                ended_at=STARTED + timedelta(minutes=4),
                from_number=caller,
                to_number="+908501234567",
                transcript=transcript,
            )
        return call

    return run


def test_the_seed_action_books_the_extracted_date_at_the_follow_up_time(analyse) -> None:
    call = analyse(WITH_DATE)

    followup = FollowUp.objects.get()
    assert followup.source_call == call
    assert followup.to_number == "+905321234567"  # the callback number, not the caller
    assert followup.from_number == "+908501234567"
    assert followup.due_at == datetime(2026, 3, 17, 7, 0, tzinfo=UTC)  # 10:00 in Istanbul
    assert followup.status == FollowUpStatus.PENDING
    assert [entry["reason"] for entry in followup.history] == [
        "booked by 'Auto follow-up' for call c1: calling the number from callback_number",
        "follow_up_date is 2026-03-17: no time of day was said, so 10:00 in Europe/Istanbul "
        "(the agent's follow-up time)",
    ]
    decision = ActionRun.objects.get(call=call)
    assert decision.outcome == Outcome.FIRED
    assert decision.reason.endswith(
        f"follow-up {followup.pk} to +905321234567 due Tue 2026-03-17 10:00 +03"
    )


def test_without_a_date_it_is_due_a_day_after_the_call_ended(analyse) -> None:
    analyse(WITHOUT_DATE)

    followup = FollowUp.objects.get()
    assert followup.to_number == "+905551112233"  # the caller's number
    assert followup.due_at == STARTED + timedelta(minutes=4) + timedelta(days=1)
    assert followup.history[-1]["reason"] == (
        "follow_up_date is not set: 1440 minutes after the call ended"
    )


def test_no_follow_up_wanted_books_nothing(analyse) -> None:
    call = analyse(NO_FOLLOW_UP)

    assert not FollowUp.objects.exists()
    assert ActionRun.objects.get(call=call).reason == (
        "follow_up_required is false, condition wants == true"
    )


def test_calling_hours_move_the_due_time_and_say_so(analyse, seed_agent: Agent) -> None:
    seed_agent.calling_days = [0, 1, 2, 3, 4]
    seed_agent.calling_hours_start, seed_agent.calling_hours_end = time(11), time(17)
    seed_agent.calling_hours_zone = "agent"
    seed_agent.save()

    analyse(WITH_DATE)

    followup = FollowUp.objects.get()
    assert followup.due_at == datetime(2026, 3, 17, 8, 0, tzinfo=UTC)  # 11:00 in Istanbul
    assert followup.history[-1]["reason"] == (
        "moved from Tue 2026-03-17 10:00 +03 to Tue 2026-03-17 11:00 +03: outside calling hours"
    )


def test_a_newer_booking_for_the_same_number_moves_the_pending_one(analyse) -> None:
    analyse(WITH_DATE, external_id="c1")
    analyse(WITHOUT_DATE.replace("call me back", "call me back at 0532 123 4567"), external_id="c2")

    followup = FollowUp.objects.get()
    assert followup.source_call.external_id == "c2"
    assert followup.due_at == STARTED + timedelta(minutes=4) + timedelta(days=1)
    assert any(entry["reason"].startswith("rebooked (was due") for entry in followup.history)


def test_the_number_calling_again_cancels_its_pending_follow_up(analyse) -> None:
    analyse(WITHOUT_DATE, external_id="c1", caller="+905551112233")

    analyse(
        "Agent: Hello?\nUser: Hi, I missed your call.", external_id="c2", caller="+905551112233"
    )

    followup = FollowUp.objects.get()
    assert followup.status == FollowUpStatus.CANCELED
    assert followup.history[-1]["reason"] == (
        "the number called the agent again (call c2) before it was due"
    )


def test_an_agent_can_keep_follow_ups_when_the_number_calls_again(
    analyse, seed_agent: Agent
) -> None:
    seed_agent.cancel_follow_up_on_inbound = False
    seed_agent.save()
    analyse(WITHOUT_DATE, external_id="c1")

    analyse("Agent: Hello?\nUser: Hi again.", external_id="c2")

    assert FollowUp.objects.get().status == FollowUpStatus.PENDING


def due_rows(count: int, *, due_at: datetime | None = None) -> list[FollowUp]:
    agent = AgentFactory()
    due_at = due_at or timezone.now() - timedelta(seconds=1)
    return FollowUp.objects.bulk_create(
        FollowUp(agent=agent, to_number=f"+1415555{n:04d}", from_number="+14155550000",
                 due_at=due_at)
        for n in range(count)
    )  # fmt: skip


def test_only_due_rows_are_fired(django_capture_on_commit_callbacks) -> None:
    due_rows(3)
    due_rows(2, due_at=timezone.now() + timedelta(minutes=5))

    assert followups_dispatch() == 3
    assert FollowUp.objects.filter(status=FollowUpStatus.DIALING, attempts=1).count() == 3
    assert FollowUp.objects.filter(status=FollowUpStatus.PENDING).count() == 2


def test_a_row_later_than_the_cutoff_expires_instead_of_ringing(settings) -> None:
    settings.FOLLOW_UP_LATENESS_CUTOFF_MINUTES = 60
    due_rows(1, due_at=timezone.now() - timedelta(hours=3))

    assert followups_dispatch() == 0

    followup = FollowUp.objects.get()
    assert followup.status == FollowUpStatus.EXPIRED
    assert "more than 60 minutes late" in followup.history[-1]["reason"]


def test_a_row_claimed_by_a_worker_that_died_fires_once_after_the_lease() -> None:
    (row,) = due_rows(1)
    assert followups_claim_due() == [row.pk]  # claimed, then the worker died
    assert followups_dispatch() == 0  # the lease still holds

    with time_machine.travel(timezone.now() + timedelta(minutes=3), tick=False):
        assert followups_dispatch() == 1

    row.refresh_from_db()
    assert row.status == FollowUpStatus.DIALING
    assert row.attempts == 1


@pytest.mark.django_db(transaction=True)
def test_many_claimants_claim_every_due_row_exactly_once() -> None:
    rows = due_rows(2000)
    claimed: list[int] = []
    lock = threading.Lock()
    errors: list[BaseException] = []

    def claimant() -> None:
        try:
            while batch := followups_claim_due(limit=25):
                with lock:
                    claimed.extend(batch)
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=claimant) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert len(claimed) == len(rows)
    assert set(claimed) == {row.pk for row in rows}


def test_the_http_dialer_posts_once_with_an_idempotency_key(settings) -> None:
    with serving(Reply(201, {"id": "dial-77"})) as dialer:
        settings.FOLLOW_UP_DIALER = "http"
        settings.FOLLOW_UP_DIALER_URL = f"{dialer.url}/calls"
        settings.FOLLOW_UP_DIALER_HEADERS = {"Authorization": "Bearer d"}
        (row,) = due_rows(1)

        followups_dispatch()

    row.refresh_from_db()
    (request,) = dialer.received
    assert request.json()["to"] == row.to_number
    assert request.headers["idempotency-key"] == f"postcall-follow-up-{row.pk}-attempt-1"
    assert request.headers["authorization"] == "Bearer d"
    assert row.dialer_reference == "dial-77"
    assert row.status == FollowUpStatus.DIALING


def test_a_failed_dial_is_retried_on_the_schedule(settings) -> None:
    with serving(Reply(503, "busy")) as dialer:
        settings.FOLLOW_UP_DIALER = "http"
        settings.FOLLOW_UP_DIALER_URL = dialer.url
        settings.FOLLOW_UP_DIAL_RETRY_MINUTES = [5, 30]
        (row,) = due_rows(1)
        followups_dispatch()
        row.refresh_from_db()
        assert row.status == FollowUpStatus.PENDING
        assert row.due_at == timezone.now() + timedelta(minutes=5)
        assert row.history[-1]["reason"].startswith("dialer answered 503: busy; retrying at")

        for minutes in (6, 40):
            with time_machine.travel(timezone.now() + timedelta(minutes=minutes), tick=False):
                followups_dispatch()

    row.refresh_from_db()
    assert len(dialer.received) == 3
    assert row.status == FollowUpStatus.FAILED
    assert row.history[-1]["reason"].endswith("giving up after 3 attempt(s)")


def test_a_dial_the_dialer_refuses_fails_at_once(settings) -> None:
    with serving(Reply(400, "invalid number")) as dialer:
        settings.FOLLOW_UP_DIALER = "http"
        settings.FOLLOW_UP_DIALER_URL = dialer.url
        (row,) = due_rows(1)
        followups_dispatch()

    row.refresh_from_db()
    assert row.status == FollowUpStatus.FAILED
    assert "dialer answered 400: invalid number" in row.history[-1]["reason"]


def test_the_twilio_dialer_calls_the_calls_api(settings) -> None:
    with serving(Reply(201, {"sid": "CA123"})) as twilio:
        settings.FOLLOW_UP_DIALER = "twilio"
        settings.TWILIO_API_BASE_URL = twilio.url
        settings.TWILIO_ACCOUNT_SID = "AC1"
        settings.TWILIO_AUTH_TOKEN = "tok"
        settings.TWILIO_CALL_WEBHOOK_URL = "https://voice.example.com/twiml"
        (row,) = due_rows(1)
        followups_dispatch()

    (request,) = twilio.received
    form = parse_qs(request.body.decode())
    assert request.path == "/2010-04-01/Accounts/AC1/Calls.json"
    assert request.headers["authorization"] == "Basic QUMxOnRvaw=="
    assert form == {
        "To": [row.to_number],
        "From": ["+14155550000"],
        "Url": ["https://voice.example.com/twiml"],
    }
    row.refresh_from_db()
    assert row.dialer_reference == "CA123"


def test_an_answered_follow_up_becomes_a_call_linked_to_the_original(
    analyse, django_capture_on_commit_callbacks
) -> None:
    original = analyse(WITH_DATE)
    followup = FollowUp.objects.get()
    with time_machine.travel(followup.due_at + timedelta(seconds=1), tick=False):
        followups_dispatch()
    followup.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        call, _ = call_create(
            agent=followup.agent,
            external_id="follow-up-1",
            started_at=followup.due_at,
            direction=CallDirection.OUTBOUND,
            to_number=followup.to_number,
            transcript="Agent: Hi Maria!\nUser: Hi, yes, I'm still interested, very much.",
            follows_up=followup.source_call,
        )
        followup_report_result(followup=followup, outcome="answered", call=call)

    followup.refresh_from_db()
    call.refresh_from_db()
    assert followup.status == FollowUpStatus.DONE
    assert followup.result_call == call
    assert call.follows_up == original
    assert call.latest_run.values["interest_level"] == "high"


def test_no_answer_books_a_retry(analyse) -> None:
    (row,) = due_rows(1)
    followups_dispatch()
    row.refresh_from_db()

    followup_report_result(followup=row, outcome="no_answer")

    row.refresh_from_db()
    assert row.status == FollowUpStatus.PENDING
    assert row.history[-1]["reason"].startswith("the dialer reported no_answer; retrying at")


def test_followup_dial_ignores_a_row_that_is_no_longer_claimed() -> None:
    (row,) = due_rows(1)
    followup_dial(follow_up_id=row.pk)

    row.refresh_from_db()
    assert row.status == FollowUpStatus.PENDING
    assert row.attempts == 0
