"""The API's error shape, importable before DRF is: middleware answers in it too."""

from __future__ import annotations

from typing import Any


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"error": {"code": code, "message": message}}
    if details:
        body["error"]["details"] = details
    return body
