"""List filters that the home page's links use, each naming in the sidebar what the
linked list shows; each filters by the selector that counts it (console/home.py)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from actions.models import Review, WebhookDelivery
from actions.selectors import reviews_stale, stale_after
from calls.models import Call, RunFailure
from console.home import calls_failed_because, deliveries_failing

NO_KIND = "none"


class StaleFilter(admin.SimpleListFilter):
    title = "waiting time"
    parameter_name = "stale"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", f"Longer than {stale_after().total_seconds() / 3600:g} hours")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Review]) -> QuerySet[Review]:
        if self.value() == "yes":
            return queryset.filter(pk__in=reviews_stale(now=timezone.now()).values("pk"))
        return queryset


class FailingFilter(admin.SimpleListFilter):
    title = "failing"
    parameter_name = "failing"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "Given up, or retrying after a failure")]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]
    ) -> QuerySet[WebhookDelivery]:
        return deliveries_failing(queryset) if self.value() == "yes" else queryset


class FailureFilter(admin.SimpleListFilter):
    """Failed calls by why their latest failed analysis failed."""

    title = "why the analysis failed"
    parameter_name = "failure"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [*((kind.value, kind.label) for kind in RunFailure), (NO_KIND, "No kind recorded")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Call]) -> QuerySet[Call]:
        value = self.value()
        if value is None:
            return queryset
        return calls_failed_because(queryset, "" if value == NO_KIND else value)
