from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypedDict, cast
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet, Value
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from actions.models import (
    ActionRun,
    DeliveryAttempt,
    DeliveryStatus,
    FollowUp,
    FollowUpStatus,
    InboxRequest,
    WebhookDelivery,
    WebhookInbox,
)
from actions.selectors import inbox_url
from actions.services import (
    delivery_resend,
    followup_book_by_hand,
    followup_cancel,
    followup_reschedule,
)
from agents.models import Action, Agent
from console.admin.home_filters import FailingFilter
from console.admin.reasons import (
    ReasonForm,
    ReasonPage,
    RescheduleForm,
    list_action_page,
    reason_response,
    submitted,
)
from console.admin.times import WallClockField, ZonedAdmin, local_column, wall_clock_in, zone_note
from extraction.timezones import local_text

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class DeliveryAttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "number",
        "local_started",
        "status_code",
        "duration_ms",
        "error",
        "response_excerpt",
        "local_next_try",
    )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    # The delivery's page is rendered in the delivery's zone (ZonedAdmin).
    @admin.display(description="started")
    def local_started(self, attempt: DeliveryAttempt) -> str:
        return local_text(attempt.started_at, timezone.get_current_timezone())

    @admin.display(description="next try")
    def local_next_try(self, attempt: DeliveryAttempt) -> str:
        moment = attempt.next_try_at
        return local_text(moment, timezone.get_current_timezone()) if moment else "—"


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ZonedAdmin):
    list_display = [
        "message_id",
        "action",
        "agent",
        "call",
        "status",
        "attempt_count",
        "last_status_code",
        "local_next_attempt",
        "local_created",
    ]
    list_filter = ["status", FailingFilter, "is_test", "action__agent"]
    list_select_related = ["action__agent", "call"]
    show_full_result_count = False
    search_fields = ["message_id", "call__external_id", "url"]
    inlines = [DeliveryAttemptInline]
    actions = ["resend"]
    change_form_template = "admin/actions/object_tools.html"
    fields = readonly_fields = (
        "message_id",
        "action",
        "call",
        "action_run",
        "event_type",
        "sent_as",
        "method",
        "url",
        "content_type",
        "status",
        "attempt_count",
        "local_next_attempt",
        "last_status_code",
        "last_error",
        "local_created",
        "local_finished",
        "payload",
    )

    local_next_attempt = local_column("next_attempt_at", "next attempt")
    local_created = local_column("created_at", "queued")
    local_finished = local_column("finished_at", "finished")

    def zone_for(self, obj: WebhookDelivery) -> ZoneInfo:
        return obj.call.zone if obj.call is not None else ZoneInfo(obj.action.agent.timezone)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A delivery is a record of what was sent: its page is for reading; resending is
        # a button of its own, and a list action.
        return obj is None and super().has_change_permission(request)

    def may_resend(self, request: HttpRequest) -> bool:
        return request.user.has_perm("actions.change_webhookdelivery")

    def get_queryset(self, request: HttpRequest) -> QuerySet[WebhookDelivery]:
        queryset = super().get_queryset(request)
        match = request.resolver_match
        if match and match.url_name and match.url_name.endswith("changelist"):
            return queryset.defer("body")
        return queryset

    def get_urls(self) -> list[URLPattern]:
        resend = self.admin_site.admin_view(self.resend_view)
        return [
            path("<int:pk>/resend/", resend, name="actions_webhookdelivery_resend"),
            *super().get_urls(),
        ]

    def object_tools(self, request: HttpRequest, obj: WebhookDelivery) -> list[dict[str, str]]:
        if obj.status == DeliveryStatus.DELIVERING or not self.may_resend(request):
            return []
        url = reverse("admin:actions_webhookdelivery_resend", args=[obj.pk])
        return [{"url": url, "label": "Resend now…"}]

    @admin.display(ordering="action__agent__name")
    def agent(self, delivery: WebhookDelivery) -> str:
        return delivery.action.agent.name

    @admin.display(description="sent as")
    def sent_as(self, delivery: WebhookDelivery) -> str:
        if delivery.is_test:
            return "a test event, sent by hand: never retried"
        return "an event of a call: retried until the receiver answers 2xx or it gives up"

    @admin.display(description="payload (the exact bytes sent)")
    def payload(self, delivery: WebhookDelivery) -> SafeString:
        if delivery.content_type != "application/json":
            return format_html("<pre>{}</pre>", delivery.body)
        pretty = json.dumps(json.loads(delivery.body), indent=2, ensure_ascii=False)
        return format_html("<pre>{}</pre>", pretty)

    def resend_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        delivery = get_object_or_404(WebhookDelivery.objects.defer("body"), pk=pk)
        if not self.may_resend(request):
            raise PermissionDenied
        back = reverse("admin:actions_webhookdelivery_change", args=[pk])
        current_url = delivery.action.config.get("url", delivery.url)
        page = ReasonPage(
            title=f"Resend {delivery.message_id}",
            what=[RESEND_SAYS, f"It goes to the action's URL as it is now: {current_url}."],
            submit_label="Resend now",
            back_url=back,
        )
        form = ReasonForm(request.POST if submitted(request) else None)
        if not form.is_valid():
            return reason_response(self, request, page, form)
        if delivery.status == DeliveryStatus.DELIVERING:
            self.message_user(request, "Not resent: it is being sent now.", messages.WARNING)
            return HttpResponseRedirect(back)
        self._resend_one(request, delivery, form.cleaned_data["reason"])
        self.message_user(request, "Queued again, with the same webhook-id.")
        return HttpResponseRedirect(back)

    def _resend_one(self, request: HttpRequest, delivery: WebhookDelivery, reason: str) -> None:
        delivery_resend(delivery=delivery)
        self.log_change(request, delivery, f"Resent now, with the same webhook-id: {reason}")

    @admin.action(description="Resend now (same webhook-id)", permissions=["change"])
    def resend(
        self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]
    ) -> HttpResponse | None:
        form = ReasonForm(request.POST if submitted(request) else None)
        if not form.is_valid():
            page = list_action_page(request, queryset, title="Resend now", what=[RESEND_SAYS])
            return reason_response(self, request, page, form)
        deliveries = list(queryset.exclude(status=DeliveryStatus.DELIVERING).defer("body"))
        for delivery in deliveries:
            self._resend_one(request, delivery, form.cleaned_data["reason"])
        self.message_user(request, f"{len(deliveries)} delivery(ies) queued again.")
        return None


RESEND_SAYS = (
    "Resending sends the same bytes again, with the same webhook-id, so a receiver that "
    "deduplicates on it takes it for the same event."
)


@admin.register(ActionRun)
class ActionRunAdmin(ZonedAdmin):
    list_display = ["action", "call", "outcome", "reason", "run", "local_created"]
    list_filter = ["outcome", "action__type", "action__agent"]
    list_select_related = ["action", "call"]
    search_fields = ["call__external_id", "action__name"]
    readonly_fields = ["local_created"]

    local_created = local_column("created_at", "decided")

    def zone_for(self, obj: ActionRun) -> ZoneInfo:
        return obj.call.zone

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="extraction run", ordering="extraction_run")
    def run(self, decision: ActionRun) -> int | None:
        return decision.extraction_run_id


class AgentWithZoneField(forms.ModelChoiceField):
    """An agent named with its zone: the due time is typed in that zone."""

    def label_from_instance(self, obj: Agent) -> str:
        return f"{obj.name} ({obj.timezone})"


class FollowUpForm(forms.ModelForm):
    due_at = WallClockField(
        widget=AdminSplitDateTime, help_text="In the agent's time zone (named beside it above)."
    )

    class Meta:
        model = FollowUp
        fields = ["agent", "to_number", "from_number", "due_at"]
        field_classes = {"agent": AgentWithZoneField}

    def validate_unique(self) -> None:
        # Booking by hand moves an existing pending follow-up to the same number
        # instead of refusing a second one.
        return

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        agent, typed = data.get("agent"), data.get("due_at")
        if agent is None or typed is None:
            return data
        data["due_at"] = wall_clock_in(typed, ZoneInfo(agent.timezone))
        self.instance.due_at = data["due_at"]
        if data["due_at"] <= timezone.now():
            self.add_error("due_at", "The due time must be in the future.")
        return data


FOLLOW_UP_DETAIL_FIELDS = [
    "agent",
    "to_number",
    "from_number",
    "local_due",
    "status",
    "attempts",
    "dialer",
    "dialer_reference",
    "source_call",
    "action_run",
    "result_call",
    "history_list",
]
CANCELABLE = (FollowUpStatus.PENDING, FollowUpStatus.CLAIMED)


@admin.register(FollowUp)
class FollowUpAdmin(ZonedAdmin):
    form = FollowUpForm
    list_display = [
        "to_number",
        "agent",
        "local_due",
        "status",
        "attempts",
        "dialer",
        "source_call",
        "last_reason",
    ]
    list_filter = ["due_at", "status", "agent", "dialer"]
    list_select_related = ["agent", "source_call"]
    search_fields = ["to_number", "source_call__external_id"]
    show_full_result_count = False
    actions = ["cancel"]
    change_form_template = "admin/actions/object_tools.html"

    local_due = local_column("due_at", "due")

    def zone_for(self, obj: FollowUp) -> ZoneInfo:
        return obj.zone

    def get_queryset(self, request: HttpRequest) -> QuerySet[FollowUp]:
        return super().get_queryset(request).select_related("agent", "source_call")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Its page is for reading: rescheduling and cancelling are buttons that ask why.
        return obj is None and super().has_change_permission(request)

    def may_change(self, request: HttpRequest) -> bool:
        return request.user.has_perm("actions.change_followup")

    def get_readonly_fields(self, request: HttpRequest, obj: FollowUp | None = None) -> Any:
        return FOLLOW_UP_DETAIL_FIELDS if obj is not None else ["history_list"]

    def get_fields(self, request: HttpRequest, obj: FollowUp | None = None) -> Any:
        return FOLLOW_UP_DETAIL_FIELDS if obj is not None else FollowUpForm.Meta.fields

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "<int:pk>/reschedule/",
                self.admin_site.admin_view(self.reschedule_view),
                name="actions_followup_reschedule",
            ),
            path(
                "<int:pk>/cancel/",
                self.admin_site.admin_view(self.cancel_view),
                name="actions_followup_cancel",
            ),
            *super().get_urls(),
        ]

    def object_tools(self, request: HttpRequest, obj: FollowUp) -> list[dict[str, str]]:
        if not self.may_change(request):
            return []
        tools = []
        if obj.status == FollowUpStatus.PENDING:
            url = reverse("admin:actions_followup_reschedule", args=[obj.pk])
            tools.append({"url": url, "label": "Reschedule…"})
        if obj.status in CANCELABLE:
            url = reverse("admin:actions_followup_cancel", args=[obj.pk])
            tools.append({"url": url, "label": "Cancel this follow-up…"})
        return tools

    def save_model(self, request: HttpRequest, obj: FollowUp, form: Any, change: bool) -> None:
        booked = followup_book_by_hand(
            agent=obj.agent,
            to_number=obj.to_number,
            from_number=obj.from_number,
            due_at=obj.due_at,
            by=request.user.get_username(),
        )
        obj.pk = booked.pk

    def _followup_for(self, request: HttpRequest, pk: int) -> FollowUp:
        followup = get_object_or_404(FollowUp.objects.select_related("agent", "source_call"), pk=pk)
        if not self.may_change(request):
            raise PermissionDenied
        return followup

    def reschedule_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        followup = self._followup_for(request, pk)
        back = reverse("admin:actions_followup_change", args=[pk])
        zone = followup.zone
        # The new time is typed, shown and read in the follow-up's zone.
        with timezone.override(zone):
            form = RescheduleForm(
                request.POST if submitted(request) else None,
                initial={"due_at": followup.due_at},
            )
            form.fields["due_at"].help_text = zone_note(zone)
            if not form.is_valid():
                page = ReasonPage(
                    title=f"Reschedule {followup}",
                    what=[f"Due {local_text(followup.due_at, zone)}."],
                    submit_label="Reschedule",
                    back_url=back,
                )
                response = reason_response(self, request, page, form)
                return response.render()
        moved = followup_reschedule(
            followup=followup,
            due_at=form.cleaned_data["due_at"],
            by=request.user.get_username(),
            reason=form.cleaned_data["reason"],
        )
        if moved:
            when = local_text(form.cleaned_data["due_at"], zone)
            self.log_change(
                request, followup, f"Rescheduled to {when}: {form.cleaned_data['reason']}"
            )
            self.message_user(request, f"Rescheduled to {when}.")
        else:
            self.message_user(request, NOT_PENDING, messages.WARNING)
        return HttpResponseRedirect(back)

    def cancel_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        followup = self._followup_for(request, pk)
        back = reverse("admin:actions_followup_change", args=[pk])
        form = ReasonForm(request.POST if submitted(request) else None)
        if not form.is_valid():
            page = ReasonPage(
                title=f"Cancel {followup}",
                what=[f"Due {local_text(followup.due_at, followup.zone)}; it will not be called."],
                submit_label="Cancel the follow-up",
                back_url=back,
            )
            return reason_response(self, request, page, form)
        if self._cancel_one(request, followup, form.cleaned_data["reason"]):
            self.message_user(request, "The follow-up is canceled.")
        else:
            self.message_user(request, CANNOT_CANCEL, messages.WARNING)
        return HttpResponseRedirect(back)

    def _cancel_one(self, request: HttpRequest, followup: FollowUp, reason: str) -> bool:
        by = request.user.get_username()
        if not followup_cancel(followup=followup, reason=f"canceled by hand by {by}: {reason}"):
            return False
        self.log_change(request, followup, f"Canceled by hand: {reason}")
        return True

    @admin.display(description="last reason")
    def last_reason(self, followup: FollowUp) -> str:
        return followup.history[-1]["reason"] if followup.history else ""

    @admin.display(description="history")
    def history_list(self, followup: FollowUp) -> SafeString:
        zone = followup.zone
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} — {}</li>",
                (
                    (local_text(datetime.fromisoformat(entry["at"]), zone), entry["reason"])
                    for entry in followup.history
                ),
            ),
        )

    @admin.action(description="Cancel selected follow-ups", permissions=["change"])
    def cancel(self, request: HttpRequest, queryset: QuerySet[FollowUp]) -> HttpResponse | None:
        form = ReasonForm(request.POST if submitted(request) else None)
        if not form.is_valid():
            page = list_action_page(
                request,
                queryset,
                title="Cancel selected follow-ups",
                what=["Those not yet handed to a dialer will not be called."],
            )
            return reason_response(self, request, page, form)
        canceled = sum(
            self._cancel_one(request, followup, form.cleaned_data["reason"])
            for followup in queryset
        )
        skipped = queryset.count() - canceled
        self.message_user(request, f"{canceled} follow-up(s) canceled.")
        if skipped:
            self.message_user(request, f"{skipped} {CANNOT_CANCEL}", messages.WARNING)
        return None


NOT_PENDING = "The due time was not changed: the follow-up is no longer pending."
CANNOT_CANCEL = "could not be canceled: already dialing or finished."


def pretty_body(body: str) -> str:
    """A JSON body indented for reading; any other body as received."""
    try:
        return json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    except ValueError:
        return body


class InboxRequestInline(admin.StackedInline):
    model = InboxRequest
    extra = 0
    fields = readonly_fields = ("received_at", "method", "signature", "headers_list", "pretty_body")
    verbose_name = "received request"
    verbose_name_plural = "received requests (newest first)"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="signature")
    def signature(self, received: InboxRequest) -> str:
        return received.signature_note

    @admin.display(description="headers")
    def headers_list(self, received: InboxRequest) -> SafeString:
        lines = "\n".join(f"{name}: {value}" for name, value in received.headers.items())
        return format_html("<pre>{}</pre>", lines)

    @admin.display(description="body")
    def pretty_body(self, received: InboxRequest) -> SafeString:
        return format_html("<pre>{}</pre>", pretty_body(received.body))


class WebhookActionField(forms.ModelChoiceField):
    """A webhook action, named with its agent: inboxes of every agent share the list."""

    def label_from_instance(self, obj: Action) -> str:
        return f"{obj.agent.name} — {obj.name}"


class WebhookInboxForm(forms.ModelForm):
    class Meta:
        model = WebhookInbox
        fields = ["name", "action"]
        field_classes = {"action": WebhookActionField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "action" in self.fields:
            # self.fields holds copies of the declared fields, typed as plain Fields.
            action = cast(WebhookActionField, self.fields["action"])
            action.queryset = Action.objects.filter(type="webhook").select_related("agent")


class InboxTotals(TypedDict):
    request_total: int


def served_at(inbox: WebhookInbox) -> str:
    """The address the page showing the inbox is served at, as its queryset noted it."""
    return str(getattr(inbox, "served_at", ""))


@admin.register(WebhookInbox)
class WebhookInboxAdmin(admin.ModelAdmin):
    form = WebhookInboxForm
    list_display = ["name", "address", "action", "request_count", "created_at"]
    list_select_related = ["action"]
    readonly_fields = ["url", "created_at"]
    fields = ["name", "action", "url", "created_at"]
    inlines = [InboxRequestInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[WebhookInbox]:
        # Each inbox's URL is shown on the address this page is served at.
        return (
            super()
            .get_queryset(request)
            .annotate(
                request_total=Count("requests"),
                served_at=Value(request.build_absolute_uri("/")),
            )
        )

    def get_inline_instances(self, request: HttpRequest, obj: WebhookInbox | None = None) -> Any:
        # A new inbox has received nothing yet.
        return super().get_inline_instances(request, obj) if obj is not None else []

    @admin.display(description="requests", ordering="request_total")
    def request_count(self, inbox: WithAnnotations[WebhookInbox, InboxTotals]) -> int:
        return inbox.request_total

    @admin.display(description="URL")
    def address(self, inbox: WebhookInbox) -> SafeString:
        return format_html("<code>{}</code>", inbox_url(inbox, base=served_at(inbox)))

    @admin.display(description="URL")
    def url(self, inbox: WebhookInbox) -> SafeString:
        if not inbox.pk:
            return format_html("{}", "shown once the inbox is saved")
        return format_html(
            "<code>{}</code><div class='help'>Use it as a webhook action's URL; what arrives "
            "is listed below, newest first (the last {} are kept).</div>",
            inbox_url(inbox, base=served_at(inbox)),
            settings.INBOX_KEEP_REQUESTS,
        )
