"""API errors: one JSON shape for all of them, and the few kinds the views raise."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from infra.errors import error_body

ERROR_CODES = {
    status.HTTP_400_BAD_REQUEST: "invalid",
    status.HTTP_401_UNAUTHORIZED: "unauthenticated",
    status.HTTP_403_FORBIDDEN: "forbidden",
    status.HTTP_404_NOT_FOUND: "not_found",
    status.HTTP_405_METHOD_NOT_ALLOWED: "method_not_allowed",
    status.HTTP_409_CONFLICT: "conflict",
    status.HTTP_413_REQUEST_ENTITY_TOO_LARGE: "too_large",
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: "unsupported_media_type",
    status.HTTP_429_TOO_MANY_REQUESTS: "throttled",
    status.HTTP_503_SERVICE_UNAVAILABLE: "unavailable",
}


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request is too large."
    default_code = "too_large"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The resource is not in a state that allows this."
    default_code = "conflict"


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Every error has one shape: {"error": {"code", "message", "details"?}}."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    code = ERROR_CODES.get(response.status_code, "error")
    data = response.data
    # A field named `detail` in a refused body is a detail, not the message.
    field_errors = isinstance(exc, exceptions.ValidationError)
    if not field_errors and isinstance(data, dict) and set(data) == {"detail"}:
        response.data = error_body(code, str(data["detail"]))
    else:
        response.data = error_body(code, "The request has problems; see details.", data)
    return response


ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "enum": [*ERROR_CODES.values(), "error"]},
                "message": {"type": "string"},
                "details": {"description": "Per-field or per-row problems, when there are any."},
            },
        }
    },
}
DOCUMENTED_ERRORS = {
    "400": "The request has problems; `details` names each field or row.",
    "401": "No API key, or an unknown or revoked one.",
    "403": "The API key lacks the scope this endpoint needs.",
    "404": "No such object.",
    "405": "The method is not allowed here.",
    "409": "The object is not in a state that allows this.",
    "413": "The transcript is over the size limit.",
    "415": "Send JSON.",
    "429": "Too many calls posted; wait as `Retry-After` says.",
    "503": "The database is unavailable; retry after `Retry-After` seconds.",
}


def add_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: every operation documents the error shape."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for code, description in DOCUMENTED_ERRORS.items():
                responses.setdefault(code, {"description": description, "content": reference})
    return result


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A JSON 404 under /api/, the usual page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse(error_body("not_found", "No such endpoint or object."), status=404)
    return defaults.page_not_found(request, exception)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Under /api/, a request Django refuses before any view (a body over the upload
    limit, a malformed header) gets the error shape too."""
    if not request.path.startswith("/api/"):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return JsonResponse(error_body("too_large", f"The body is over {limit} bytes."), status=413)
    return JsonResponse(error_body("invalid", "The request could not be read."), status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(
            error_body("error", "Something went wrong on our side; it has been logged."),
            status=500,
        )
    return defaults.server_error(request)
