from __future__ import annotations

from dataclasses import asdict
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.forms.fields import InvalidJSONInput
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.views.decorators.http import require_POST

from actions.selectors import review_waiting_for
from agents.config import ConfigInvalid
from agents.models import AgentVersion
from calls.analysis import extraction_run_start
from calls.exports import calls_csv, export_field_names, items_text
from calls.models import Call, RerunBatch
from calls.reruns import rerun_batch_create, rerun_batch_progress
from calls.services import call_create, call_errors, unstorable_errors
from console.admin.call_filters import (
    ExtractedValueFilter,
    LowestConfidenceFilter,
    ValueColumnsFilter,
    agent_value_filters,
    chosen_columns,
)
from console.admin.context import page_context
from console.admin.home_filters import FailureFilter
from console.admin.times import WallClockField, ZonedAdmin, local_column, wall_clock_in
from console.analysis import call_analysis, version_label
from console.analysis_status import analysis_state
from console.rerun_preview import BULK_PREVIEW_CALLS, bulk_rerun_preview, call_rerun_preview
from console.trial import TrialInvalid, saved_config_trial, trial_call
from extraction.text import TextInvalid, check_storable
from extraction.timezones import local_text
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
    started_at = WallClockField(
        widget=AdminSplitDateTime, help_text="In the call's time zone (below)."
    )
    ended_at = WallClockField(
        widget=AdminSplitDateTime, required=False, help_text="In the call's time zone (below)."
    )
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
        self.fields[
            "timezone"
        ].help_text = (
            "IANA time zone, the one the start and end are typed in; empty means the agent's."
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("agent") and not data.get("timezone"):
            data["timezone"] = data["agent"].timezone
            self.instance.timezone = data["timezone"]
        if data.get("timezone") and "timezone" not in self.errors:
            zone = ZoneInfo(data["timezone"])
            for key in ("started_at", "ended_at"):
                if data.get(key):
                    data[key] = wall_clock_in(data[key], zone)
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
        return format_html("<p>{}</p>", "No transcript.")
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


VERSION_FIELD = forms.IntegerField(
    required=False,
    min_value=1,
    label="Config version",
    help_text="For a re-run of one agent's calls: the version to extract with. "
    "Empty: each agent's current version.",
)


class RerunActionForm(helpers.ActionForm):
    version = VERSION_FIELD


def value_column(name: str) -> Any:
    """A list column showing one field's value from each call's latest analysis."""

    @admin.display(description=name)
    def column(call: Call) -> str:
        values = call.latest_run.values if call.latest_run else {}
        value = values.get(name)
        if value is None:
            return "—"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, list):
            return items_text(value)
        return str(value)

    column.__name__ = f"value_{name}"
    return column


@admin.register(Call)
class CallAdmin(ZonedAdmin):
    action_form = RerunActionForm
    list_display = [
        "external_id",
        "agent",
        "status",
        "lowest_confidence_column",
        "local_start",
        "duration",
        "from_number",
        "to_number",
    ]
    list_filter = ["status", "agent", "direction"]
    actions = ["rerun_selected", "rerun_selected_firing_actions"]
    show_full_result_count = False
    list_select_related = ["agent"]
    search_fields = ["external_id", "from_number", "to_number", "search_text"]
    search_help_text = (
        "Finds the customer's name, any extracted value, words said in the call, the "
        "external id or a number."
    )
    change_form_template = "admin/calls/call/change_form.html"
    change_list_template = "admin/calls/call/change_list.html"
    readonly_fields = [
        "agent",
        "external_id",
        "direction",
        "from_number",
        "to_number",
        "local_start",
        "local_end",
        "timezone",
        "status",
        "follows_up",
        "metadata",
        "local_created",
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
                    ("local_start", "local_end", "timezone"),
                    ("follows_up", "local_created"),
                    "metadata",
                ]
            },
        ),
        ("AI Analysis", {"fields": ["analysis_summary"]}),
        ("Transcript", {"fields": ["conversation"]}),
    ]

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        by_value = agent_value_filters(request.GET.get("agent__id__exact"))
        return [
            "started_at",
            "status",
            FailureFilter,
            "agent",
            *by_value,
            "direction",
            LowestConfidenceFilter,
            ExtractedValueFilter,
            ValueColumnsFilter,
        ]

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        return [*self.list_display, *(value_column(name) for name in chosen_columns(request))]

    def get_list_select_related(self, request: HttpRequest) -> list[str]:
        return ["agent", "latest_run"] if chosen_columns(request) else ["agent"]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Call], search_term: str
    ) -> tuple[QuerySet[Call], bool]:
        # The search text is stored casefolded: a casefolded term matches it whatever
        # its letters, on SQLite as on PostgreSQL.
        return super().get_search_results(request, queryset, search_term.casefold())

    def has_rerun_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("calls.rerun_call")

    @admin.action(description="Re-run the analysis of selected calls", permissions=["rerun"])
    def rerun_selected(self, request: HttpRequest, queryset: QuerySet[Call]) -> HttpResponse | None:
        return self._rerun(request, queryset, fire_actions=False)

    @admin.action(
        description="Re-run selected calls and decide their actions again", permissions=["rerun"]
    )
    def rerun_selected_firing_actions(
        self, request: HttpRequest, queryset: QuerySet[Call]
    ) -> HttpResponse | None:
        if not request.POST.get("confirmed"):
            return self._confirm_bulk_rerun(request, queryset)
        return self._rerun(request, queryset, fire_actions=True)

    def _confirm_bulk_rerun(self, request: HttpRequest, queryset: QuerySet[Call]) -> HttpResponse:
        select_across = request.POST.get("select_across") == "1"
        ordered = queryset.select_related("agent", "latest_run").order_by("pk")
        total = queryset.count()
        bulk = bulk_rerun_preview(calls=ordered[:BULK_PREVIEW_CALLS], total=total)
        context = page_context(
            self,
            request,
            title=f"Re-run {total} call(s) and decide their actions again?",
            bulk=bulk,
            post_url=request.get_full_path(),
            back_url=request.get_full_path(),
            action="rerun_selected_firing_actions",
            select_across=select_across,
            selected=[] if select_across else list(queryset.values_list("pk", flat=True)),
            version=request.POST.get("version", "").strip(),
        )
        return TemplateResponse(request, "admin/calls/call/rerun_confirm.html", context)

    def _confirm_rerun(self, request: HttpRequest, call: Call) -> HttpResponse:
        context = page_context(
            self,
            request,
            title=f"Re-run call {call.external_id or call.pk} and decide its actions again?",
            original=call,
            preview=call_rerun_preview(call=call),
            post_url=reverse("admin:calls_call_rerun", args=[call.pk]),
            back_url=reverse("admin:calls_call_analysis", args=[call.pk]),
            version=request.POST.get("version", "").strip(),
        )
        return TemplateResponse(request, "admin/calls/call/rerun_confirm.html", context)

    def _rerun(
        self, request: HttpRequest, queryset: QuerySet[Call], *, fire_actions: bool
    ) -> HttpResponse | None:
        call_ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        try:
            version = self._picked_version(request, queryset)
        except ValueError as error:
            self.message_user(request, f"Nothing was re-run: {error}", messages.ERROR)
            return None
        batch = rerun_batch_create(
            call_ids=call_ids,
            fire_actions=fire_actions,
            by=request.user.get_username(),
            version=version,
        )
        transaction.on_commit(
            lambda: enqueue("console.tasks.log_rerun_batch", batch.pk, request.user.pk)
        )
        return HttpResponseRedirect(reverse("admin:calls_call_rerun_batch", args=[batch.pk]))

    @staticmethod
    def _picked_version(request: HttpRequest, queryset: QuerySet[Call]) -> AgentVersion | None:
        """The version typed beside the re-run actions; raise ValueError saying why it
        cannot be used."""
        try:
            number = VERSION_FIELD.clean(request.POST.get("version"))
        except forms.ValidationError as error:
            raise ValueError("the config version must be a whole number from 1") from error
        if number is None:
            return None
        agents = list(queryset.order_by().values_list("agent", flat=True).distinct()[:2])
        if len(agents) != 1:
            raise ValueError("a version can be picked for the calls of one agent only")
        version = AgentVersion.objects.filter(agent_id=agents[0], number=number).first()
        if version is None:
            raise ValueError(f"that agent has no version {number}")
        return version

    def get_queryset(self, request: HttpRequest) -> QuerySet[Call]:
        queryset = super().get_queryset(request)
        match = request.resolver_match
        if match and match.url_name and match.url_name.endswith("changelist"):
            return queryset.defer("transcript", "metadata", "search_text")
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

    def zone_for(self, obj: Call) -> ZoneInfo:
        return obj.zone

    local_start = local_column("started_at", "started")
    local_end = local_column("ended_at", "ended")
    local_created = local_column("created_at", "received")

    @admin.display(description="duration")
    def duration(self, call: Call) -> str:
        if call.ended_at is None:
            return "—"
        seconds = int((call.ended_at - call.started_at).total_seconds())
        return f"{seconds // 60}:{seconds % 60:02d}"

    @admin.display(description="lowest confidence", ordering="lowest_confidence")
    def lowest_confidence_column(self, call: Call) -> str:
        # Stored on the call with its latest run: no query per row.
        if call.lowest_confidence is None:
            return "—"
        return f"{call.lowest_confidence:g}"

    @admin.display(description="")
    def analysis_summary(self, call: Call) -> SafeString:
        url = reverse("admin:calls_call_analysis", args=[call.pk])
        waiting = review_waiting_for(call_id=call.pk)
        return format_html(
            '<a href="{}">Open the AI Analysis</a> · {}{}',
            url,
            call.get_status_display(),
            f" · waiting for review: {'; '.join(waiting.reasons)}" if waiting else "",
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
                "<int:pk>/trial/",
                self.admin_site.admin_view(self.trial_view),
                name="calls_call_trial",
            ),
            path(
                "export/",
                self.admin_site.admin_view(self.export_view),
                name="calls_call_export",
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
        context = page_context(
            self,
            request,
            title=f"AI Analysis of call {call.external_id or call.pk}",
            original=call,
            analysis=call_analysis(call=call),
            local_start=local_text(call.started_at, call.zone),
            can_rerun=request.user.has_perm("calls.rerun_call"),
            can_open_actions=request.user.has_perm("actions.view_webhookdelivery"),
            can_try=request.user.has_perm("calls.try_call"),
            can_review=request.user.has_perm("actions.view_review"),
            live=analysis_state(call=call),
        )
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
        batch = get_object_or_404(
            RerunBatch.objects.select_related("agent_version__agent").defer(
                "call_ids", "agent_version__snapshot"
            ),
            pk=batch_id,
        )
        progress = rerun_batch_progress(batch=batch)
        if request.GET.get("format") == "json":
            return JsonResponse(
                {**asdict(progress), "done": progress.done, "percent": progress.percent}
            )
        context = page_context(
            self, request, title=f"Re-run of {batch.total} calls", batch=batch, progress=progress
        )
        return TemplateResponse(request, "admin/calls/call/rerun_batch.html", context)

    @method_decorator(require_POST)
    def trial_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The go-live trial with the agent's saved config on this call: reads only."""
        call = get_object_or_404(Call.objects.select_related("agent"), pk=pk)
        if not (
            self.has_view_permission(request, call) and request.user.has_perm("calls.try_call")
        ):
            raise PermissionDenied
        context = page_context(
            self,
            request,
            title=f"Trial of {call.agent.name}'s saved config on call "
            f"{call.external_id or call.pk}",
            original=call,
            result=None,
            errors=[],
        )
        try:
            context["result"] = saved_config_trial(
                agent=call.agent, call=trial_call(agent=call.agent, stored=call)
            )
        except TrialInvalid as error:
            context["errors"] = [str(error)]
        except ConfigInvalid as error:
            context["errors"] = [str(problem) for problem in error.errors]
        return TemplateResponse(request, "admin/calls/call/trial.html", context)

    def export_view(self, request: HttpRequest) -> HttpResponseBase:
        """The list as filtered, searched and ordered on the page, as one CSV file."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            # The list itself says what is wrong with the filters.
            query = request.GET.urlencode()
            return HttpResponseRedirect(reverse("admin:calls_call_changelist") + f"?{query}")
        calls = changelist.queryset
        names = chosen_columns(request) or export_field_names(calls)
        response = StreamingHttpResponse(
            calls_csv(calls, names), content_type="text/csv; charset=utf-8"
        )
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        response["Content-Disposition"] = f'attachment; filename="calls-{stamp}-UTC.csv"'
        return response

    @method_decorator(require_POST)
    def rerun_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        call = get_object_or_404(Call.objects.select_related("agent"), pk=pk)
        if not request.user.has_perm("calls.rerun_call"):
            raise PermissionDenied
        typed = request.POST.get("version", "").strip()
        version = (
            AgentVersion.objects.filter(agent=call.agent, number=int(typed)).first()
            if typed.isdigit()
            else None
        )
        if not call.transcript:
            self.message_user(request, "This call has no transcript.", messages.ERROR)
        elif typed and version is None:
            self.message_user(request, f"{call.agent.name} has no version {typed}.", messages.ERROR)
        else:
            fire = bool(request.POST.get("fire_actions"))
            if fire and not request.POST.get("confirmed"):
                return self._confirm_rerun(request, call)
            run = extraction_run_start(call=call, fire_actions=fire, version=version)
            with_version = version_label(run)
            self.log_change(
                request,
                call,
                f"Re-ran the analysis (run {run.pk}, {with_version}); {self._rerun_note(fire)}",
            )
            self.message_user(
                request,
                f"Extraction run {run.pk} queued with {with_version}"
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
