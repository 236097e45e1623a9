"""The one error shape of every JSON answer, the API's and the voice platforms' webhook
endpoint's alike: {"error": {"code", "message", "details"?}}. Importable before DRF is,
as middleware answers in it too."""

from __future__ import annotations

from typing import Any


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"error": {"code": code, "message": message}}
    if details:
        body["error"]["details"] = details
    return body
