"""Benchmark 4: webhook deliveries a second to a local receiver. Deliveries are stored and
handed to the workers as a new call's are (claim, then queue an attempt), all at once;
the figure is how many reached the receiver a second."""

from __future__ import annotations

import time

from bench import fixtures
from bench.report import Figure
from bench.servers import LocalServer
from bench.stack import Processes

WORKERS = 8


def run(processes: Processes, *, quick: bool, poll: float) -> list[Figure]:
    from django.utils import timezone

    from actions.models import DeliveryStatus, WebhookDelivery
    from actions.services import deliveries_dispatch
    from actions.signing import new_message_id
    from actions.webhooks.payload import EVENT_CALL_ANALYZED, event_body

    count = 500 if quick else 5_000
    receiver = LocalServer().start()
    url = f"{receiver.url}/hooks"
    agent = fixtures.agent_with_webhook(slug="deliveries", url=url)
    action = agent.actions.get()
    body = event_body(event_type=EVENT_CALL_ANALYZED, data={"padding": "x" * 1500}).decode()
    rows = WebhookDelivery.objects.bulk_create(
        (
            WebhookDelivery(
                action=action,
                event_type=EVENT_CALL_ANALYZED,
                message_id=new_message_id(),
                url=url,
                body=body,
                next_attempt_at=timezone.now(),
                # Held until the workers are up, so that the clock starts with all of them.
                status=DeliveryStatus.FAILED,
            )
            for _ in range(count)
        ),
        batch_size=1000,
    )
    processes.qcluster(workers=WORKERS, poll=poll)
    time.sleep(5)
    ids = [row.pk for row in rows]
    WebhookDelivery.objects.filter(pk__in=ids).update(status=DeliveryStatus.PENDING)
    started = time.time()
    for start in range(0, count, 100):
        deliveries_dispatch(ids=ids[start : start + 100])
    queued = time.time() - started
    deadline = time.time() + 300
    while time.time() < deadline and len(receiver.arrivals) < count:
        time.sleep(0.2)
    time.sleep(2)  # the last attempts are recorded after their answer
    arrived = [arrival.at for arrival in receiver.arrivals]
    succeeded = WebhookDelivery.objects.filter(pk__in=ids, status=DeliveryStatus.SUCCEEDED)
    rate = len(arrived) / (max(arrived) - started) if arrived else 0.0
    return [
        Figure(
            "4 webhook deliveries",
            f"{rate:.0f} /s",
            "≥ 100 /s",
            rate >= 100 and len(arrived) == count,
            f"{len(arrived)}/{count} arrived, {succeeded.count()} recorded as succeeded; "
            f"{WORKERS} workers; claimed and queued in {queued:.1f} s",
        )
    ]
