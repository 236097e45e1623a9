"""A refused request is logged in one line, in the configured format, not as a traceback."""

from __future__ import annotations

import io
import json
import logging
import logging.config
from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from django.urls import reverse

from agents.roles import SUPPORT, staff_user_create
from infra.logs import logging_config

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged(settings) -> Iterator[Callable[[str], io.StringIO]]:
    """Logging configured as the settings do, every handler writing to one buffer."""

    def configure(log_format: str) -> io.StringIO:
        stream = io.StringIO()
        logging.config.dictConfig(logging_config(log_format=log_format, level="INFO"))
        logging.getLogger().handlers[0].setStream(stream)
        return stream

    yield configure
    logging.config.dictConfig(settings.LOGGING)


@pytest.fixture
def support_client(client: Client) -> Client:
    client.force_login(staff_user_create(username="sam", password="pw-support-1", role=SUPPORT))
    return client


@pytest.mark.parametrize("debug", [False, True])
def test_a_403_is_one_text_line_naming_the_path(
    logged, support_client: Client, settings, debug: bool
) -> None:
    settings.DEBUG = debug
    stream = logged("text")

    response = support_client.get(reverse("admin:agents_agent_add"))

    assert response.status_code == 403
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1, lines
    assert (
        "WARNING django.request Forbidden (Permission denied): /admin/agents/agent/add/"
        in (lines[0])
    )
    assert "Traceback" not in stream.getvalue()


def test_a_403_is_one_json_line_without_a_traceback(logged, support_client: Client) -> None:
    stream = logged("json")

    support_client.get(reverse("admin:agents_agent_add"))

    [line] = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert line["level"] == "WARNING"
    assert line["status_code"] == 403
    assert "exc_info" not in line


def test_a_500_still_logs_its_traceback(logged) -> None:
    stream = logged("text")

    try:
        raise RuntimeError("the database went away")
    except RuntimeError:
        logging.getLogger("django.request").error(
            "Internal Server Error: /x/", exc_info=True, extra={"status_code": 500}
        )

    assert "Traceback" in stream.getvalue()
    assert "RuntimeError: the database went away" in stream.getvalue()
