"""Alerts in the admin: where they go (the site's and each agent's destinations, a webhook
URL write-only), the thresholds, the incidents, and silencing one or a kind."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from actions.services import outbound_url_errors
from alerts.models import (
    AlertDestination,
    AlertMessage,
    AlertRules,
    Channel,
    Incident,
    SilencedKind,
)
from alerts.sending import email_addresses, slack_url_error
from alerts.services import (
    alert_rules,
    alert_rules_save,
    destination_save,
    incident_silence,
    kind_silence,
)
from extraction.timezones import local_text

STORED = "(stored, not shown)"
THRESHOLDS = (
    "failed_deliveries_in_a_row",
    "refused_requests_in_a_row",
    "failed_runs_percent",
    "failed_runs_window_minutes",
    "failed_runs_at_least",
)


class DestinationForm(forms.ModelForm):
    """Email addresses are shown; a webhook URL is a credential, typed and never shown."""

    addresses = forms.CharField(
        required=False,
        help_text="Email: addresses separated by commas, e.g. ops@example.com, oncall@example.com.",
    )
    webhook_url = forms.CharField(
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="Slack or Teams: the channel's incoming webhook URL. Write-only; leave "
        "empty on a saved destination to keep the stored one.",
    )

    class Meta:
        model = AlertDestination
        fields = ["agent", "channel", "enabled"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.channel == Channel.EMAIL:
            self.fields["addresses"].initial = self.instance.target

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        channel = data.get("channel")
        if channel == Channel.EMAIL:
            data["target"] = self._addresses(data.get("addresses") or "")
        elif channel in (Channel.SLACK, Channel.TEAMS):
            data["target"] = self._webhook_url(channel, data.get("webhook_url") or "")
        return data

    def _addresses(self, text: str) -> str:
        addresses = email_addresses(text)
        if not addresses:
            raise ValidationError({"addresses": "Type at least one email address."})
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError:
                raise ValidationError(
                    {"addresses": f"{address!r} is not an email address."}
                ) from None
        return ", ".join(addresses)

    def _webhook_url(self, channel: str, url: str) -> str | None:
        if not url:
            if self.instance.pk and self.instance.channel == channel:
                return None
            raise ValidationError({"webhook_url": "Paste the channel's incoming webhook URL."})
        problems = [slack_url_error(url)] if channel == Channel.SLACK else outbound_url_errors(url)
        problem = next((problem for problem in problems if problem), None)
        if problem:
            raise ValidationError({"webhook_url": problem})
        return url


@admin.register(AlertDestination)
class AlertDestinationAdmin(admin.ModelAdmin):
    form = DestinationForm
    list_display = ["__str__", "channel", "scope", "shown_target", "enabled"]
    list_filter = ["channel", "enabled"]
    list_select_related = ["agent"]
    fields = ["agent", "channel", "addresses", "webhook_url", "enabled"]

    @admin.display(description="for")
    def scope(self, destination: AlertDestination) -> str:
        return destination.agent.name if destination.agent else "every alert of the site"

    @admin.display(description="sent to")
    def shown_target(self, destination: AlertDestination) -> str:
        return destination.target if destination.channel == Channel.EMAIL else STORED

    def save_model(
        self, request: HttpRequest, obj: AlertDestination, form: Any, change: bool
    ) -> None:
        data = form.cleaned_data
        destination_save(
            destination=obj,
            agent_id=data["agent"].pk if data.get("agent") else None,
            channel=data["channel"],
            target=data.get("target"),
            enabled=data["enabled"],
        )


@admin.register(AlertRules)
class AlertRulesAdmin(admin.ModelAdmin):
    """One row of thresholds: the list opens it."""

    fields = list(THRESHOLDS)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        page = reverse("admin:alerts_alertrules_change", args=[alert_rules().pk])
        return HttpResponseRedirect(page)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: AlertRules, form: Any, change: bool) -> None:
        alert_rules_save(thresholds={name: form.cleaned_data[name] for name in THRESHOLDS})


class OpenFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("open", "Open"), ("closed", "Recovered")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Incident]) -> QuerySet[Incident]:
        if self.value() in ("open", "closed"):
            return queryset.filter(closed_at__isnull=self.value() == "open")
        return queryset


class MessageInline(admin.TabularInline):
    """Each message sent about the incident, and why one could not be sent."""

    model = AlertMessage
    readonly_fields = ("event", "destination", "status", "attempts", "sent_at", "last_error")
    fields = readonly_fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Whoever sees the incident sees what was sent about it.
        return request.user.has_perm("alerts.view_incident")


@admin.register(Incident)
class IncidentAdmin(admin.ModelAdmin):
    inlines = [MessageInline]
    list_display = ["what", "kind", "since_shown", "recovered_shown", "silenced"]
    list_filter = [OpenFilter, "kind", "silenced"]
    list_select_related = ["agent"]
    search_fields = ["what", "last_error"]
    actions = ["silence", "silence_kind"]
    readonly_fields = ["kind", "what", "agent", "since_shown", "recovered_shown", "last_error"]
    fields = [*readonly_fields, "link", "silenced"]

    @admin.display(description="since", ordering="since")
    def since_shown(self, incident: Incident) -> str:
        return f"{local_text(incident.since, ZoneInfo(incident.zone))} ({incident.zone})"

    @admin.display(description="recovered", ordering="closed_at")
    def recovered_shown(self, incident: Incident) -> str:
        if incident.closed_at is None:
            return "open"
        return f"{local_text(incident.closed_at, ZoneInfo(incident.zone))} ({incident.zone})"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        found = super().get_actions(request)
        if not request.user.has_perm("alerts.change_incident"):
            found.pop("silence", None)
        if not request.user.has_perm("alerts.add_silencedkind"):
            found.pop("silence_kind", None)
        return found

    @admin.action(description="Silence these incidents (no more messages, nor on recovery)")
    def silence(self, request: HttpRequest, queryset: QuerySet[Incident]) -> None:
        for incident in queryset:
            incident_silence(incident=incident)
        self.message_user(request, f"Silenced {len(queryset)} incident(s).", messages.SUCCESS)

    @admin.action(description="Silence every alert of these incidents' kinds")
    def silence_kind(self, request: HttpRequest, queryset: QuerySet[Incident]) -> None:
        kinds = sorted(set(queryset.values_list("kind", flat=True)))
        for kind in kinds:
            kind_silence(kind=kind, by=request.user.get_username())
        self.message_user(
            request,
            f"Silenced {', '.join(kinds)}: delete the row under Silenced kinds to alert again.",
            messages.SUCCESS,
        )


@admin.register(SilencedKind)
class SilencedKindAdmin(admin.ModelAdmin):
    list_display = ["kind", "silenced_by", "created_at"]
    fields = ["kind"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: SilencedKind, form: Any, change: bool) -> None:
        kind_silence(kind=form.cleaned_data["kind"], by=request.user.get_username())
        obj.pk = SilencedKind.objects.get(kind=form.cleaned_data["kind"]).pk
