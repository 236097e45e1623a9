"""While the database is away, every request under /api/ and /hooks/ that fails on it gets
503 with `Retry-After`, in the API's error shape, instead of a 500: the voice platforms
and integrations retry a 503 and the call is stored once the database is back."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse

from infra.errors import error_body

logger = logging.getLogger(__name__)

# A restarted database is usually back within this; platforms retry sooner or later anyway.
RETRY_AFTER_SECONDS = 30
GUARDED_PATHS = ("/api/", "/hooks/")


class DatabaseOutageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not request.path.startswith(GUARDED_PATHS):
            return None
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("%s %s: the database is away: %s", request.method, request.path, exception)
        response = JsonResponse(
            error_body("unavailable", "The database is unavailable; retry later."), status=503
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
