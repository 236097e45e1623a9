"""Which HTTP answers mean the same request will never succeed: a 4xx but for the four
that say "not now"; never a 5xx or a redirect."""

from __future__ import annotations

import pytest

from infra.retry import status_is_permanent


@pytest.mark.parametrize("status", [400, 401, 403, 404, 405, 410, 413, 422, 451, 499])
def test_a_refusal_is_permanent(status: int) -> None:
    assert status_is_permanent(status)


@pytest.mark.parametrize("status", [408, 409, 425, 429, 500, 502, 503, 504, 301, 302, 307])
def test_not_now_a_server_error_and_a_redirect_are_temporary(status: int) -> None:
    assert not status_is_permanent(status)
