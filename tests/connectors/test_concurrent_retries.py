"""A platform's retries arriving at once, over real HTTP: one call, and every one a 2xx."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
import requests

from calls.models import Call, ExtractionRun
from connectors.models import Delivery
from tests.connectors import payloads
from tests.connectors.conftest import SECRET
from tests.connectors.peers import (
    bland_headers,
    elevenlabs_body,
    elevenlabs_headers,
    encoded,
    retell_body,
    retell_headers,
    synthflow_headers,
    vapi_body,
    vapi_hmac_headers,
)

pytestmark = pytest.mark.django_db(transaction=True)
RETRIES = 5


def signed(platform: str) -> tuple[bytes, dict[str, str]]:
    now = datetime.now(UTC)
    if platform == "retell":
        body = encoded(retell_body(payloads.retell("call_analyzed")))
        return body, retell_headers(body, SECRET, now)
    if platform == "vapi":
        body = encoded(vapi_body(payloads.vapi()))
        return body, vapi_hmac_headers(body, SECRET, now)
    if platform == "elevenlabs":
        body = encoded(elevenlabs_body(payloads.elevenlabs()))
        return body, elevenlabs_headers(body, SECRET, now)
    if platform == "bland":
        body = encoded(payloads.bland())
        return body, bland_headers(body, SECRET)
    document = payloads.synthflow()
    return encoded(document), synthflow_headers(document["call"]["call_id"], SECRET)


@pytest.mark.parametrize("platform", ["retell", "vapi", "elevenlabs", "bland", "synthflow"])
def test_concurrent_retries_store_one_call_and_each_get_a_2xx(
    live_server, connect: Callable, platform: str
) -> None:
    connection = connect(platform)
    body, headers = signed(platform)
    url = f"{live_server.url}/hooks/{platform}/{connection.token}/"
    statuses: list[int] = []
    start = threading.Barrier(RETRIES)

    def post() -> None:
        start.wait()
        response = requests.post(
            url, data=body, headers={**headers, "Content-Type": "application/json"}, timeout=60
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=post) for _ in range(RETRIES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)

    assert statuses == [200] * RETRIES
    assert Call.objects.count() == 1
    assert ExtractionRun.objects.count() == 1
    verdicts = sorted(Delivery.objects.values_list("verdict", flat=True))
    assert verdicts == ["created"] + ["duplicate"] * (RETRIES - 1)
