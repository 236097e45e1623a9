"""A delivery's and a follow-up's own pages are for reading; resend, reschedule and cancel
are buttons on them that ask for a reason, kept in the history."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from actions.models import FollowUp, FollowUpStatus, WebhookDelivery
from agents.roles import SUPPORT, staff_user_create
from tests.factories import DeliveryFactory

pytestmark = pytest.mark.django_db


def history(client: Client, obj: object, name: str) -> str:
    return client.get(reverse(f"admin:actions_{name}_history", args=[obj.pk])).content.decode()


def test_a_delivery_page_is_a_view_with_a_resend_button(admin_client: Client) -> None:
    delivery = DeliveryFactory(status="failed")

    html = admin_client.get(
        reverse("admin:actions_webhookdelivery_change", args=[delivery.pk])
    ).content.decode()

    assert "<h1>View webhook delivery</h1>" in html
    assert 'name="_save"' not in html and 'name="_continue"' not in html
    assert reverse("admin:actions_webhookdelivery_resend", args=[delivery.pk]) in html


def test_a_real_delivery_does_not_say_it_was_sent_by_hand(admin_client: Client) -> None:
    real, test = DeliveryFactory(), DeliveryFactory(is_test=True)

    def shown(delivery: WebhookDelivery) -> str:
        url = reverse("admin:actions_webhookdelivery_change", args=[delivery.pk])
        return admin_client.get(url).content.decode()

    assert "Sent by hand; never retried" not in shown(real)
    assert "retried until the receiver answers 2xx" in shown(real)
    assert "a test event, sent by hand: never retried" in shown(test)


def test_resend_asks_why_and_records_it(admin_client: Client) -> None:
    delivery = DeliveryFactory(status="failed")
    url = reverse("admin:actions_webhookdelivery_resend", args=[delivery.pk])

    asked = admin_client.get(url).content.decode()
    refused = admin_client.post(url, {"reason": "  ", "apply": "Resend now"})

    assert "the same webhook-id" in asked and 'name="reason"' in asked
    assert "This field is required." in refused.content.decode()
    assert WebhookDelivery.objects.get().status == "failed"

    admin_client.post(url, {"reason": "the CRM was down", "apply": "Resend now"})

    assert WebhookDelivery.objects.get().status == "pending"
    assert "Resent now, with the same webhook-id: the CRM was down" in history(
        admin_client, delivery, "webhookdelivery"
    )


def test_a_follow_up_is_canceled_from_its_own_page_with_a_reason(
    admin_client: Client, analysed_call
) -> None:
    followup = FollowUp.objects.get()
    page = admin_client.get(
        reverse("admin:actions_followup_change", args=[followup.pk])
    ).content.decode()
    cancel = reverse("admin:actions_followup_cancel", args=[followup.pk])

    assert 'name="_save"' not in page
    assert cancel in page
    assert reverse("admin:actions_followup_reschedule", args=[followup.pk]) in page

    admin_client.post(cancel, {"reason": "the customer bought elsewhere", "apply": "1"})

    followup.refresh_from_db()
    assert followup.status == FollowUpStatus.CANCELED
    assert followup.history[-1]["reason"] == (
        "canceled by hand by admin: the customer bought elsewhere"
    )
    assert "Canceled by hand: the customer bought elsewhere" in history(
        admin_client, followup, "followup"
    )


def test_the_bulk_cancel_asks_why_before_cancelling(admin_client: Client, analysed_call) -> None:
    followup = FollowUp.objects.get()

    asked = admin_client.post(
        reverse("admin:actions_followup_changelist"),
        {"action": "cancel", "_selected_action": [followup.pk]},
    )

    assert 'name="reason"' in asked.content.decode()
    assert FollowUp.objects.get().status == FollowUpStatus.PENDING


def test_support_reads_the_pages_without_the_buttons(client: Client, analysed_call) -> None:
    followup = FollowUp.objects.get()
    client.force_login(staff_user_create(username="sam", password="pw", role=SUPPORT))
    cancel = reverse("admin:actions_followup_cancel", args=[followup.pk])

    page = client.get(reverse("admin:actions_followup_change", args=[followup.pk]))

    assert page.status_code == 200 and cancel not in page.content.decode()
    assert client.post(cancel, {"reason": "x", "apply": "1"}).status_code == 403
    assert FollowUp.objects.get().status == FollowUpStatus.PENDING
