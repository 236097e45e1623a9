"""The context of the pages the admin classes add beside the admin's own."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest


def page_context(
    model_admin: admin.ModelAdmin, request: HttpRequest, *, title: str, **extra: Any
) -> dict[str, Any]:
    """What every admin page shows around its content (header, sidebar, user links), the
    model its breadcrumbs lead to, its title, and the page's own `extra`."""
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": title,
        **extra,
    }
