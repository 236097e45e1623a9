"""Text that can be stored and served: valid UTF-8 with no NUL, in JSON of bounded depth.

A lone surrogate (`"\\ud800"` in JSON) decodes into a Python string that no UTF-8 encoder
accepts, and PostgreSQL refuses NUL in text and JSON, so both are refused where they enter
rather than failing later in a page or a worker.
"""

from __future__ import annotations

from typing import Any

MAX_DEPTH = 64


class TextInvalid(ValueError):
    """Input that cannot be stored or served; the message says where and why."""


def text_problem(text: str) -> str | None:
    if "\x00" in text:
        return "contains a NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "contains a lone UTF-16 surrogate, which is not text"
    return None


def storable_text(text: str) -> str:
    """`text` with what cannot be stored written as escapes, to keep it for a reader."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")


def check_storable(value: Any, where: str = "the body") -> None:
    """Refuse `value` when any string in it, key or value, cannot be stored, or when it
    is nested more than MAX_DEPTH levels deep."""
    pending: list[tuple[Any, str, int]] = [(value, where, 0)]
    while pending:
        item, path, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise TextInvalid(f"{where} is nested more than {MAX_DEPTH} levels deep")
        if isinstance(item, str):
            problem = text_problem(item)
            if problem:
                raise TextInvalid(f"{path} {problem}")
        elif isinstance(item, dict):
            for key, child in item.items():
                problem = text_problem(key) if isinstance(key, str) else None
                if problem:
                    raise TextInvalid(f"a key in {path} {problem}")
                pending.append((child, f"{path}.{key}", depth + 1))
        elif isinstance(item, list):
            pending.extend(
                (child, f"{path}[{index}]", depth + 1) for index, child in enumerate(item)
            )
