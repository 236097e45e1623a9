"""django-q2 tasks: load by id, call a service."""

from actions.followup_dialling import followups_dial
from actions.kinds import kind_for
from actions.models import WebhookDelivery
from actions.services import call_arrival_handle, review_release_handle, run_actions_handle
from infra.logs import log_context


def decide_run_actions(run_id: int) -> None:
    # The call's id is bound once the run is read: no lookup of it for the logs alone.
    with log_context(run_id=int(run_id)):
        run_actions_handle(run_id=int(run_id))


def handle_call_arrival(call_id: int) -> None:
    with log_context(call_id=int(call_id)):
        call_arrival_handle(call_id=int(call_id))


def release_review(review_id: int) -> None:
    with log_context(review_id=int(review_id)):
        review_release_handle(review_id=int(review_id))


def attempt_delivery(delivery_id: int) -> None:
    call_id, action_type = (
        WebhookDelivery.objects.filter(pk=delivery_id).values_list("call_id", "action__type").get()
    )
    with log_context(call_id=call_id, delivery_id=int(delivery_id)):
        kind_for(action_type).attempt(delivery_id=int(delivery_id))


def dial_follow_ups(follow_up_ids: list[int]) -> None:
    followups_dial(follow_up_ids=[int(follow_up_id) for follow_up_id in follow_up_ids])
