"""The admin site: its first page is what waits for a person (console/home.py), and its
list of models is grouped and named for the people who use it."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, URLResolver, path
from django.utils import timezone

from console.digest_page import digest_view
from console.home_page import home_sections, waiting_total

REFRESH_SECONDS = 30

# Each group of the model list, and each model in it as people call it: (app label,
# model's object name, name shown). A model not listed keeps Django's own group.
GROUPS: list[tuple[str, list[tuple[str, str, str]]]] = [
    (
        "Calls",
        [
            ("calls", "Call", "Calls"),
            ("actions", "Review", "Reviews"),
            ("actions", "ActionRun", "Action decisions"),
        ],
    ),
    ("Follow-up calls", [("actions", "FollowUp", "Follow-up calls")]),
    (
        "Webhook deliveries",
        [
            ("actions", "WebhookDelivery", "Webhook deliveries"),
            ("actions", "WebhookInbox", "Webhook inboxes"),
        ],
    ),
    (
        "Voice platforms",
        [
            ("connectors", "Connection", "Voice platform connections"),
            ("connectors", "Delivery", "Received from voice platforms"),
        ],
    ),
    ("Agents", [("agents", "Agent", "Agents"), ("agents", "ApiKey", "API keys")]),
]


def grouped(app_list: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Django's list of apps and models regrouped by GROUPS; groups the user sees nothing
    of are left out, and models GROUPS does not name stay in their app's group after."""
    models = {
        (app["app_label"], model["object_name"]): model
        for app in app_list
        for model in app["models"]
    }
    placed = {(label, name) for _, members in GROUPS for label, name, _ in members}
    groups = []
    for title, members in GROUPS:
        shown = [
            {**models[(label, name)], "name": shown_as}
            for label, name, shown_as in members
            if (label, name) in models
        ]
        if shown:
            groups.append(group(title, shown))
    for app in app_list:
        rest = [
            model
            for model in app["models"]
            if (app["app_label"], model["object_name"]) not in placed
        ]
        if rest:
            groups.append({**app, "models": rest})
    return groups


def group(title: str, models: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "name": title,
        "app_label": title.lower().replace(" ", "-"),
        "app_url": models[0].get("admin_url") or "",
        "has_module_perms": True,
        "models": models,
    }


class PostcallAdminSite(admin.AdminSite):
    site_header = "Postcall"
    site_title = "Postcall"
    index_title = "What needs a person"
    index_template = "admin/home/index.html"

    def get_app_list(
        self, request: HttpRequest, app_label: str | None = None
    ) -> list[dict[str, Any]]:
        apps = super().get_app_list(request, app_label)
        return apps if app_label is not None else grouped(apps)

    def get_urls(self) -> list[URLResolver | URLPattern]:
        home = path("home/lines/", self.admin_view(self.home_lines_view), name="home_lines")
        digest = path("digest/", self.admin_view(self.digest_view), name="digest")
        return [home, digest, *super().get_urls()]

    def home_context(self, request: HttpRequest) -> dict[str, Any]:
        now = timezone.now()
        sections = home_sections(user=request.user, now=now)
        return {
            "sections": sections,
            "waiting": waiting_total(sections),
            "counted_at": now,
            "refresh_seconds": REFRESH_SECONDS,
        }

    def index(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        return super().index(request, {**self.home_context(request), **(extra_context or {})})

    def digest_view(self, request: HttpRequest) -> HttpResponse:
        return digest_view(self, request)

    def home_lines_view(self, request: HttpRequest) -> HttpResponse:
        """The page's lines alone, which the page fetches to refresh itself in place."""
        return TemplateResponse(request, "admin/home/lines.html", self.home_context(request))
