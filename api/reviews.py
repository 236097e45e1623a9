"""The review queue over the API: calls whose actions wait for a person, the three
outcomes (accept, correct and release, reject), and the corrections people made."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import django_filters
from django import forms
from django.db.models import F, QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from actions.models import ActionRun, Review, ReviewReason, ReviewStatus
from actions.selectors import reviews_below_confidence, stale_after
from actions.services import ReviewTaken, review_reject, review_release
from api.actions import IdFilter
from api.base import MomentFilter, TextOnly, request_key
from api.errors import Conflict
from api.json_types import (
    FieldValueField,
    OptionalTextByNameField,
    TextListField,
    ValueByNameField,
)
from calls.models import FieldReview
from calls.reviews import ReviewInvalid

REVIEW_SCOPES = {"review"}


class GivenIdField(forms.IntegerField):
    def clean(self, value: Any) -> int | None:
        if value == "":
            raise forms.ValidationError("Give a call id, or leave the parameter out.")
        return super().clean(value)


class CallFilter(IdFilter):
    """A call id; an empty one is refused rather than read as no filter."""

    field_class = GivenIdField


class HeldActionSerializer(serializers.ModelSerializer):
    action = serializers.CharField(source="action.name")
    type = serializers.CharField(source="action.type")
    outcome = serializers.CharField(
        help_text="held while the review waits; then fired, skipped or failed."
    )

    class Meta:
        model = ActionRun
        fields = ["id", "action", "type", "outcome", "reason"]


class ReviewSerializer(serializers.ModelSerializer):
    call = serializers.IntegerField(source="call_id")
    call_external_id = serializers.CharField(source="call.external_id")
    agent = serializers.CharField(source="call.agent.slug")
    timezone = serializers.CharField(source="call.timezone", help_text="The call's time zone.")
    reason_kinds = serializers.SerializerMethodField(
        help_text="Why it waits, as codes: ungrounded, invalid, missing, confidence, always."
    )
    stale = serializers.SerializerMethodField(
        help_text="Waiting longer than REVIEW_STALE_AFTER_HOURS; it is never released alone."
    )
    extracted = serializers.SerializerMethodField(
        help_text="The run's values, evidence, problems and stated times, as extracted."
    )
    reasons = TextListField(help_text="Why it waits, in plain words.")
    corrected = TextListField(help_text="The fields whose value the reviewer changed.")
    reviewed_values = ValueByNameField(
        source="values", help_text="Once released: the values the actions were decided on."
    )
    reviewed_times = OptionalTextByNameField(
        source="times", help_text="Once released: the time of day of each date field."
    )
    held_actions = HeldActionSerializer(source="action_runs", many=True)
    lowest_confidence = serializers.FloatField(
        allow_null=True,
        help_text="The lowest confidence among the values its held actions use; null when "
        "one of them has none (named in lowest_confidence_field) or they use none.",
    )
    lowest_confidence_field = serializers.CharField(
        help_text="The value with the lowest confidence; empty when they use none."
    )

    class Meta:
        model = Review
        fields = [
            "id",
            "call",
            "call_external_id",
            "agent",
            "timezone",
            "status",
            "reasons",
            "reason_kinds",
            "stale",
            "created_at",
            "extracted",
            "held_actions",
            "lowest_confidence",
            "lowest_confidence_field",
            "decided_by",
            "decided_at",
            "reviewed_values",
            "reviewed_times",
            "corrected",
        ]

    def get_reason_kinds(self, review: Review) -> list[str]:
        return review.kinds()

    def get_stale(self, review: Review) -> bool:
        waiting = review.status == ReviewStatus.PENDING
        return waiting and timezone.now() - review.created_at > stale_after()

    def get_extracted(self, review: Review) -> dict[str, Any]:
        run = review.extraction_run
        return {
            "run_id": run.pk,
            "values": run.values,
            "evidence": run.evidence,
            "errors": run.field_errors,
            "ungrounded": run.ungrounded,
            "times": run.times,
        }


class ReviewFilter(django_filters.FilterSet):
    agent = django_filters.CharFilter(field_name="call__agent__slug", help_text="Agent slug.")
    reason = django_filters.ChoiceFilter(
        choices=ReviewReason.choices, method="with_reason", help_text="Why it waits."
    )
    status = django_filters.ChoiceFilter(
        choices=ReviewStatus.choices, help_text="Leave out for the waiting ones only."
    )
    call = CallFilter(field_name="call_id")
    below = django_filters.NumberFilter(
        method="below_confidence",
        min_value=0,
        max_value=1,
        help_text="Only calls whose held actions use a value with a confidence below this "
        "(0 to 1), or with none.",
    )
    order = django_filters.ChoiceFilter(
        choices=[("oldest", "oldest first"), ("confidence", "lowest confidence first")],
        method="ordered",
        help_text="oldest (the default) or confidence: the least trusted first, a value "
        "with no confidence before any number, then the oldest.",
    )

    class Meta:
        model = Review
        fields = ["agent", "reason", "status", "call", "below", "order"]

    def below_confidence(
        self, queryset: QuerySet[Review], name: str, value: Decimal
    ) -> QuerySet[Review]:
        return reviews_below_confidence(queryset, below=float(value))

    def ordered(self, queryset: QuerySet[Review], name: str, value: str) -> QuerySet[Review]:
        if value != "confidence":
            return queryset
        return queryset.order_by(F("lowest_confidence").asc(nulls_first=True), "created_at", "id")

    def with_reason(self, queryset: QuerySet[Review], name: str, value: str) -> QuerySet[Review]:
        return queryset.filter(reason_kinds__contains=f" {value} ")

    @property
    def qs(self) -> QuerySet[Review]:
        queryset = super().qs
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.filter(status=ReviewStatus.PENDING)
        return queryset


class ReviewDecisionSerializer(TextOnly, serializers.Serializer):
    reviewer = serializers.CharField(
        max_length=100, help_text="The person who reviewed; recorded with the API key's name."
    )


class CorrectionSerializer(ReviewDecisionSerializer):
    values = serializers.DictField(
        child=serializers.JSONField(allow_null=True),
        required=False,
        default=dict,
        help_text="Field → reviewed value, normalised as extraction normalises values; "
        "a field left out keeps its extracted value, null means not in the call. A list "
        'field takes an array of its items (["battery", "ev charger"]), each checked as '
        "extraction checks it; the same items in another order are no correction.",
    )
    times = serializers.DictField(
        child=serializers.CharField(allow_null=True),
        required=False,
        default=dict,
        help_text='Date field → the time of day, "HH:MM" in the call\'s time zone, or null.',
    )


class ReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The review queue, oldest first: waiting calls unless `status` says otherwise."""

    queryset = (
        Review.objects.select_related("call__agent", "extraction_run")
        .prefetch_related("action_runs__action")
        .order_by("created_at", "id")
    )
    serializer_class = ReviewSerializer
    filterset_class = ReviewFilter
    scopes = {
        "list": REVIEW_SCOPES,
        "retrieve": REVIEW_SCOPES,
        "accept": REVIEW_SCOPES,
        "correct": REVIEW_SCOPES,
        "reject": REVIEW_SCOPES,
    }

    def filter_queryset(self, queryset: QuerySet[Any, Any]) -> QuerySet[Any, Any]:
        """The filters (waiting only, by default) pick the queue; a review is found by id
        whatever its status, so a second reviewer is told it was decided."""
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def _reviewer(self, request: Request, serializer: type[ReviewDecisionSerializer]) -> Any:
        body = serializer(data=request.data)
        body.is_valid(raise_exception=True)
        name = f"{body.validated_data['reviewer']} (API key {request_key(request).name})"
        return name, body.validated_data

    def _answer(self, review: Review) -> Response:
        return Response(ReviewSerializer(self.get_queryset().get(pk=review.pk)).data)

    @extend_schema(request=ReviewDecisionSerializer, responses={200: ReviewSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str) -> Response:
        """Confirm every value as extracted and release the held actions."""
        review = self.get_object()
        by, _ = self._reviewer(request, ReviewDecisionSerializer)
        try:
            review_release(review=review, by=by)
        except ReviewTaken as error:
            raise Conflict(str(error)) from error
        except ReviewInvalid as error:
            raise ValidationError({"values": error.errors}) from error
        return self._answer(review)

    @extend_schema(request=CorrectionSerializer, responses={200: ReviewSerializer})
    @action(detail=True, methods=["post"])
    def correct(self, request: Request, pk: str) -> Response:
        """Correct values and release the held actions, decided once on the reviewed values."""
        review = self.get_object()
        by, data = self._reviewer(request, CorrectionSerializer)
        try:
            review_release(review=review, by=by, values=data["values"], times=data["times"])
        except ReviewTaken as error:
            raise Conflict(str(error)) from error
        except ReviewInvalid as error:
            raise ValidationError({"values": error.errors}) from error
        return self._answer(review)

    @extend_schema(request=ReviewDecisionSerializer, responses={200: ReviewSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str) -> Response:
        """Fire nothing: each held action is recorded as skipped, "rejected by NAME"."""
        review = self.get_object()
        by, _ = self._reviewer(request, ReviewDecisionSerializer)
        try:
            review_reject(review=review, by=by)
        except ReviewTaken as error:
            raise Conflict(str(error)) from error
        return self._answer(review)


class FieldReviewSerializer(serializers.ModelSerializer):
    call = serializers.IntegerField(source="call_id")
    agent = serializers.CharField(source="call.agent.slug")
    extraction_run = serializers.IntegerField(source="extraction_run_id")
    extracted = FieldValueField(help_text="The value the extractor found.")
    reviewed = FieldValueField(help_text="The value a person confirmed or corrected.")

    class Meta:
        model = FieldReview
        fields = [
            "id",
            "call",
            "agent",
            "extraction_run",
            "field",
            "extracted",
            "reviewed",
            "extracted_time",
            "reviewed_time",
            "correct",
            "reviewed_by",
            "reviewed_at",
        ]


class FieldReviewFilter(django_filters.FilterSet):
    agent = django_filters.CharFilter(field_name="call__agent__slug", help_text="Agent slug.")
    call = CallFilter(field_name="call_id")
    field = django_filters.CharFilter()
    correct = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="with_correct",
        help_text="false: the values a person corrected.",
    )
    reviewed_after = MomentFilter(field_name="reviewed_at", lookup_expr="gte")
    reviewed_before = MomentFilter(field_name="reviewed_at", lookup_expr="lt")

    class Meta:
        model = FieldReview
        fields = ["agent", "call", "field", "correct"]

    def with_correct(
        self, queryset: QuerySet[FieldReview], name: str, value: str
    ) -> QuerySet[FieldReview]:
        return queryset.filter(correct=value == "true")


class CorrectionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Each reviewed field of each call: the extracted and the reviewed value, who and when;
    `correct` says whether the extractor had it right (accepting confirms it)."""

    queryset = FieldReview.objects.select_related("call__agent").order_by("-reviewed_at", "-id")
    serializer_class = FieldReviewSerializer
    filterset_class = FieldReviewFilter
    scopes = {"list": REVIEW_SCOPES | {"read"}}
