"""django-q2 tasks: load by id, call a service."""

from alerts.sending import alert_message_send
from infra.logs import log_context


def send_alert_message(message_id: int) -> None:
    with log_context(alert_message_id=int(message_id)):
        alert_message_send(message_id=int(message_id))
