"""Extracted values as a person reads them on a page."""

from __future__ import annotations

from typing import Any

from django import template

from calls.exports import items_text

register = template.Library()


@register.filter
def value_text(value: Any) -> Any:
    """A list value as its items, `solar panels; battery`; any other value as it is."""
    return items_text(value) if isinstance(value, list) else value
