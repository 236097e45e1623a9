"""The site's own pages: the landing page at / that the admin's "View site" opens."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


def home(request: HttpRequest) -> HttpResponse:
    """What Postcall is and where to go next; the admin's header and user tools included."""
    return TemplateResponse(request, "site/home.html", admin.site.each_context(request))
