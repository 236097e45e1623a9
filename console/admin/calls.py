from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.forms.fields import InvalidJSONInput
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from calls.analysis import extraction_run_start
from calls.models import Call, RerunBatch
from calls.reruns import rerun_batch_create, rerun_batch_progress
from calls.services import call_create, call_errors, unstorable_errors
from console.admin.call_filters import ExtractedValueFilter, agent_value_filters
from console.analysis import call_analysis
from console.analysis_status import analysis_state
from extraction.text import TextInvalid, check_storable
from extraction.transcripts import TranscriptInvalid, parse_transcript, transcript_as_text
from infra.queue import enqueue


class TranscriptField(forms.Field):
    """A transcript typed as "Agent: …" / "User: …" lines, stored as turns."""

    widget = forms.Textarea(attrs={"rows": 12, "cols": 90})

    def prepare_value(self, value: Any) -> str:
        return transcript_as_text(value) if isinstance(value, list) else value or ""

    def to_python(self, value: Any) -> list[dict[str, Any]]:
        try:
            return parse_transcript("" if value in self.empty_values else str(value).strip())
        except TranscriptInvalid as error:
            raise forms.ValidationError(str(error)) from error


class StorableJSONField(forms.JSONField):
    """JSON whose text can be stored and shown again: a lone surrogate written as an escape
    is refused, and the page shows what was typed instead of failing to render it."""

    def to_python(self, value: Any) -> Any:
        converted = super().to_python(value)
        try:
            check_storable(converted, "the JSON")
        except TextInvalid as error:
            raise forms.ValidationError(str(error)) from error
        return converted

    def bound_data(self, data: Any, initial: Any) -> Any:
        bound = super().bound_data(data, initial)
        try:
            check_storable(bound)
        except TextInvalid:
            return InvalidJSONInput(data)
        return bound


STORED_TEXT = ("external_id", "from_number", "to_number", "transcript", "metadata")


class CallAddForm(forms.ModelForm):
    transcript = TranscriptField(
        required=False, help_text="One turn a line, starting with 'Agent:' or 'User:'."
    )
    metadata = StorableJSONField(required=False, initial=dict)

    class Meta:
        model = Call
        fields = [
            "agent",
            "external_id",
            "direction",
            "from_number",
            "to_number",
            "started_at",
            "ended_at",
            "timezone",
            "transcript",
            "metadata",
            "follows_up",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["timezone"].required = False
        self.fields["timezone"].help_text = "IANA time zone; empty means the agent's."

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("agent") and not data.get("timezone"):
            data["timezone"] = data["agent"].timezone
            self.instance.timezone = data["timezone"]
        if data.get("started_at") and data.get("timezone"):
            problems = call_errors(
                started_at=data["started_at"],
                ended_at=data.get("ended_at"),
                timezone=data["timezone"],
                direction=data.get("direction", ""),
            )
            for key, message in problems.items():
                self.add_error(key, message)
        stored = {key: data.get(key) for key in STORED_TEXT if key in data}
        for key, message in unstorable_errors(**stored).items():
            self.add_error(key, message)
        return data


def conversation_html(turns: list[dict[str, Any]]) -> SafeString:
    if not turns:
        return format_html("<p>No transcript.</p>")
    rows = format_html_join(
        "",
        '<div class="turn turn-{}"><span class="speaker">{}</span>{}<p>{}</p></div>',
        (
            (
                turn["role"],
                "Agent" if turn["role"] == "agent" else "Customer",
                format_html(' <span class="offset">{}s</span>', turn["offset"])
                if turn.get("offset") is not None
                else "",
                turn["text"],
            )
            for turn in turns
        ),
    )
    return format_html('<div class="conversation">{}</div>', rows)


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = [
        "external_id",
        "agent",
        "status",
        "local_start",
        "duration",
        "from_number",
        "to_number",
    ]
    list_filter = ["status", "agent", "direction"]
    actions = ["rerun_selected", "rerun_selected_firing_actions"]
    show_full_result_count = False
    list_select_related = ["agent"]
    search_fields = ["external_id", "from_number", "to_number"]
    change_form_template = "admin/calls/call/change_form.html"
    readonly_fields = [
        "agent",
        "external_id",
        "direction",
        "from_number",
        "to_number",
        "local_start",
        "ended_at",
        "timezone",
        "status",
        "follows_up",
        "metadata",
        "created_at",
        "analysis_summary",
        "conversation",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("agent", "external_id", "status"),
                    ("direction", "from_number", "to_number"),
                    ("local_start", "ended_at", "timezone"),
                    ("follows_up", "created_at"),
                    "metadata",
                ]
            },
        ),
        ("AI Analysis", {"fields": ["analysis_summary"]}),
        ("Transcript", {"fields": ["conversation"]}),
    ]

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        by_value = agent_value_filters(request.GET.get("agent__id__exact"))
        return ["started_at", "status", "agent", *by_value, "direction", ExtractedValueFilter]

    def has_rerun_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("calls.rerun_call")

    @admin.action(description="Re-run the analysis of selected calls", permissions=["rerun"])
    def rerun_selected(self, request: HttpRequest, queryset: QuerySet[Call]) -> HttpResponse:
        return self._rerun(request, queryset, fire_actions=False)

    @admin.action(
        description="Re-run selected calls and decide their actions again", permissions=["rerun"]
    )
    def rerun_selected_firing_actions(
        self, request: HttpRequest, queryset: QuerySet[Call]
    ) -> HttpResponse:
        return self._rerun(request, queryset, fire_actions=True)

    def _rerun(
        self, request: HttpRequest, queryset: QuerySet[Call], *, fire_actions: bool
    ) -> HttpResponse:
        call_ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        batch = rerun_batch_create(
            call_ids=call_ids, fire_actions=fire_actions, by=request.user.get_username()
        )
        transaction.on_commit(
            lambda: enqueue("console.tasks.log_rerun_batch", batch.pk, request.user.pk)
        )
        return HttpResponseRedirect(reverse("admin:calls_call_rerun_batch", args=[batch.pk]))

    def get_queryset(self, request: HttpRequest) -> QuerySet[Call]:
        queryset = super().get_queryset(request)
        match = request.resolver_match
        if match and match.url_name and match.url_name.endswith("changelist"):
            return queryset.defer("transcript", "metadata")
        return queryset

    def get_form(
        self, request: HttpRequest, obj: Call | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm]:
        if obj is None:
            kwargs["form"] = CallAddForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request: HttpRequest, obj: Call | None = None) -> Any:
        if obj is None:
            return [(None, {"fields": CallAddForm.Meta.fields})]
        return self.fieldsets

    def get_readonly_fields(self, request: HttpRequest, obj: Call | None = None) -> Any:
        return self.readonly_fields if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Call, form: Any, change: bool) -> None:
        """A call added here is stored as the API stores one, and analysed the same way."""
        if change:
            return
        data = form.cleaned_data
        call, _ = call_create(
            agent=data["agent"],
            external_id=data["external_id"],
            started_at=data["started_at"],
            ended_at=data.get("ended_at"),
            timezone=data["timezone"],
            direction=data["direction"],
            from_number=data["from_number"],
            to_number=data["to_number"],
            transcript=data["transcript"],
            metadata=data.get("metadata"),
            follows_up=data.get("follows_up"),
        )
        obj.pk = call.pk

    @admin.display(description="started (local)", ordering="started_at")
    def local_start(self, call: Call) -> str:
        return call.started_at.astimezone(call.zone).strftime("%a %Y-%m-%d %H:%M %Z")

    @admin.display(description="duration")
    def duration(self, call: Call) -> str:
        if call.ended_at is None:
            return "—"
        seconds = int((call.ended_at - call.started_at).total_seconds())
        return f"{seconds // 60}:{seconds % 60:02d}"

    @admin.display(description="")
    def analysis_summary(self, call: Call) -> SafeString:
        url = reverse("admin:calls_call_analysis", args=[call.pk])
        return format_html(
            '<a href="{}">Open the AI Analysis</a> · {}', url, call.get_status_display()
        )

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "<int:pk>/analysis/",
                self.admin_site.admin_view(self.analysis_view),
                name="calls_call_analysis",
            ),
            path(
                "<int:pk>/analysis/status/",
                self.admin_site.admin_view(self.analysis_status_view),
                name="calls_call_analysis_status",
            ),
            path(
                "rerun-batches/<int:batch_id>/",
                self.admin_site.admin_view(self.rerun_batch_view),
                name="calls_call_rerun_batch",
            ),
            path(
                "<int:pk>/rerun/",
                self.admin_site.admin_view(self.rerun_view),
                name="calls_call_rerun",
            ),
            *super().get_urls(),
        ]

    def analysis_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        call = get_object_or_404(Call.objects.select_related("agent"), pk=pk)
        if not self.has_view_permission(request, call):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": call,
            "title": f"AI Analysis of call {call.external_id or call.pk}",
            "analysis": call_analysis(call=call),
            "local_start": self.local_start(call),
            "can_rerun": request.user.has_perm("calls.rerun_call"),
            "can_open_actions": request.user.has_perm("actions.view_webhookdelivery"),
            "live": analysis_state(call=call),
        }
        return TemplateResponse(request, "admin/calls/call/analysis.html", context)

    def analysis_status_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Where the call's analysis stands, as JSON, for its pages to poll while it runs."""
        call = get_object_or_404(Call, pk=pk)
        if not self.has_view_permission(request, call):
            raise PermissionDenied
        return JsonResponse(analysis_state(call=call).as_dict())

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        call = Call.objects.filter(pk=object_id).first() if object_id.isdigit() else None
        live = {"live": analysis_state(call=call)} if call else {}
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **live})

    def rerun_batch_view(self, request: HttpRequest, batch_id: int) -> HttpResponse:
        """The progress of a bulk re-run: a page, or its figures as JSON for the page to poll."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        batch = get_object_or_404(RerunBatch.objects.defer("call_ids"), pk=batch_id)
        progress = rerun_batch_progress(batch=batch)
        if request.GET.get("format") == "json":
            return JsonResponse(
                {**asdict(progress), "done": progress.done, "percent": progress.percent}
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Re-run of {batch.total} calls",
            "batch": batch,
            "progress": progress,
        }
        return TemplateResponse(request, "admin/calls/call/rerun_batch.html", context)

    def rerun_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        call = get_object_or_404(Call.objects.select_related("agent"), pk=pk)
        if request.method != "POST" or not request.user.has_perm("calls.rerun_call"):
            raise PermissionDenied
        if not call.transcript:
            self.message_user(request, "This call has no transcript.", messages.ERROR)
        else:
            fire = bool(request.POST.get("fire_actions"))
            run = extraction_run_start(call=call, fire_actions=fire)
            self.log_change(
                request, call, f"Re-ran the analysis (run {run.pk}); {self._rerun_note(fire)}"
            )
            self.message_user(
                request,
                f"Extraction run {run.pk} queued"
                + (
                    ": actions will be decided again." if fire else "; actions will not fire again."
                ),
            )
        return HttpResponseRedirect(reverse("admin:calls_call_analysis", args=[pk]))

    @staticmethod
    def _rerun_note(fire_actions: bool) -> str:
        return "actions decided again." if fire_actions else "actions not fired again."

    @admin.display(description="conversation")
    def conversation(self, call: Call) -> SafeString:
        return conversation_html(call.transcript)
