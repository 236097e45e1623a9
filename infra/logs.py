"""Structured logs: JSON or text lines carrying the ids of the work being done.

The entry points (django-q2 tasks, the scheduler loop) bind ids with `log_context`;
every line logged inside, by any module, carries them. Contextvars rather than
`extra=` so that code deep in the services need not know about logging context.

This module must not import Django: gunicorn's config uses it before Django is set up.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

LOG_FORMATS = ("json", "text")

_context: ContextVar[dict[str, Any]] = ContextVar("postcall_log_context")


@contextmanager
def log_context(**ids: Any) -> Iterator[None]:
    """Bind ids (call_id, run_id, …) to every log line written inside the block."""
    bound = {key: value for key, value in ids.items() if value is not None}
    token = _context.set({**bound_ids(), **bound})
    try:
        yield
    finally:
        _context.reset(token)


def bound_ids() -> dict[str, Any]:
    return dict(_context.get({}))


class ContextFilter(logging.Filter):
    """Copy the bound ids onto each record; a handler-level filter sees every logger's records."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = bound_ids()
        for key, value in context.items():
            setattr(record, key, value)
        record.log_context = context
        return True


class ClientErrorFilter(logging.Filter):
    """A refused request (403, 404: a status under 500) is the client's doing: one line
    saying so, not the traceback of the exception that Django turned into the answer."""

    def filter(self, record: logging.LogRecord) -> bool:
        status_code = getattr(record, "status_code", None)
        if isinstance(status_code, int) and status_code < 500:
            record.exc_info = None
            record.exc_text = None
        return True


class JsonLineFormatter(JsonFormatter):
    """One JSON object a line: timestamp, level, logger, message, then the bound ids."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(
            "%(levelname)s %(name)s %(message)s",
            *args,
            rename_fields={"levelname": "level", "name": "logger"},
            reserved_attrs=[*RESERVED_ATTRS, "log_context"],
            timestamp=True,
            **kwargs,
        )


class TextFormatter(logging.Formatter):
    """The plain line, followed by the bound ids as key=value."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        context = getattr(record, "log_context", {})
        if not context:
            return line
        ids = " ".join(f"{key}={value}" for key, value in context.items())
        first, newline, rest = line.partition("\n")
        return f"{first} [{ids}]{newline}{rest}"


def default_log_format(*, debug: bool) -> str:
    """Text for a person at a terminal, JSON lines for a log collector."""
    return "text" if debug else "json"


def logging_config(*, log_format: str, level: str) -> dict[str, Any]:
    """The LOGGING dict: one console handler in the chosen format."""
    if log_format not in LOG_FORMATS:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {log_format!r}")
    formatter = JsonLineFormatter if log_format == "json" else TextFormatter
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "context": {"()": ContextFilter},
            "client_errors": {"()": ClientErrorFilter},
        },
        "formatters": {"line": {"()": formatter}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "line",
                "filters": ["context", "client_errors"],
            }
        },
        # Django's own handlers for its loggers (a console one in DEBUG, mail to admins)
        # are dropped: its lines reach the root's handler alone, once, in this format.
        "loggers": {"django": {"handlers": [], "level": level, "propagate": True}},
        "root": {"handlers": ["console"], "level": level},
    }


def gunicorn_logging_config(*, log_format: str, level: str) -> dict[str, Any]:
    """The same lines for gunicorn's own loggers (its errors and the access log)."""
    config = logging_config(log_format=log_format, level=level)
    config["loggers"].update(
        {
            name: {"level": level, "handlers": [], "propagate": True}
            for name in ("gunicorn.error", "gunicorn.access")
        }
    )
    return config
