"""django-q2 tasks: load by id, call a service."""

from actions.followups import followup_dial, followups_dial
from actions.webhooks import delivery_attempt


def attempt_delivery(delivery_id: int) -> None:
    delivery_attempt(delivery_id=int(delivery_id))


def dial_follow_up(followup_id: int) -> None:
    followup_dial(followup_id=int(followup_id))


def dial_follow_ups(followup_ids: list[int]) -> None:
    followups_dial(followup_ids=[int(followup_id) for followup_id in followup_ids])
