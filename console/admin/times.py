"""Times on admin pages: each read, and typed, in the zone of the object it belongs to."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from extraction.timezones import local_datetime, local_text


def zone_note(zone: tzinfo) -> str:
    """How a form says which zone its times are typed in."""
    return f"In {zone} (now {timezone.now().astimezone(zone).tzname()})."


def local_column(field: str, description: str) -> Callable[[Any, Any], str]:
    """An admin column or read-only field showing a datetime in the row's zone."""

    @admin.display(description=description, ordering=field)
    def shown(model_admin: Any, obj: Any) -> str:
        moment = getattr(obj, field)
        return local_text(moment, model_admin.zone_for(obj)) if moment else "—"

    return shown


class ZonedAdmin(admin.ModelAdmin):
    """An admin whose object pages are rendered in the object's zone: a date-time input
    shows and reads its value there, and so does every time Django formats itself."""

    change_form_template = "admin/zoned_change_form.html"

    def zone_for(self, obj: Any) -> tzinfo:
        raise NotImplementedError

    def object_tools(self, request: HttpRequest, obj: Any) -> list[dict[str, str]]:
        """Buttons at the top of the object's page: each a `url` and a `label`."""
        return []

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return super().change_view(request, object_id, form_url, extra_context)
        zone = self.zone_for(obj)
        context = {
            **(extra_context or {}),
            "zone_note": f"Times are in {zone}.",
            "tools": self.object_tools(request, obj),
        }
        with timezone.override(zone):
            response = super().change_view(request, object_id, form_url, context)
            # Rendered here, while the zone is active, not later by the handler.
            if isinstance(response, TemplateResponse):
                response.render()
        return response


class WallClockField(forms.SplitDateTimeField):
    """A date and time as typed, not yet in any zone: the form places it in the zone it
    names once it knows which (the agent's or the call's, chosen on the same form)."""

    def compress(self, data_list: Any) -> datetime | None:
        aware = super().compress(data_list)
        return timezone.make_naive(aware) if aware is not None else None


def wall_clock_in(typed: datetime, zone: tzinfo) -> datetime:
    return local_datetime(typed.date(), typed.time(), zone)
