"""Asking for a reason before a change a person makes by hand: the reason goes to history."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone

from console.admin.context import page_context


class ReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=500,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Why; kept in the history.",
    )


class RescheduleForm(ReasonForm):
    due_at = forms.SplitDateTimeField(widget=AdminSplitDateTime, label="New due time")
    field_order = ["due_at", "reason"]

    def clean_due_at(self) -> Any:
        due_at = self.cleaned_data["due_at"]
        if due_at <= timezone.now():
            raise forms.ValidationError("The due time must be in the future.")
        return due_at


@dataclass
class ReasonPage:
    """A page that says what will happen and asks why before doing it."""

    title: str
    what: Sequence[str]
    submit_label: str
    back_url: str
    objects: Iterable[object] = ()
    # For a list action: the action and the rows it was chosen for, posted back.
    action: str = ""
    selected: Sequence[Any] = field(default_factory=list)
    select_across: bool = False


def list_action_page(
    request: HttpRequest, queryset: QuerySet[Any], *, title: str, what: Sequence[str]
) -> ReasonPage:
    """The page of a list action, posting back the rows chosen on the list."""
    select_across = request.POST.get("select_across") == "1"
    return ReasonPage(
        title=title,
        what=what,
        submit_label=title,
        back_url=request.get_full_path(),
        objects=list(queryset[:20]),
        action=request.POST.get("action", ""),
        selected=[] if select_across else list(queryset.values_list("pk", flat=True)),
        select_across=select_across,
    )


def reason_response(
    model_admin: admin.ModelAdmin, request: HttpRequest, page: ReasonPage, form: forms.Form
) -> TemplateResponse:
    context = page_context(
        model_admin,
        request,
        title=page.title,
        what=page.what,
        objects=page.objects,
        form=form,
        media=model_admin.media + form.media,
        submit_label=page.submit_label,
        back_url=page.back_url,
        action=page.action,
        selected=page.selected,
        select_across=page.select_across,
    )
    return TemplateResponse(request, "admin/actions/reason_form.html", context)


def submitted(request: HttpRequest) -> bool:
    """Whether the reason page itself was posted (not the list's action button)."""
    return request.method == "POST" and "apply" in request.POST
