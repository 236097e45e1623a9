from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TypedDict, cast

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Count, QuerySet, Value
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from actions.followups import followup_book_by_hand, followup_cancel, followup_reschedule
from actions.inbox import inbox_url
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
from actions.webhooks.queueing import delivery_resend
from agents.models import Action

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class DeliveryAttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "number",
        "started_at",
        "status_code",
        "duration_ms",
        "error",
        "response_excerpt",
        "next_try_at",
    )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "message_id",
        "action",
        "agent",
        "call",
        "status",
        "attempt_count",
        "last_status_code",
        "next_attempt_at",
        "created_at",
    ]
    list_filter = ["status", "is_test", "action__agent"]
    list_select_related = ["action__agent", "call"]
    show_full_result_count = False
    search_fields = ["message_id", "call__external_id", "url"]
    inlines = [DeliveryAttemptInline]
    actions = ["resend"]
    fields = readonly_fields = (
        "message_id",
        "action",
        "call",
        "action_run",
        "event_type",
        "is_test",
        "url",
        "status",
        "attempt_count",
        "next_attempt_at",
        "last_status_code",
        "last_error",
        "created_at",
        "finished_at",
        "payload",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[WebhookDelivery]:
        queryset = super().get_queryset(request)
        match = request.resolver_match
        if match and match.url_name and match.url_name.endswith("changelist"):
            return queryset.defer("body")
        return queryset

    @admin.display(ordering="action__agent__name")
    def agent(self, delivery: WebhookDelivery) -> str:
        return delivery.action.agent.name

    @admin.display(description="payload (the exact bytes sent)")
    def payload(self, delivery: WebhookDelivery) -> SafeString:
        pretty = json.dumps(json.loads(delivery.body), indent=2, ensure_ascii=False)
        return format_html("<pre>{}</pre>", pretty)

    @admin.action(description="Resend now (same webhook-id)", permissions=["change"])
    def resend(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        deliveries = list(queryset.exclude(status=DeliveryStatus.DELIVERING))
        for delivery in deliveries:
            delivery_resend(delivery=delivery)
            self.log_change(request, delivery, "Resent now, with the same webhook-id.")
        self.message_user(request, f"{len(deliveries)} delivery(ies) queued again.")


@admin.register(ActionRun)
class ActionRunAdmin(admin.ModelAdmin):
    list_display = ["action", "call", "outcome", "reason", "run", "created_at"]
    list_filter = ["outcome", "action__type", "action__agent"]
    list_select_related = ["action", "call"]
    search_fields = ["call__external_id", "action__name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="extraction run", ordering="extraction_run")
    def run(self, decision: ActionRun) -> int | None:
        return decision.extraction_run_id


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["agent", "to_number", "from_number", "due_at"]

    def validate_unique(self) -> None:
        # Booking by hand moves an existing pending follow-up to the same number
        # instead of refusing a second one.
        return

    def clean_due_at(self) -> Any:
        due_at = self.cleaned_data["due_at"]
        if due_at <= timezone.now():
            raise forms.ValidationError("The due time must be in the future.")
        return due_at


FOLLOW_UP_DETAIL_FIELDS = [
    "agent",
    "to_number",
    "from_number",
    "due_at",
    "status",
    "attempts",
    "dialer",
    "dialer_reference",
    "source_call",
    "action_run",
    "result_call",
    "history_list",
]


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    form = FollowUpForm
    list_display = [
        "to_number",
        "agent",
        "due_at",
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

    def get_readonly_fields(self, request: HttpRequest, obj: FollowUp | None = None) -> Any:
        if obj is None:
            return ["history_list"]
        editable = {"due_at"} if obj.status == FollowUpStatus.PENDING else set()
        return [name for name in FOLLOW_UP_DETAIL_FIELDS if name not in editable]

    def get_fields(self, request: HttpRequest, obj: FollowUp | None = None) -> Any:
        return FOLLOW_UP_DETAIL_FIELDS if obj is not None else FollowUpForm.Meta.fields

    def save_model(self, request: HttpRequest, obj: FollowUp, form: Any, change: bool) -> None:
        by = request.user.get_username()
        if change:
            moved = "due_at" in form.changed_data and followup_reschedule(
                followup=obj, due_at=form.cleaned_data["due_at"], by=by
            )
            if "due_at" in form.changed_data and not moved:
                self.message_user(
                    request,
                    "The due time was not changed: the follow-up is no longer pending.",
                    messages.WARNING,
                )
            return
        booked = followup_book_by_hand(
            agent=obj.agent,
            to_number=obj.to_number,
            from_number=obj.from_number,
            due_at=obj.due_at,
            by=by,
        )
        obj.pk = booked.pk

    @admin.display(description="last reason")
    def last_reason(self, followup: FollowUp) -> str:
        return followup.history[-1]["reason"] if followup.history else ""

    @admin.display(description="history")
    def history_list(self, followup: FollowUp) -> SafeString:
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} — {}</li>",
                (
                    (entry["at"][:19].replace("T", " "), entry["reason"])
                    for entry in followup.history
                ),
            ),
        )

    @admin.action(description="Cancel selected follow-ups", permissions=["change"])
    def cancel(self, request: HttpRequest, queryset: QuerySet[FollowUp]) -> None:
        by = request.user.get_username()
        canceled = 0
        for followup in queryset:
            if followup_cancel(followup=followup, reason=f"canceled by hand by {by}"):
                self.log_change(request, followup, "Canceled by hand.")
                canceled += 1
        skipped = queryset.count() - canceled
        self.message_user(request, f"{canceled} follow-up(s) canceled.")
        if skipped:
            self.message_user(
                request,
                f"{skipped} could not be canceled: already dialing or finished.",
                messages.WARNING,
            )


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
