"""Connections to voice platforms in the admin: the URL to paste with its copy button,
the secret (write-only), the latest deliveries with replay, and a signed sample."""

from __future__ import annotations

import contextlib
import json
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.views.decorators.http import require_POST

from connectors.models import Connection, Delivery, Platform, Verdict
from connectors.platforms import PLATFORMS
from connectors.platforms.vapi import ALGORITHMS, AUTH_CHOICES, DEFAULT_OPTIONS, ENCODINGS
from connectors.selectors import active_secrets, connection_deliveries, connection_url
from connectors.services import (
    ConnectionInvalid,
    connection_create,
    connection_sample_send,
    connection_update,
    delivery_replay,
    options_problems,
)
from connectors.templatetags.connectors_admin import copy_box

OPTION_FIELDS = list(DEFAULT_OPTIONS)


def local_time(moment: Any, zone_name: str) -> str:
    """A moment on the agent's clock, its zone named."""
    return moment.astimezone(ZoneInfo(zone_name)).strftime("%Y-%m-%d %H:%M:%S %Z")


class ConnectionForm(forms.ModelForm):
    """The secret is typed, saved, and never shown again; Vapi's signing options sit in
    their own fields."""

    secret = forms.CharField(
        required=False,
        strip=True,
        max_length=500,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="Write-only. On a saved connection a new one starts a rotation: the old one "
        "stays valid for the grace period while the platform's side is changed.",
    )
    auth = forms.ChoiceField(
        label="Vapi: credential",
        choices=[(choice, choice) for choice in AUTH_CHOICES],
        initial=DEFAULT_OPTIONS["auth"],
        required=False,
        help_text="HMAC credential, bearer token, or the legacy X-Vapi-Secret header.",
    )
    algorithm = forms.ChoiceField(
        label="Vapi HMAC: algorithm",
        choices=[(choice, choice) for choice in ALGORITHMS],
        initial=DEFAULT_OPTIONS["algorithm"],
        required=False,
    )
    signature_header = forms.CharField(
        label="Vapi HMAC: signature header",
        required=False,
        initial=DEFAULT_OPTIONS["signature_header"],
    )
    timestamp_header = forms.CharField(
        label="Vapi HMAC: timestamp header",
        required=False,
        initial=DEFAULT_OPTIONS["timestamp_header"],
    )
    payload_format = forms.CharField(
        label="Vapi HMAC: signed text",
        required=False,
        initial=DEFAULT_OPTIONS["payload_format"],
        help_text="With {body}, and {timestamp}, {method} or {url} as configured in Vapi.",
    )
    signature_encoding = forms.ChoiceField(
        label="Vapi HMAC: encoding",
        choices=[(choice, choice) for choice in ENCODINGS],
        initial=DEFAULT_OPTIONS["signature_encoding"],
        required=False,
    )
    signature_prefix = forms.CharField(
        label="Vapi HMAC: signature prefix", required=False, help_text="For example sha256="
    )
    secret_is_base64 = forms.BooleanField(label="Vapi HMAC: secret is base64", required=False)
    bearer_header = forms.CharField(
        label="Vapi bearer: header", required=False, initial=DEFAULT_OPTIONS["bearer_header"]
    )

    class Meta:
        model = Connection
        fields = ["agent", "platform", "is_enabled"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["secret"].label = "New secret"
            for name, value in {**DEFAULT_OPTIONS, **self.instance.options}.items():
                self.initial[name] = value
        else:
            self.fields["secret"].required = True

    @staticmethod
    def _option(data: dict[str, Any], name: str) -> Any:
        """A field left empty takes Vapi's default; an empty prefix or timestamp header
        is a choice of its own."""
        value = data.get(name)
        if name in ("signature_prefix", "timestamp_header", "secret_is_base64"):
            return value if value is not None else DEFAULT_OPTIONS[name]
        return value or DEFAULT_OPTIONS[name]

    def platform_value(self) -> str:
        return self.instance.platform if self.instance.pk else self.cleaned_data.get("platform", "")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        platform = self.platform_value()
        if platform == Platform.VAPI:
            data["options"] = {name: self._option(data, name) for name in OPTION_FIELDS}
        else:
            data["options"] = {}
        if platform:
            for key, problem in options_problems(platform, data["options"]).items():
                self.add_error(key if key in self.fields else None, problem)
        agent = data.get("agent")
        if (
            not self.instance.pk
            and agent
            and platform
            and Connection.objects.filter(agent=agent, platform=platform).exists()
        ):
            self.add_error(
                "platform",
                f"{agent.name} already has a {PLATFORMS[platform].label} connection.",
            )
        return data


@admin.register(Connection)
class ConnectionAdmin(admin.ModelAdmin):
    form = ConnectionForm
    list_display = ["agent", "platform", "is_enabled", "paste_url", "last_delivery"]
    list_filter = ["platform", "is_enabled"]
    list_select_related = ["agent"]
    search_fields = ["agent__name", "agent__slug"]
    change_form_template = "admin/connectors/connection/change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Connection]:
        return super().get_queryset(request).annotate(last_received=Max("deliveries__received_at"))

    def get_fieldsets(self, request: HttpRequest, obj: Connection | None = None) -> Any:
        main = ["agent", "platform"] if obj is None else ["agent", "platform", "paste_url"]
        main += (
            ["secret", "secret_state", "refusals", "is_enabled"]
            if obj
            else ["secret", "is_enabled"]
        )
        fieldsets: list[tuple[str | None, dict[str, Any]]] = [(None, {"fields": main})]
        if obj is None or obj.platform == Platform.VAPI:
            fieldsets.append(
                (
                    "How Vapi signs (Vapi connections only)",
                    {"fields": OPTION_FIELDS, "classes": ["vapi-options"]},
                )
            )
        return fieldsets

    def get_readonly_fields(self, request: HttpRequest, obj: Connection | None = None) -> Any:
        return ["agent", "platform", "paste_url", "secret_state", "refusals"] if obj else []

    @admin.display(description="URL to paste")
    def paste_url(self, connection: Connection) -> SafeString:
        hint = PLATFORMS[connection.platform].dashboard_hint
        return format_html(
            '{}<div class="help connection-hint">{}</div>',
            copy_box(connection_url(connection)),
            hint,
        )

    @admin.display(description="Current secret")
    def secret_state(self, connection: Connection) -> str:
        count = len(active_secrets(connection))
        if not count:
            return "None: every delivery is refused until one is set."
        rotating = " (two during a rotation)" if count > 1 else ""
        return f"Set{rotating}; never shown again. {PLATFORMS[connection.platform].secret_label}."

    @admin.display(description="Refused requests")
    def refusals(self, connection: Connection) -> str:
        if not connection.refused_in_a_row or connection.refused_since is None:
            return "None since the last verified request."
        since = local_time(connection.refused_since, connection.agent.timezone)
        return (
            f"{connection.refused_in_a_row} in a row since {since}, none stored. Latest: "
            f"{connection.last_refusal}."
        )

    @admin.display(description="last delivery", ordering="last_received")
    def last_delivery(self, connection: Connection) -> str:
        received = getattr(connection, "last_received", None)
        return local_time(received, connection.agent.timezone) if received else "—"

    def save_model(self, request: HttpRequest, obj: Connection, form: Any, change: bool) -> None:
        data = form.cleaned_data
        try:
            if change:
                connection_update(
                    connection=obj,
                    secret=data.get("secret", ""),
                    options=data["options"],
                    is_enabled=data["is_enabled"],
                )
            else:
                created = connection_create(
                    agent=data["agent"],
                    platform=data["platform"],
                    secret=data["secret"],
                    options=data["options"],
                    is_enabled=data["is_enabled"],
                )
                obj.pk, obj.token, obj.created_at = created.pk, created.token, created.created_at
        except ConnectionInvalid as error:
            # The form checked the same rules; only a race gets here.
            raise PermissionDenied(str(error)) from error
        if change and data.get("secret"):
            self.message_user(
                request, "New secret saved; the previous one stays valid for the grace period."
            )

    def response_add(self, request: HttpRequest, obj: Connection, post_url_continue: Any = None):
        self.message_user(
            request,
            f"Paste the URL below into {obj.get_platform_display()}: "
            f"{PLATFORMS[obj.platform].dashboard_hint}",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:connectors_connection_change", args=[obj.pk]))

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Connection | None = None,
    ) -> HttpResponse:
        if obj is not None:
            context["deliveries"] = [
                delivery_row(delivery, obj) for delivery in connection_deliveries(connection=obj)
            ]
            context["can_send"] = self.has_change_permission(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/sample/", view(self.sample_view), name="connectors_connection_sample"),
            path(
                "<int:pk>/deliveries/<int:delivery_pk>/replay/",
                view(self.replay_view),
                name="connectors_connection_replay",
            ),
            *super().get_urls(),
        ]

    def _connection_for(self, request: HttpRequest, pk: int) -> Connection:
        connection = get_object_or_404(Connection.objects.select_related("agent"), pk=pk)
        if not self.has_change_permission(request, connection):
            raise PermissionDenied
        return connection

    @method_decorator(require_POST)
    def sample_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Sign a sample finished call as the platform would and put it through the path."""
        connection = self._connection_for(request, pk)
        try:
            answer = connection_sample_send(connection=connection)
        except ConnectionInvalid as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            level = messages.SUCCESS if answer.status == 200 else messages.ERROR
            delivery = answer.delivery
            summary = (
                delivery.get_verdict_display() if delivery else answer.body["error"]["message"]
            )
            self.message_user(request, f"Sample sent: {answer.status} — {summary}.", level)
        return HttpResponseRedirect(reverse("admin:connectors_connection_change", args=[pk]))

    @method_decorator(require_POST)
    def replay_view(self, request: HttpRequest, pk: int, delivery_pk: int) -> HttpResponse:
        connection = self._connection_for(request, pk)
        stored = get_object_or_404(Delivery, pk=delivery_pk, connection=connection)
        replayed = delivery_replay(delivery=stored)
        level = messages.ERROR if replayed.verdict == Verdict.INVALID else messages.SUCCESS
        self.message_user(
            request,
            f"Delivery {stored.pk} replayed as {replayed.pk}: {replayed.get_verdict_display()}. "
            f"{replayed.reason}",
            level,
        )
        return HttpResponseRedirect(reverse("admin:connectors_connection_change", args=[pk]))


def delivery_row(delivery: Delivery, connection: Connection) -> dict[str, Any]:
    call = delivery.call
    return {
        "pk": delivery.pk,
        "received": local_time(delivery.received_at, connection.agent.timezone),
        "event": delivery.event or "—",
        "verdict": delivery.get_verdict_display(),
        "refused": delivery.verdict == Verdict.INVALID,
        "status_code": delivery.status_code,
        "call_url": reverse("admin:calls_call_analysis", args=[call.pk]) if call else "",
        "call_label": call.external_id if call else "",
        "reason": delivery.reason,
        "sample": delivery.sample,
        "replay_of": delivery.replay_of_id,
        "detail_url": reverse("admin:connectors_delivery_change", args=[delivery.pk]),
    }


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["received", "connection", "event", "verdict", "status_code", "call_link"]
    list_filter = ["verdict", "connection__platform", "connection__agent"]
    list_select_related = ["connection__agent", "call"]
    search_fields = ["platform_call_id", "event"]
    show_full_result_count = False
    fields = readonly_fields = (
        "connection",
        "received",
        "event",
        "platform_call_id",
        "verdict",
        "status_code",
        "reason",
        "problems_shown",
        "call_link",
        "replay_of",
        "sample",
        "headers_shown",
        "body_shown",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Delivery]:
        queryset = super().get_queryset(request)
        match = request.resolver_match
        if match and match.url_name and match.url_name.endswith("changelist"):
            return queryset.defer("body", "headers")
        return queryset

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Delivery | None = None) -> bool:
        return False

    @admin.display(description="received", ordering="received_at")
    def received(self, delivery: Delivery) -> str:
        return local_time(delivery.received_at, delivery.connection.agent.timezone)

    @admin.display(description="call")
    def call_link(self, delivery: Delivery) -> str:
        if delivery.call is None:
            return delivery.reason or "—"
        url = reverse("admin:calls_call_analysis", args=[delivery.call_id])
        return format_html('<a href="{}">{}</a>', url, delivery.call.external_id)

    @admin.display(description="problems")
    def problems_shown(self, delivery: Delivery) -> str:
        return "; ".join(f"{k} {v}" for k, v in delivery.problems.items()) or "—"

    @admin.display(description="headers")
    def headers_shown(self, delivery: Delivery) -> SafeString:
        return format_html("<pre>{}</pre>", json.dumps(delivery.headers, indent=2))

    @admin.display(description="body, as received")
    def body_shown(self, delivery: Delivery) -> SafeString:
        text = delivery.body_text()
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), indent=2, ensure_ascii=False)
        return format_html('<pre style="white-space:pre-wrap">{}</pre>', text)
