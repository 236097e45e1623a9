"""The review queue: calls whose actions wait for a person, oldest first, and the page
where a person accepts the values, corrects them and releases the actions, or rejects."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from actions.models import Review, ReviewReason, ReviewStatus
from actions.selectors import reviews_below_confidence, shown_confidence, stale_after
from actions.services import ReviewTaken, review_reject, review_release
from calls.exports import items_text
from calls.models import Call
from calls.reviews import ReviewedValues, ReviewInvalid
from console.admin.context import page_context
from console.admin.home_filters import StaleFilter
from console.analysis import analysis_rows, highlighted_transcript

NOT_SAID = "— not in the call"
CONFIDENCE_STEPS = (0.5, 0.7, 0.9)


class WaitingFilter(admin.SimpleListFilter):
    """Waiting reviews unless asked otherwise: the queue is what needs a person."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("decided", "Decided"), ("all", "All")]

    def choices(self, changelist: Any) -> Any:
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Waiting for review",
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request: HttpRequest, queryset: QuerySet[Review]) -> QuerySet[Review]:
        if self.value() == "all":
            return queryset
        if self.value() == "decided":
            return queryset.exclude(status=ReviewStatus.PENDING)
        return queryset.filter(status=ReviewStatus.PENDING)


class ReasonFilter(admin.SimpleListFilter):
    title = "reason"
    parameter_name = "reason"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(reason.value, reason.label) for reason in ReviewReason]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Review]) -> QuerySet[Review]:
        if self.value() in ReviewReason.values:
            return queryset.filter(reason_kinds__contains=f" {self.value()} ")
        return queryset


class ConfidenceFilter(admin.SimpleListFilter):
    """By the lowest confidence among the values the held actions use, as stored on the
    review; a value with no confidence is below any."""

    title = "lowest confidence"
    parameter_name = "below"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            ("none", "a value has no confidence"),
            *((str(below), f"below {below}") for below in CONFIDENCE_STEPS),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Review]) -> QuerySet[Review]:
        value = self.value()
        if value is None:
            return queryset
        if value == "none":
            return reviews_below_confidence(queryset, below=None)
        try:
            below = float(value)
        except ValueError:
            # A hand-typed ?below= that is no number shows what it can: the whole queue.
            return queryset
        return reviews_below_confidence(queryset, below=below)


def local(moment: datetime | None, zone_name: str) -> str:
    if moment is None:
        return "—"
    return f"{moment.astimezone(ZoneInfo(zone_name)):%a %Y-%m-%d %H:%M} {zone_name}"


def has_time(spec: dict[str, Any]) -> bool:
    """Whether the field is one date, with a time of day of its own."""
    return spec["format"] == "date" and spec["type"] != "list"


def list_field(spec: dict[str, Any]) -> forms.Field:
    """A list's items: a checkbox per choice for a list of choices, else one item a line."""
    if spec.get("item_type") == "enum":
        return forms.MultipleChoiceField(
            label=spec["name"],
            choices=[(choice, choice) for choice in spec["choices"]],
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text="none ticked: not in the call",
        )
    kind = spec["format"] or spec.get("item_type") or "text"
    return forms.CharField(
        label=spec["name"],
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 40}),
        help_text=f"one item a line ({kind}); empty: not in the call",
    )


def review_field(spec: dict[str, Any], zone: str) -> forms.Field:
    """A typed input for one value: choices, yes/no, a date or date-time picker in the
    call's zone, a phone number, a number, an email, text, or a list's items."""
    label, kind = spec["name"], spec["format"] or spec["type"]
    if spec["type"] == "list":
        return list_field(spec)
    if spec["type"] == "enum":
        choices = [("", NOT_SAID), *((choice, choice) for choice in spec["choices"])]
        return forms.ChoiceField(label=label, choices=choices, required=False)
    if spec["type"] == "boolean":
        choices = [("", NOT_SAID), ("true", "yes"), ("false", "no")]
        return forms.ChoiceField(label=label, choices=choices, required=False)
    widgets: dict[str, forms.Widget] = {
        "number": forms.NumberInput(attrs={"step": "any"}),
        "date": forms.DateInput(attrs={"type": "date"}),
        "date-time": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        "phone": forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
        "email": forms.EmailInput(),
    }
    help_text = {"date": f"the day, in {zone}", "date-time": f"local time in {zone}"}
    return forms.CharField(
        label=label,
        required=False,
        strip=True,
        widget=widgets.get(kind, forms.TextInput(attrs={"size": 40})),
        help_text=help_text.get(kind, ""),
    )


def time_key(name: str) -> str:
    # A field name is an identifier, so it never holds "-": no field can take this key.
    return f"{name}-time"


def initial_value(spec: dict[str, Any], value: Any, zone: ZoneInfo) -> str | list[str]:
    if value is None:
        return ""
    if spec["type"] == "list":
        items = [str(item) for item in value]
        return items if spec.get("item_type") == "enum" else "\n".join(items)
    if spec["type"] == "boolean":
        return "true" if value else "false"
    if spec["format"] == "date-time":
        try:
            return datetime.fromisoformat(value).astimezone(zone).strftime("%Y-%m-%dT%H:%M")
        except (TypeError, ValueError):
            return str(value)
    return str(value)


class ReviewForm(forms.Form):
    """One input per field of the run, filled with the extracted values."""

    def __init__(self, *args: Any, review: Review, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        run, call = review.extraction_run, review.call
        self.specs = run.config_snapshot
        for spec in self.specs:
            name = spec["name"]
            self.fields[name] = review_field(spec, call.timezone)
            self.initial[name] = initial_value(spec, run.values.get(name), call.zone)
            if has_time(spec):
                self.fields[time_key(name)] = forms.TimeField(
                    label=f"{name}: time of day",
                    required=False,
                    widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                    help_text=f"in {call.timezone}; empty means the agent's follow-up time",
                )
                self.initial[time_key(name)] = run.times.get(name, "")

    def reviewed(self) -> tuple[dict[str, Any], dict[str, str | None]]:
        """The values as typed (None for "not in the call") and the times of date fields."""
        values: dict[str, Any] = {}
        times: dict[str, str | None] = {}
        for spec in self.specs:
            name = spec["name"]
            values[name] = typed_value(spec, self.cleaned_data.get(name))
            if has_time(spec):
                moment = self.cleaned_data.get(time_key(name))
                times[name] = moment.strftime("%H:%M") if moment else None
        return values, times

    def rows(self) -> list[tuple[forms.BoundField, forms.BoundField | None]]:
        return [
            (
                self[spec["name"]],
                self[time_key(spec["name"])] if has_time(spec) else None,
            )
            for spec in self.specs
        ]


def typed_value(spec: dict[str, Any], typed: Any) -> Any:
    """A value as typed, None for "not in the call"; a list's lines are its items."""
    if spec["type"] == "list" and isinstance(typed, str):
        typed = [line.strip() for line in typed.splitlines() if line.strip()]
    return typed or None


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = [
        "call_link",
        "agent",
        "why",
        "least_sure",
        "waiting_since",
        "status",
        "decided",
    ]
    list_filter = [WaitingFilter, StaleFilter, "call__agent", ReasonFilter, ConfidenceFilter]
    list_select_related = ["call__agent"]
    ordering = ["created_at", "id"]
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Review]:
        return super().get_queryset(request).defer("values", "times")

    @admin.display(description="call", ordering="call__started_at")
    def call_link(self, review: Review) -> SafeString:
        url = reverse("admin:actions_review_change", args=[review.pk])
        return format_html('<a href="{}">{}</a>', url, review.call.external_id)

    @admin.display(description="agent", ordering="call__agent__name")
    def agent(self, review: Review) -> str:
        return review.call.agent.name

    @admin.display(description="why it waits")
    def why(self, review: Review) -> str:
        return "; ".join(review.reasons)

    @admin.display(
        description="lowest confidence",
        # Least trusted first: a value with no confidence before any number.
        ordering=F("lowest_confidence").asc(nulls_first=True),
    )
    def least_sure(self, review: Review) -> str:
        if not review.lowest_confidence_field:
            return "—"
        if review.lowest_confidence is None:
            return f"{review.lowest_confidence_field}: no confidence"
        return f"{review.lowest_confidence_field} {shown_confidence(review.lowest_confidence)}"

    @admin.display(description="waiting since", ordering="created_at")
    def waiting_since(self, review: Review) -> SafeString:
        since = local(review.created_at, review.call.timezone)
        if review.status == ReviewStatus.PENDING and is_stale(review):
            return format_html('{} <span class="badge badge-invalid">stale</span>', since)
        return format_html("{}", since)

    @admin.display(description="decided")
    def decided(self, review: Review) -> str:
        if not review.decided_by:
            return ""
        return f"{review.decided_by}, {local(review.decided_at, review.call.timezone)}"

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        title = {"title": "Review queue: calls whose actions wait for a person, oldest first"}
        return super().changelist_view(request, {**(extra_context or {}), **title})

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """The review page: the AI Analysis with an input per value, and three outcomes."""
        review = get_object_or_404(
            Review.objects.select_related("call__agent", "extraction_run"), pk=object_id
        )
        if not self.has_view_permission(request, review):
            raise PermissionDenied
        form = ReviewForm(request.POST or None, review=review)
        if request.method == "POST":
            if not self.has_change_permission(request, review):
                raise PermissionDenied
            done = self._decide(request, review, form)
            if done:
                return HttpResponseRedirect(reverse("admin:actions_review_changelist"))
        return TemplateResponse(
            request, "admin/actions/review/review.html", self._context(request, review, form)
        )

    def _context(self, request: HttpRequest, review: Review, form: ReviewForm) -> dict[str, Any]:
        run, call = review.extraction_run, review.call
        return page_context(
            self,
            request,
            title=f"Review of call {call.external_id}",
            original=review,
            call=call,
            form=form,
            rows=zip(analysis_rows(run, call), form.rows(), strict=True),
            transcript=highlighted_transcript(call.turns(), run.evidence),
            held=review.action_runs.select_related("action"),
            waiting_since=local(review.created_at, call.timezone),
            decided_at=local(review.decided_at, call.timezone),
            stale=review.status == ReviewStatus.PENDING and is_stale(review),
            can_decide=review.status == ReviewStatus.PENDING
            and self.has_change_permission(request, review),
        )

    def _decide(self, request: HttpRequest, review: Review, form: ReviewForm) -> bool:
        outcome, by = request.POST.get("outcome"), request.user.get_username()
        try:
            if outcome == "reject":
                count = review_reject(review=review, by=by)
                self._log(
                    request, review.call, f"Rejected the review: {count} held action(s) skipped."
                )
                self.message_user(request, f"Rejected: {count} held action(s) recorded as skipped.")
                return True
            if outcome == "accept":
                reviewed = review_release(review=review, by=by)
            elif outcome == "correct" and form.is_valid():
                values, times = form.reviewed()
                reviewed = review_release(review=review, by=by, values=values, times=times)
            else:
                return False
        except ReviewInvalid as error:
            for name, message in error.errors.items():
                form.add_error(name if name in form.fields else None, message)
            return False
        except ReviewTaken as error:
            self.message_user(request, str(error), messages.WARNING)
            return True
        self._log(request, review.call, release_note(review, reviewed))
        self.message_user(request, release_note(review, reviewed))
        return True

    def _log(self, request: HttpRequest, call: Call, message: str) -> None:
        """In the call's history, where the other changes of a call are."""
        self.log_change(request, call, message)


def release_note(review: Review, reviewed: ReviewedValues) -> str:
    run = review.extraction_run
    if not reviewed.corrected:
        return "Accepted the values as extracted and released the held actions."
    changes = "; ".join(
        f"{name}: {describe(run.values.get(name), run.times.get(name))} → "
        f"{describe(reviewed.values.get(name), reviewed.times.get(name))}"
        for name in reviewed.corrected
    )
    return f"Corrected {changes}, and released the held actions."


def describe(value: Any, time: str | None) -> str:
    if isinstance(value, list):
        value = items_text(value)
    text = "—" if value is None else str(value)
    return f"{text} {time}" if time else text


def is_stale(review: Review) -> bool:
    return timezone.now() - review.created_at > stale_after()
