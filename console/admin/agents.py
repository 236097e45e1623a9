from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypedDict
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from actions.models import DeliveryAttempt, DeliveryStatus, WebhookDelivery
from actions.selectors import inbox_url, kind_for, native_property_choices, ready_templates
from actions.services import (
    ActionFailed,
    inbox_create,
    inboxes_link,
    native_test_send,
    webhook_secret_rotate,
    webhook_test_send,
    webhook_test_send_draft,
)
from agents.api_keys import api_key_create, api_key_revoke
from agents.conditions import LIST_OPERATOR_LABELS
from agents.config import ConfigInvalid
from agents.kinds import KindConfigInvalid
from agents.models import Action, Agent, ApiKey, ApiScope, ExtractionField, TrialRun
from agents.presets import agent_preset_offers
from agents.seed_format import ImportInvalid
from agents.selectors import action_config_for_reader, agent_export, agent_offline_unreadable
from agents.services import (
    VersionUnchanged,
    agent_duplicate,
    agent_import_json,
    agent_save,
    agent_version_restore,
)
from agents.versions import agent_version_get, agent_version_history
from calls.field_costs import LAST_CALLS
from calls.selectors import agent_recent_calls
from console.admin.agent_forms import (
    ActionForm,
    ActionFormSet,
    AgentForm,
    AgentPage,
    ConfigFormSet,
    ExtractionFieldForm,
    FieldFormSet,
    RowInvalid,
    TrialForm,
    action_row_draft,
    page_errors,
    try_summary,
    webhook_row_draft,
)
from console.admin.context import page_context
from console.dashboard.calibration import calibration_charts
from console.dashboard.charts import dashboard_page
from console.dashboard.forms import PeriodForm
from console.dashboard.periods import PRESETS
from console.dashboard.reviews import review_figures
from console.dashboard.selectors import agent_dashboard
from console.recent_trial import (
    DEFAULT_CALLS,
    MAX_CALLS,
    RecentTrialInvalid,
    recent_trial_start,
    recent_trial_summary,
)
from console.trial import TrialInvalid, agent_trial, trial_call

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class ExtractionFieldInline(admin.TabularInline):
    model = ExtractionField
    form = ExtractionFieldForm
    formset = FieldFormSet
    extra = 0
    verbose_name = "extraction field"
    # The table, with the fields the site's extractor cannot read named above it.
    template = "admin/agents/agent/fields_inline.html"
    readonly_fields = ["tokens_on_last_calls"]

    @admin.display(description=f"tokens on the last {LAST_CALLS} calls")
    def tokens_on_last_calls(self, field: ExtractionField) -> str:
        """The median tokens a call spent on this field (FieldFormSet sets the figure)."""
        tokens = getattr(field, "tokens_on_last_calls", None)
        return "—" if tokens is None else str(tokens)


class ActionInline(admin.StackedInline):
    model = Action
    form = ActionForm
    formset = ActionFormSet
    extra = 0
    readonly_fields = ["disabled_reason"]

    def get_fields(self, request: HttpRequest, obj: Agent | None = None) -> Any:
        if self.has_change_permission(request, obj):
            return [*ActionForm.Meta.fields, "disabled_reason"]
        return [name if name != "config" else "config_shown" for name in ActionForm.Meta.fields]

    def get_readonly_fields(self, request: HttpRequest, obj: Agent | None = None) -> Any:
        if self.has_change_permission(request, obj):
            return self.readonly_fields
        return [*ActionForm.Meta.fields, "config_shown", "disabled_reason"]

    @admin.display(description="config")
    def config_shown(self, action: Action) -> str:
        shown = action_config_for_reader(action_type=action.type, config=action.config)
        return json.dumps(shown, ensure_ascii=False)


class ImportForm(forms.Form):
    fields_json = forms.CharField(
        label="Fields",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "cols": 100, "class": "vLargeTextField"}),
        help_text="The field array exactly as on the product page: "
        '[{"name": "customer_name", "type": "string", "description": "…"}, …]',
    )
    actions_json = forms.CharField(
        label="Actions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "cols": 100, "class": "vLargeTextField"}),
        help_text="One action object or an array of them, as on the product page.",
    )
    replace_all = forms.BooleanField(
        label="Replace",
        required=False,
        help_text="Remove the rows not pasted here. Without it, pasted rows replace rows of "
        "the same name and the others stay.",
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not (data.get("fields_json", "").strip() or data.get("actions_json", "").strip()):
            raise forms.ValidationError("Paste fields, actions, or both.")
        return data


RECENT_LIMIT = forms.IntegerField(min_value=1, max_value=MAX_CALLS, initial=DEFAULT_CALLS)


class AgentTotals(TypedDict):
    field_total: int
    action_total: int


@admin.register(Agent)
class AgentAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "slug",
        "timezone",
        "is_active",
        "field_count",
        "action_count",
        "dashboard_link",
    ]
    list_filter = ["is_active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    form = AgentForm
    inlines = [ExtractionFieldInline, ActionInline]
    actions = ["duplicate_agents"]
    change_form_template = "admin/agents/agent/change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Agent]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                field_total=Count("fields", distinct=True),
                action_total=Count("actions", distinct=True),
            )
        )

    @admin.display(description="fields", ordering="field_total")
    def field_count(self, agent: WithAnnotations[Agent, AgentTotals]) -> int:
        return agent.field_total

    @admin.display(description="actions", ordering="action_total")
    def action_count(self, agent: WithAnnotations[Agent, AgentTotals]) -> int:
        return agent.action_total

    @admin.display(description="dashboard")
    def dashboard_link(self, agent: Agent) -> str:
        url = reverse("admin:agents_agent_dashboard", args=[agent.pk])
        return format_html('<a href="{}">Dashboard</a>', url)

    def get_formsets_with_inlines(
        self, request: HttpRequest, obj: Agent | None = None
    ) -> Iterator[Any]:
        """The page's rows, each part told whether its user may change it, and made to
        know the page's other part: AgentPage checks them as one config."""
        page_formsets: list[ConfigFormSet] = []
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            editable = (
                inline.has_change_permission(request, obj)
                if obj is not None
                else inline.has_add_permission(request, obj)
            )
            yield formset.for_page(page_formsets, editable=editable), inline

    def save_model(self, request: HttpRequest, obj: Agent, form: Any, change: bool) -> None:
        """Nothing: the agent is written with its rows, as one config, in save_related."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Write the agent and the rows its user may change through the one writer; rows
        they may only read stay as stored."""
        fields, actions = AgentPage.of(form.instance, formsets).config()
        secrets = agent_save(
            agent=form.instance, fields=fields, actions=actions, by=request.user.get_username()
        )
        self._show_secrets(request, secrets)
        inboxes_link(actions=form.instance.actions.all())

    def construct_change_message(
        self, request: HttpRequest, form: Any, formsets: Any, add: bool = False
    ) -> list[dict[str, Any]]:
        # agent_save wrote the rows its user may change. Saving their formsets uncommitted
        # writes nothing and lists what they changed (new, changed and deleted objects),
        # which the admin tells row by row in the agent's history.
        parts = AgentPage.of(form.instance, formsets).parts()
        for formset in parts:
            formset.save(commit=False)
        return super().construct_change_message(request, form, parts, add)

    def _posted_page(self, request: HttpRequest, agent: Agent) -> tuple[forms.ModelForm, AgentPage]:
        """The agent page posted to one of its buttons: the agent's form, and its rows
        made as the change view makes them. `agent` is unsaved on the add page."""
        obj = agent if agent.pk else None
        form = self.get_form(request, obj, change=obj is not None)(
            request.POST, request.FILES, instance=agent
        )
        formsets = [
            formset(**self.get_formset_kwargs(request, agent, inline, formset.get_default_prefix()))
            for formset, inline in self.get_formsets_with_inlines(request, obj)
        ]
        return form, AgentPage.of(agent, formsets)

    def _show_secrets(self, request: HttpRequest, secrets: dict[str, str]) -> None:
        for name, secret in secrets.items():
            self.message_user(
                request,
                format_html(
                    'Signing secret of webhook {}: <code class="secret-value">{}</code> — copy '
                    "it now, it is not shown again (rotate it from the action's row to get a "
                    "new one).",
                    repr(name),
                    secret,
                ),
                messages.WARNING,
            )

    @admin.action(
        description="Duplicate selected agents (copies start inactive)",
        permissions=["add"],
    )
    def duplicate_agents(self, request: HttpRequest, queryset: QuerySet[Agent]) -> None:
        for agent in queryset:
            copy = self._duplicate(request, agent)
            if copy is not None:
                self.message_user(request, format_html("Created {}.", self._change_link(copy)))

    def _duplicate(self, request: HttpRequest, agent: Agent) -> Agent | None:
        try:
            copy = agent_duplicate(agent=agent, by=request.user.get_username())
        except ConfigInvalid as error:
            self.message_user(request, f"{agent.name} was not duplicated: {error}", messages.ERROR)
            return None
        self.log_addition(request, copy, f"Duplicated from {agent.name} (id {agent.pk}).")
        self.log_change(request, agent, f"Duplicated as {copy.name} (id {copy.pk}).")
        return copy

    def _change_link(self, agent: Agent) -> str:
        url = reverse("admin:agents_agent_change", args=[agent.pk])
        return format_html('<a href="{}">{}</a>', url, agent.name)

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/import/", view(self.import_view), name="agents_agent_import"),
            path("<int:pk>/export/", view(self.export_view), name="agents_agent_export"),
            path("<int:pk>/duplicate/", view(self.duplicate_view), name="agents_agent_duplicate"),
            path("<int:pk>/try/", view(self.try_view), name="agents_agent_try"),
            path("<int:pk>/versions/", view(self.versions_view), name="agents_agent_versions"),
            path(
                "<int:pk>/versions/<int:number>/restore/",
                view(self.restore_version_view),
                name="agents_agent_restore_version",
            ),
            path("<int:pk>/dashboard/", view(self.dashboard_view), name="agents_agent_dashboard"),
            path("try-webhook/", view(self.try_webhook_view), name="agents_agent_try_webhook_new"),
            path(
                "<int:pk>/try-webhook/",
                view(self.try_webhook_view),
                name="agents_agent_try_webhook",
            ),
            path("try-native/", view(self.try_native_view), name="agents_agent_try_native_new"),
            path(
                "<int:pk>/try-native/", view(self.try_native_view), name="agents_agent_try_native"
            ),
            path("new-inbox/", view(self.new_inbox_view), name="agents_agent_new_inbox_new"),
            path("<int:pk>/new-inbox/", view(self.new_inbox_view), name="agents_agent_new_inbox"),
            path(
                "<int:pk>/actions/<int:action_pk>/test-webhook/",
                view(self.test_webhook_view),
                name="agents_agent_test_webhook",
            ),
            path(
                "<int:pk>/actions/<int:action_pk>/rotate-secret/",
                view(self.rotate_secret_view),
                name="agents_agent_rotate_secret",
            ),
            path(
                "<int:pk>/try-recent/",
                view(self.recent_trial_start_view),
                name="agents_agent_try_recent",
            ),
            path(
                "<int:pk>/try-recent/<int:trial_id>/",
                view(self.recent_trial_view),
                name="agents_agent_recent_trial",
            ),
            *super().get_urls(),
        ]

    def _agent_for(self, request: HttpRequest, pk: int, *, change: bool) -> Agent:
        agent = get_object_or_404(Agent, pk=pk)
        allowed = (
            self.has_change_permission(request, agent)
            if change
            else self.has_view_permission(request, agent)
        )
        if not allowed:
            raise PermissionDenied
        return agent

    def import_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        agent = self._agent_for(request, pk, change=True)
        form = ImportForm(request.POST or None)
        problems: list[str] = []
        if request.method == "POST" and form.is_valid():
            try:
                summary = agent_import_json(
                    agent=agent, by=request.user.get_username(), **form.cleaned_data
                )
            except ImportInvalid as error:
                problems = [str(problem) for problem in error.problems]
            except ConfigInvalid as error:
                problems = [str(problem) for problem in error.errors]
            else:
                imported = (
                    f"Imported {summary.field_count} field(s) and {summary.action_count} action(s)"
                )
                replaced = (
                    ", removing the rows not pasted" if form.cleaned_data["replace_all"] else ""
                )
                self.log_change(request, agent, f"{imported} from pasted JSON{replaced}.")
                self.message_user(
                    request,
                    f"{imported}. Check the inferred formats and choices below.",
                    messages.SUCCESS,
                )
                self._show_secrets(request, summary.generated_secrets)
                return HttpResponseRedirect(reverse("admin:agents_agent_change", args=[pk]))
        context = page_context(
            self,
            request,
            title=f"Import JSON into {agent.name}",
            original=agent,
            form=form,
            problems=problems,
        )
        return TemplateResponse(request, "admin/agents/agent/import.html", context)

    def export_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        agent = self._agent_for(request, pk, change=False)
        exported = agent_export(
            agent=agent, with_secrets=request.user.has_perm("agents.change_action")
        )
        if request.GET.get("format") == "json":
            response = HttpResponse(
                json.dumps(exported, indent=2, ensure_ascii=False),
                content_type="application/json",
            )
            response["Content-Disposition"] = f'attachment; filename="{agent.slug}.json"'
            return response
        context = page_context(
            self,
            request,
            title=f"Export of {agent.name}",
            original=agent,
            fields_json=json.dumps(exported["fields"], indent=2, ensure_ascii=False),
            actions_json=json.dumps(exported["actions"], indent=2, ensure_ascii=False),
        )
        return TemplateResponse(request, "admin/agents/agent/export.html", context)

    def dashboard_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The agent's calls, analyses, follow-ups and webhooks over a chosen period."""
        agent = self._agent_for(request, pk, change=False)
        form = PeriodForm(request.GET)
        page = reviews = calibration = None
        if form.is_valid():
            period = form.chosen_period(zone=ZoneInfo(agent.timezone), now=timezone.now())
            page = dashboard_page(agent_dashboard(agent=agent, period=period), agent_id=agent.pk)
            reviews = review_figures(agent=agent, period=period)
            calibration = calibration_charts(agent=agent, period=period)
        context = page_context(
            self,
            request,
            title=f"Dashboard of {agent.name}",
            original=agent,
            form=form,
            presets=PRESETS.items(),
            chosen=form.cleaned_data.get("period") if form.is_valid() else "custom",
            page=page,
            reviews=reviews,
            calibration=calibration,
        )
        return TemplateResponse(request, "admin/agents/agent/dashboard.html", context)

    def versions_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Every version of the agent's config, newest first, with what each changed."""
        agent = self._agent_for(request, pk, change=False)
        may_change = self.has_change_permission(request, agent)
        zone = ZoneInfo(agent.timezone)
        entries = agent_version_history(
            agent=agent, for_reader=not request.user.has_perm("agents.change_action")
        )
        context = page_context(
            self,
            request,
            title=f"Versions of {agent.name}",
            original=agent,
            entries=[
                (entry, entry.version.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z"))
                for entry in entries
            ],
            zone=agent.timezone,
            may_restore=may_change,
        )
        return TemplateResponse(request, "admin/agents/agent/versions.html", context)

    @method_decorator(require_POST)
    def restore_version_view(self, request: HttpRequest, pk: int, number: int) -> HttpResponse:
        """Bring an older version back: it becomes the newest version."""
        agent = self._agent_for(request, pk, change=True)
        version = agent_version_get(agent=agent, number=number)
        if version is None:
            raise Http404(f"{agent.name} has no version {number}.")
        back = HttpResponseRedirect(reverse("admin:agents_agent_versions", args=[agent.pk]))
        try:
            restored, secrets = agent_version_restore(
                version=version, by=request.user.get_username()
            )
        except VersionUnchanged as error:
            self.message_user(request, str(error), messages.WARNING)
            return back
        except ConfigInvalid as error:
            problems = "; ".join(str(problem) for problem in error.errors)
            self.message_user(
                request, f"Version {number} was not restored: {problems}", messages.ERROR
            )
            return back
        note = f"Restored version {number} as version {restored.number}."
        self.log_change(request, agent, note)
        self.message_user(request, note, messages.SUCCESS)
        self._show_secrets(request, secrets)
        return back

    @method_decorator(require_POST)
    def duplicate_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        agent = self._agent_for(request, pk, change=True)
        if not self.has_add_permission(request):
            raise PermissionDenied
        copy = self._duplicate(request, agent)
        if copy is None:
            return HttpResponseRedirect(reverse("admin:agents_agent_change", args=[agent.pk]))
        self.message_user(request, f"Duplicated as {copy.name}; it starts inactive.")
        return HttpResponseRedirect(reverse("admin:agents_agent_change", args=[copy.pk]))

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Agent | None = None,
    ) -> HttpResponse:
        if obj is not None and (
            self.has_change_permission(request, obj) or request.user.has_perm("calls.try_call")
        ):
            context["trial_form"] = self._trial_form(obj)
        if self.has_change_permission(request, obj) if obj else self.has_add_permission(request):
            context["action_forms"] = self._action_forms_context(obj)
        context["offline_unreadable"] = agent_offline_unreadable(agent=obj) if obj else {}
        offers = agent_preset_offers(agent=obj)
        context["field_presets"] = offers
        context["field_presets_rows"] = {offer.name: offer.row for offer in offers}
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _action_forms_context(self, agent: Agent | None) -> dict[str, Any]:
        """Where the action rows' buttons post, the webhook templates a row may start from,
        the receivers' common property names and the operators a list field's condition
        takes, for console/static/console/action_forms.js."""
        form_id = f"{self.opts.model_name}_form"
        choices = native_property_choices()
        list_operators = list(LIST_OPERATOR_LABELS.items())
        if agent is None:
            return {
                "form_id": form_id,
                "list_operators": list_operators,
                "try_webhook_url": reverse("admin:agents_agent_try_webhook_new"),
                "try_native_url": reverse("admin:agents_agent_try_native_new"),
                "new_inbox_url": reverse("admin:agents_agent_new_inbox_new"),
                "action_base": "",
                "webhook_templates": ready_templates(),
                "property_choices": choices,
            }
        change_url = reverse("admin:agents_agent_change", args=[agent.pk])
        return {
            "form_id": form_id,
            "list_operators": list_operators,
            "try_webhook_url": reverse("admin:agents_agent_try_webhook", args=[agent.pk]),
            "try_native_url": reverse("admin:agents_agent_try_native", args=[agent.pk]),
            "new_inbox_url": reverse("admin:agents_agent_new_inbox", args=[agent.pk]),
            "action_base": f"{change_url.removesuffix('change/')}actions/",
            "webhook_templates": ready_templates(),
            "property_choices": choices,
        }

    def _trial_form(self, agent: Agent, data: Any = None) -> TrialForm:
        calls = agent_recent_calls(agent_id=agent.pk)
        return TrialForm(data, prefix="trial", agent=agent, calls=calls)

    @method_decorator(require_POST)
    def try_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Run the page's config, saved or not, on a transcript; store and send nothing.
        Whoever may try but not change the config (Support) tries it as saved, whatever
        the page posted."""
        agent = self._agent_for(request, pk, change=False)
        if self.has_change_permission(request, agent):
            form, page = self._posted_page(request, agent)
            errors = page_errors(form, page)
        elif request.user.has_perm("calls.try_call"):
            page, errors = AgentPage.of(agent, formsets=()), []
        else:
            raise PermissionDenied
        trial_form = self._trial_form(agent, request.POST)
        context: dict[str, Any] = {"result": None, "errors": errors, "trial_form": trial_form}
        if not errors and trial_form.is_valid():
            context.update(self._trial(page, trial_form))
        return TemplateResponse(
            request,
            "admin/agents/agent/trial_result.html",
            context,
            status=200 if context["result"] else 400,
        )

    @staticmethod
    def _trial(page: AgentPage, trial_form: TrialForm) -> dict[str, Any]:
        data = trial_form.cleaned_data
        fields, actions = page.tried_config()
        try:
            call = trial_call(
                agent=page.agent,
                turns=data["transcript"],
                stored=data["call"],
                local_start=data["started_at"],
                zone_name=data["timezone"],
                from_number=data["from_number"],
            )
            return {
                "result": agent_trial(agent=page.agent, fields=fields, actions=actions, call=call)
            }
        except TrialInvalid as error:
            trial_form.add_error(None, str(error))
            return {}
        except ConfigInvalid as error:
            return {"errors": [str(problem) for problem in error.errors]}

    @method_decorator(require_POST)
    def recent_trial_start_view(self, request: HttpRequest, pk: int) -> JsonResponse:
        """Start trying the page's config, saved or not, on the agent's latest calls."""
        agent = self._agent_for(request, pk, change=True)
        try:
            limit = RECENT_LIMIT.clean(request.POST.get("recent-limit"))
        except forms.ValidationError as error:
            return JsonResponse({"errors": [f"Calls: {' '.join(error.messages)}"]}, status=400)
        form, page = self._posted_page(request, agent)
        errors = page_errors(form, page)
        if errors:
            return JsonResponse({"errors": errors}, status=400)
        fields, actions = page.tried_config()
        try:
            trial = recent_trial_start(
                agent=agent,
                fields=fields,
                actions=actions,
                limit=limit,
                by=request.user.get_username(),
            )
        except ConfigInvalid as error:
            return JsonResponse({"errors": [str(problem) for problem in error.errors]}, status=400)
        except RecentTrialInvalid as error:
            return JsonResponse({"errors": [f"Nothing to try: {error}."]}, status=400)
        url = reverse("admin:agents_agent_recent_trial", args=[agent.pk, trial.pk])
        return JsonResponse({"url": url, "total": trial.total})

    def recent_trial_view(self, request: HttpRequest, pk: int, trial_id: int) -> HttpResponse:
        """The trial's progress and, once every call is done, what would change."""
        agent = self._agent_for(request, pk, change=True)
        trial = get_object_or_404(TrialRun, pk=trial_id, agent=agent)
        summary = recent_trial_summary(trial=trial)
        context: dict[str, Any] = {"summary": summary, "agent": agent}
        return TemplateResponse(request, "admin/agents/agent/recent_trial_result.html", context)

    def _webhook_action(self, request: HttpRequest, pk: int, action_pk: int) -> Action:
        agent = self._agent_for(request, pk, change=True)
        return get_object_or_404(Action, pk=action_pk, agent=agent, type="webhook")

    @method_decorator(require_POST)
    def test_webhook_view(self, request: HttpRequest, pk: int, action_pk: int) -> JsonResponse:
        """Send a signed test event now and answer with what the receiver said."""
        action = self._webhook_action(request, pk, action_pk)
        if not settings.WEBHOOKS_ENABLED:
            return JsonResponse({"ok": False, "summary": "Outbound webhooks are switched off."})
        try:
            delivery = webhook_test_send(action=action)
        except ActionFailed as error:
            return JsonResponse({"ok": False, "summary": f"Not sent: {error}"})
        attempt = delivery.attempts.get()
        ok, summary = self._test_summary(delivery, attempt)
        self.log_change(
            request,
            action.agent,
            f"Sent a test event ({delivery.message_id}) to webhook {action.name!r}: {summary}",
        )
        return JsonResponse(
            {
                "ok": ok,
                "summary": summary,
                "message_id": delivery.message_id,
                "response_excerpt": attempt.response_excerpt,
            }
        )

    @staticmethod
    def _test_summary(delivery: WebhookDelivery, attempt: DeliveryAttempt) -> tuple[bool, str]:
        ok = delivery.status == DeliveryStatus.SUCCEEDED
        summary = (
            f"{attempt.status_code} in {attempt.duration_ms} ms"
            if attempt.status_code
            else attempt.error
        )
        if attempt.status_code and not ok:
            summary = f"{summary}: {attempt.error}"
        return ok, summary

    def _page_agent(self, request: HttpRequest, pk: int | None) -> Agent:
        """The agent a page posted to a button's view is about; unsaved on the add page."""
        if pk is not None:
            return self._agent_for(request, pk, change=True)
        if not self.has_add_permission(request):
            raise PermissionDenied
        return Agent()

    @method_decorator(require_POST)
    def try_webhook_view(self, request: HttpRequest, pk: int | None = None) -> JsonResponse:
        """Send the test event of one webhook row as typed on the page, saved or not."""
        agent = self._page_agent(request, pk)
        if not settings.WEBHOOKS_ENABLED:
            return JsonResponse({"ok": False, "summary": "Outbound webhooks are switched off."})
        form, page = self._posted_page(request, agent)
        try:
            draft = webhook_row_draft(agent_form=form, page=page, row=request.POST.get("row", ""))
            sent = webhook_test_send_draft(action=draft.action, specs=draft.specs)
        except (RowInvalid, KindConfigInvalid) as error:
            return JsonResponse({"ok": False, "summary": f"Not sent: {error}"})
        ok, summary = try_summary(sent.result)
        if agent.pk:
            self.log_change(
                request,
                agent,
                f"Sent a test event ({sent.message_id}) to webhook {draft.action.name!r} "
                f"as typed on the page: {summary}",
            )
        return JsonResponse(
            {
                "ok": ok,
                "summary": summary,
                "message_id": sent.message_id,
                "response_excerpt": sent.result.excerpt,
                "secret": sent.new_secret,
            }
        )

    @method_decorator(require_POST)
    def try_native_view(self, request: HttpRequest, pk: int | None = None) -> JsonResponse:
        """Send a test record of one Slack, HubSpot or Salesforce row as typed on the page,
        saved or not, to the real receiver, and answer with what it said."""
        agent = self._page_agent(request, pk)
        if not settings.WEBHOOKS_ENABLED:
            return JsonResponse({"ok": False, "summary": "Outbound deliveries are switched off."})
        form, page = self._posted_page(request, agent)
        types = {kind: kind_for(kind).label for kind in native_property_choices()}
        try:
            draft = action_row_draft(
                agent_form=form, page=page, row=request.POST.get("row", ""), types=types
            )
            sent = native_test_send(action=draft.action, specs=draft.specs)
        except (RowInvalid, KindConfigInvalid, ActionFailed) as error:
            return JsonResponse({"ok": False, "summary": f"Not sent: {error}"})
        ok, summary = try_summary(sent.result)
        label = types[draft.action.type]
        if agent.pk:
            self.log_change(
                request,
                agent,
                f"Sent a test record ({sent.message_id}) of {label} {draft.action.name!r} "
                f"as typed on the page: {summary}",
            )
        return JsonResponse(
            {
                "ok": ok,
                "summary": summary,
                "message_id": sent.message_id,
                "response_excerpt": sent.result.excerpt,
                "requests": sent.outline.payload,
            }
        )

    @method_decorator(require_POST)
    def new_inbox_view(self, request: HttpRequest, pk: int | None = None) -> JsonResponse:
        """Create an inbox for a webhook row, saved or not; the page puts its URL in the row.
        An unsaved row's inbox is linked to the action when the agent is saved."""
        agent = self._page_agent(request, pk)
        if not request.user.has_perm("actions.add_webhookinbox"):
            raise PermissionDenied
        action = None
        if agent.pk and request.POST.get("action", "").isdigit():
            action = Action.objects.filter(
                pk=int(request.POST["action"]), agent=agent, type="webhook"
            ).first()
        row_name = request.POST.get("name", "").strip() or "webhook"
        agent_name = agent.name or request.POST.get("agent_name", "").strip() or "a new agent"
        inbox = inbox_create(name=f"{agent_name} — {row_name}", action=action)
        self.log_addition(request, inbox, f"Created for webhook {row_name!r} of {agent_name}.")
        return JsonResponse(
            {
                "url": inbox_url(inbox, base=request.build_absolute_uri("/")),
                "inbox": reverse("admin:actions_webhookinbox_change", args=[inbox.pk]),
                "summary": f"Inbox {inbox.name!r} created and its URL put in the row.",
            }
        )

    @method_decorator(require_POST)
    def rotate_secret_view(self, request: HttpRequest, pk: int, action_pk: int) -> JsonResponse:
        action = self._webhook_action(request, pk, action_pk)
        secret = webhook_secret_rotate(action=action)
        self.log_change(
            request, action.agent, f"Rotated the signing secret of webhook {action.name!r}."
        )
        return JsonResponse(
            {
                "secret": secret,
                "summary": f"New secret (shown once): {secret}. The previous one stays valid "
                f"for {settings.WEBHOOK_ROTATION_GRACE_HOURS:g} hours.",
            }
        )


class ApiKeyForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        choices=ApiScope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiKey
        fields = ["name", "scopes"]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    form = ApiKeyForm
    list_display = ["name", "prefix", "scopes", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    actions = ["revoke"]

    def get_readonly_fields(self, request: HttpRequest, obj: ApiKey | None = None) -> Any:
        if obj is None:
            return []
        return ["name", "prefix", "scopes", "created_at", "last_used_at", "revoked_at"]

    def has_change_permission(self, request: HttpRequest, obj: ApiKey | None = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: ApiKey, form: Any, change: bool) -> None:
        key, text = api_key_create(name=obj.name, scopes=form.cleaned_data["scopes"])
        obj.pk, obj.prefix = key.pk, key.prefix
        self.message_user(
            request,
            f"API key {key.name!r}: {text} — copy it now, it is not shown again.",
            messages.WARNING,
        )

    @admin.action(description="Revoke selected keys", permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        revoked = 0
        for key in queryset:
            if api_key_revoke(key=key):
                self.log_change(request, key, "Revoked.")
                revoked += 1
        self.message_user(request, f"{revoked} key(s) revoked.")
