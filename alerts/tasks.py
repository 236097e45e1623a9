"""django-q2 tasks: load by id, call a service."""

from alerts.digests import digest_send
from alerts.sending import alert_message_send
from infra.logs import log_context


def send_alert_message(message_id: int) -> None:
    with log_context(alert_message_id=int(message_id)):
        alert_message_send(message_id=int(message_id))


def send_digest(digest_id: int) -> None:
    with log_context(digest_id=int(digest_id)):
        digest_send(digest_id=int(digest_id))
