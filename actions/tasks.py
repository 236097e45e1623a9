"""django-q2 tasks: load by id, call a service."""

from actions.followups import follow_up_log_context, followup_dial, followups_dial
from actions.models import WebhookDelivery
from actions.webhooks import delivery_attempt
from infra.logs import log_context


def attempt_delivery(delivery_id: int) -> None:
    call_id = WebhookDelivery.objects.filter(pk=delivery_id).values_list("call_id", flat=True)
    with log_context(call_id=call_id.first(), delivery_id=int(delivery_id)):
        delivery_attempt(delivery_id=int(delivery_id))


def dial_follow_up(followup_id: int) -> None:
    with follow_up_log_context(int(followup_id)):
        followup_dial(followup_id=int(followup_id))


def dial_follow_ups(followup_ids: list[int]) -> None:
    followups_dial(followup_ids=[int(followup_id) for followup_id in followup_ids])
