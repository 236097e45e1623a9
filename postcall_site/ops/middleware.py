"""Answer the probe and metrics paths before any other middleware.

Orchestrators and Prometheus reach each instance by its IP address, which is not in
ALLOWED_HOSTS, and over plain HTTP; CommonMiddleware would refuse the host and
SECURE_SSL_REDIRECT would redirect. These paths read no session, cookie or user, so
they skip the rest of the stack (and any login) on purpose.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from postcall_site.ops import views

PATHS: dict[str, Callable[[HttpRequest], HttpResponse]] = {
    "/healthz": views.healthz,
    "/readyz": views.readyz,
    "/metrics": views.metrics,
}


class ProbeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        view = PATHS.get(request.path_info.rstrip("/"))
        if view is None:
            return self.get_response(request)
        return view(request)
