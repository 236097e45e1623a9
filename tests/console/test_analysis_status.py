"""A call's pages know when its analysis is in progress and ask where it stands until it
is final: the status they poll, who may read it, and when they stop asking."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from agents.roles import SUPPORT, staff_user_create
from calls.models import Call, CallStatus, RunStatus
from tests.factories import CallFactory, RunFactory

pytestmark = pytest.mark.django_db


def status(client: Client, call: Call) -> dict:
    response = client.get(reverse("admin:calls_call_analysis_status", args=[call.pk]))
    assert response.status_code == 200
    return response.json()


def test_a_queued_re_run_is_in_progress_until_it_finishes(admin_client: Client, analysed_call):
    before = status(admin_client, analysed_call)
    assert before["in_progress"] is False
    run = RunFactory(call=analysed_call, status=RunStatus.QUEUED)

    queued = status(admin_client, analysed_call)
    assert queued["in_progress"] is True
    assert queued["runs_in_progress"] == [run.pk]
    assert queued["status_label"] == "Analyzed"

    run.status = RunStatus.SUCCEEDED
    run.save()
    Call.objects.filter(pk=analysed_call.pk).update(latest_run=run)
    finished = status(admin_client, analysed_call)
    assert finished["in_progress"] is False
    assert finished["version"] not in (before["version"], queued["version"])


def test_a_call_still_analysing_is_in_progress(admin_client: Client) -> None:
    call = CallFactory(status=CallStatus.ANALYZING)

    assert status(admin_client, call)["in_progress"] is True
    assert status(admin_client, call)["status_label"] == "Analyzing"


def test_support_may_read_the_status_and_a_visitor_may_not(client: Client, analysed_call):
    url = reverse("admin:calls_call_analysis_status", args=[analysed_call.pk])
    assert client.get(url).status_code == 302  # to the login page

    client.force_login(staff_user_create(username="sam", password="pw-sam-1", role=SUPPORT))
    assert client.get(url).status_code == 200


def test_a_staff_user_without_the_call_permission_is_refused(client: Client, analysed_call):
    client.force_login(
        get_user_model().objects.create_user(username="nobody", password="pw-1", is_staff=True)
    )

    response = client.get(reverse("admin:calls_call_analysis_status", args=[analysed_call.pk]))

    assert response.status_code == 403


@pytest.mark.parametrize("page", ["admin:calls_call_analysis", "admin:calls_call_change"])
def test_a_page_in_progress_says_it_updates_itself_and_a_final_one_does_not_poll(
    admin_client: Client, analysed_call, page: str
) -> None:
    url = reverse(page, args=[analysed_call.pk])
    final = admin_client.get(url).content.decode()
    RunFactory(call=analysed_call, status=RunStatus.RUNNING)
    running = admin_client.get(url).content.decode()

    assert "data-in-progress" not in final
    assert "data-in-progress" in running
    assert "this page updates itself when it finishes" in running
    assert "console/live_status.js" in running
