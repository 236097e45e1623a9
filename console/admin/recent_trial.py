"""The agent page's "Try on recent calls": start a trial of the page's config and follow it.

The views are a base of the agent admin, so they build the page's config exactly as the
agent admin's own forms and formsets read it, unsaved edits included."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.forms.formsets import all_valid
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse

from agents.config import ConfigInvalid
from agents.models import Agent, TrialRun
from agents.selectors import agent_action_drafts, agent_field_specs
from console.admin.agent_forms import AgentPage, page_errors
from console.recent_trial import (
    DEFAULT_CALLS,
    MAX_CALLS,
    RecentTrialInvalid,
    recent_trial_start,
    recent_trial_summary,
)

LIMIT_FIELD = forms.IntegerField(min_value=1, max_value=MAX_CALLS, initial=DEFAULT_CALLS)


class RecentTrialViews(admin.ModelAdmin):
    def recent_trial_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
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
        ]

    def _changeable_agent(self, request: HttpRequest, pk: int) -> Agent:
        agent = get_object_or_404(Agent, pk=pk)
        if not self.has_change_permission(request, agent):
            raise PermissionDenied
        return agent

    def recent_trial_start_view(self, request: HttpRequest, pk: int) -> JsonResponse:
        """Start trying the page's config, saved or not, on the agent's latest calls."""
        if request.method != "POST":
            raise PermissionDenied
        agent = self._changeable_agent(request, pk)
        try:
            limit = LIMIT_FIELD.clean(request.POST.get("recent-limit"))
        except forms.ValidationError as error:
            return JsonResponse({"errors": [f"Calls: {' '.join(error.messages)}"]}, status=400)
        form = self.get_form(request, agent, change=True)(
            request.POST, request.FILES, instance=agent
        )
        # The agent admin's own formsets, each holding the page it reads.
        formsets, _ = self._create_formsets(  # type: ignore[attr-defined]
            request, form.instance, change=True
        )
        if not (all_valid(formsets) and form.is_valid()):
            return JsonResponse({"errors": page_errors(form, formsets)}, status=400)
        page = formsets[0].page if formsets else AgentPage(agent=agent)
        fields, actions = page.config()
        try:
            trial = recent_trial_start(
                agent=form.instance,
                fields=agent_field_specs(agent=agent) if fields is None else fields,
                actions=agent_action_drafts(agent=agent) if actions is None else actions,
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
        agent = self._changeable_agent(request, pk)
        trial = get_object_or_404(TrialRun, pk=trial_id, agent=agent)
        summary = recent_trial_summary(trial=trial)
        context: dict[str, Any] = {"summary": summary, "agent": agent}
        return TemplateResponse(request, "admin/agents/agent/recent_trial_result.html", context)
