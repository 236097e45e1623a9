"""Deliveries, follow-ups, the outbound queue and transfer decisions over the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from actions.models import (
    DeliveryAttempt,
    DeliveryStatus,
    FollowUp,
    FollowUpStatus,
    TransferDecision,
    WebhookDelivery,
)
from actions.services import (
    RESULT_OUTCOMES,
    LiveCall,
    PlacedCall,
    ResultRefused,
    delivery_resend,
    followup_cancel,
    followup_reschedule,
    outbound_queue_claim,
    outbound_result_record,
    transfer_decide,
)
from agents.models import Agent
from api.base import (
    MomentField,
    MomentFilter,
    TextOnly,
    request_key,
)
from api.errors import Conflict
from api.json_types import HistoryField, ObjectField, TranscriptJSONField
from api.limits import refuse_oversized_transcript
from calls.models import Call
from calls.services import CallInvalid
from extraction.timezones import known_timezones
from extraction.transcripts import TranscriptInvalid, parse_transcript
from extraction.types import Turn


class AttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = DeliveryAttempt
        fields = [
            "number",
            "started_at",
            "status_code",
            "duration_ms",
            "response_excerpt",
            "error",
            "next_try_at",
        ]


class DeliverySerializer(serializers.ModelSerializer):
    action = serializers.CharField(source="action.name")
    agent = serializers.CharField(source="action.agent.slug")
    attempts = AttemptSerializer(many=True, read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "message_id",
            "event_type",
            "is_test",
            "agent",
            "action",
            "call",
            "url",
            "status",
            "attempt_count",
            "next_attempt_at",
            "last_status_code",
            "last_error",
            "created_at",
            "finished_at",
            "attempts",
        ]


MAX_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """A row id: a whole number in the database's range."""

    field_class = forms.IntegerField

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


class DeliveryFilter(django_filters.FilterSet):
    call = IdFilter(field_name="call_id")
    action = IdFilter(field_name="action_id", help_text="Action id.")
    agent = django_filters.CharFilter(field_name="action__agent__slug")
    status = django_filters.ChoiceFilter(choices=DeliveryStatus.choices)

    class Meta:
        model = WebhookDelivery
        fields = ["call", "action", "agent", "status"]


class DeliveryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Webhook deliveries with every attempt."""

    queryset = WebhookDelivery.objects.select_related("action__agent").prefetch_related("attempts")
    serializer_class = DeliverySerializer
    filterset_class = DeliveryFilter

    @extend_schema(request=None, responses={202: DeliverySerializer})
    @action(detail=True, methods=["post"])
    def resend(self, request: Request, pk: str) -> Response:
        """Send again now, with the same webhook-id."""
        delivery = self.get_object()
        if delivery.status == DeliveryStatus.DELIVERING:
            raise Conflict("This delivery is being sent right now.")
        delivery_resend(delivery=delivery)
        delivery.refresh_from_db()
        return Response(DeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)


class FollowUpSerializer(serializers.ModelSerializer):
    agent = serializers.CharField(source="agent.slug")
    source_call: serializers.PrimaryKeyRelatedField[Call] = serializers.PrimaryKeyRelatedField(
        read_only=True
    )
    history = HistoryField(read_only=True)

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "agent",
            "to_number",
            "from_number",
            "due_at",
            "status",
            "attempts",
            "dialer",
            "dialer_reference",
            "source_call",
            "result_call",
            "history",
            "created_at",
        ]


class FollowUpFilter(django_filters.FilterSet):
    agent = django_filters.CharFilter(field_name="agent__slug")
    status = django_filters.ChoiceFilter(choices=FollowUpStatus.choices)
    due_after = MomentFilter(field_name="due_at", lookup_expr="gte")
    due_before = MomentFilter(field_name="due_at", lookup_expr="lt")
    source_call = IdFilter(field_name="source_call_id")

    class Meta:
        model = FollowUp
        fields = ["agent", "status", "source_call"]


class CancelSerializer(TextOnly, serializers.Serializer):
    reason = serializers.CharField(required=False, default="", max_length=500)


class RescheduleSerializer(TextOnly, serializers.Serializer):
    due_at = MomentField(help_text="ISO 8601 with a UTC offset.")

    def validate_due_at(self, due_at: Any) -> Any:
        if due_at <= timezone.now():
            raise serializers.ValidationError("Must be in the future.")
        return due_at


class FollowUpViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Booked follow-up calls, with every transition and its reason."""

    queryset = FollowUp.objects.select_related("agent")
    serializer_class = FollowUpSerializer
    filterset_class = FollowUpFilter

    @extend_schema(request=CancelSerializer, responses={200: FollowUpSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        followup = self.get_object()
        body = CancelSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        reason = body.validated_data["reason"] or "canceled over the API"
        if not followup_cancel(followup=followup, reason=f"{reason} ({request_key(request).name})"):
            raise Conflict(f"This follow-up is {followup.status}; it can no longer be canceled.")
        followup.refresh_from_db()
        return Response(FollowUpSerializer(followup).data)

    @extend_schema(request=RescheduleSerializer, responses={200: FollowUpSerializer})
    @action(detail=True, methods=["post"])
    def reschedule(self, request: Request, pk: str) -> Response:
        followup = self.get_object()
        body = RescheduleSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        if not followup_reschedule(
            followup=followup, due_at=body.validated_data["due_at"], by=request_key(request).name
        ):
            raise Conflict(f"This follow-up is {followup.status}; only pending ones move.")
        followup.refresh_from_db()
        return Response(FollowUpSerializer(followup).data)


class OutboundCallSerializer(serializers.ModelSerializer):
    agent = serializers.CharField(source="agent.slug")
    follow_up_id = serializers.IntegerField(source="pk")
    idempotency_key = serializers.CharField(source="dialer_reference")
    source_call_external_id = serializers.CharField(
        source="source_call.external_id", default=None, allow_null=True
    )

    class Meta:
        model = FollowUp
        fields = [
            "follow_up_id",
            "agent",
            "to_number",
            "from_number",
            "due_at",
            "attempts",
            "idempotency_key",
            "source_call_external_id",
        ]


class ClaimSerializer(TextOnly, serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=100, default=10)
    agent = serializers.SlugRelatedField(
        slug_field="slug", queryset=Agent.objects.all(), required=False
    )


class FinishedCallSerializer(TextOnly, serializers.Serializer):
    external_id = serializers.CharField(max_length=200)
    started_at = MomentField()
    ended_at = MomentField(required=False, allow_null=True)
    transcript = TranscriptJSONField()
    metadata = ObjectField(required=False)


class ResultSerializer(TextOnly, serializers.Serializer):
    outcome = serializers.ChoiceField(choices=RESULT_OUTCOMES)
    detail = serializers.CharField(required=False, default="", max_length=1000)
    call = FinishedCallSerializer(
        required=False, help_text="The call as it happened, when answered: it is analysed."
    )


class OutboundClaimView(APIView):
    """Take the next due follow-up calls to place (the `queue` dialer); each is handed out once."""

    scopes = {"post": {"runtime"}}

    @extend_schema(request=ClaimSerializer, responses={200: OutboundCallSerializer(many=True)})
    def post(self, request: Request) -> Response:
        body = ClaimSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        claimed = outbound_queue_claim(
            limit=body.validated_data["limit"], agent=body.validated_data.get("agent")
        )
        return Response(OutboundCallSerializer(claimed, many=True).data)


class OutboundResultView(APIView):
    """Report how a follow-up call went; an answered call with its transcript is analysed."""

    scopes = {"post": {"runtime"}}

    @extend_schema(
        request=ResultSerializer,
        responses={200: FollowUpSerializer},
        examples=[
            OpenApiExample(
                "Answered",
                value={
                    "outcome": "answered",
                    "call": {
                        "external_id": "rt-call-0002",
                        "started_at": "2026-03-17T10:00:04+03:00",
                        "ended_at": "2026-03-17T10:03:40+03:00",
                        "transcript": "Agent: Hello Maria, it's Ada from Solaris.\nUser: Hi!",
                    },
                },
                request_only=True,
            ),
            OpenApiExample("No answer", value={"outcome": "no_answer"}, request_only=True),
        ],
    )
    def post(self, request: Request, follow_up_id: int) -> Response:
        followup = get_object_or_404(FollowUp.objects.select_related("agent"), pk=follow_up_id)
        body = ResultSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        placed = data.get("call")
        try:
            followup = outbound_result_record(
                followup=followup,
                outcome=data["outcome"],
                detail=data["detail"],
                call=PlacedCall(**placed) if placed is not None else None,
            )
        except ResultRefused as error:
            raise Conflict(str(error)) from error
        except CallInvalid as error:
            raise ValidationError({"call": error.errors}) from error
        return Response(FollowUpSerializer(followup).data)


class LiveCallSerializer(TextOnly, serializers.Serializer):
    agent = serializers.SlugRelatedField(slug_field="slug", queryset=Agent.objects.all())
    external_id = serializers.CharField(max_length=200)
    started_at = MomentField(required=False)
    timezone = serializers.CharField(required=False)
    transcript = TranscriptJSONField(help_text="The transcript so far.")

    def validate_transcript(self, transcript: Any) -> Any:
        refuse_oversized_transcript(transcript)
        try:
            return parse_transcript(transcript)
        except TranscriptInvalid as error:
            raise serializers.ValidationError(str(error)) from error


class TransferDecisionSerializer(serializers.ModelSerializer):
    action = serializers.CharField(source="action.name", default=None, allow_null=True)
    values = ObjectField(help_text="The values the decision was made on.")

    class Meta:
        model = TransferDecision
        fields = ["id", "transfer", "to_number", "action", "reason", "values", "latency_ms"]


class TransferDecisionView(APIView):
    """During a live call: should it be transferred to a human now, and to which number?"""

    scopes = {"post": {"runtime"}}

    @extend_schema(
        request=LiveCallSerializer,
        responses={200: TransferDecisionSerializer},
        examples=[
            OpenApiExample(
                "A live call",
                value={
                    "agent": "demo",
                    "external_id": "rt-call-0003",
                    "transcript": [
                        {"role": "agent", "text": "Are you interested in a quote?"},
                        {"role": "user", "text": "Yes, very! I want to sign up today."},
                    ],
                },
                request_only=True,
            )
        ],
    )
    def post(self, request: Request) -> Response:
        body = LiveCallSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        agent: Agent = data["agent"]
        zone = data.get("timezone") or agent.timezone
        if zone not in known_timezones():
            raise ValidationError({"timezone": f"{zone!r} is not an IANA time zone."})
        decision = transfer_decide(
            live=LiveCall(
                agent=agent,
                external_id=data["external_id"],
                turns=tuple(Turn(role=t["role"], text=t["text"]) for t in data["transcript"]),
                started_at=data.get("started_at") or timezone.now(),
                timezone=zone,
            )
        )
        return Response(TransferDecisionSerializer(decision).data)
