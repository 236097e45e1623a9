"""Calls over the API: ingest finished calls, read their AI Analysis, re-run extraction."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import django_filters
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from actions.models import ActionRun
from agents.models import Agent
from agents.versions import agent_version_get
from api.base import ChosenFilter, MomentField, MomentFilter, TextOnly
from api.json_types import (
    ConfidenceByNameField,
    ObjectField,
    ObjectListField,
    QuoteByNameField,
    TextByNameField,
    TextListField,
    TranscriptJSONField,
    ValueByNameField,
)
from api.limits import refuse_oversized_transcript
from api.throttling import IngestThrottle
from calls.analysis import extraction_run_start
from calls.exports import calls_csv, export_field_names
from calls.models import Call, CallDirection, CallStatus, ExtractionRun, RunStatus
from calls.selectors import calls_with_value, value_literal
from calls.services import CallInvalid, call_create
from extraction.names import is_field_name
from extraction.timezones import known_timezones

VALUE_FILTER = re.compile(r"^value\.(.+)$")

CALL_EXAMPLE = OpenApiExample(
    "A finished call",
    value={
        "agent": "demo",
        "external_id": "rt-call-0001",
        "direction": "inbound",
        "from_number": "+905321234567",
        "to_number": "+908501234567",
        "started_at": "2026-03-10T14:05:00+03:00",
        "ended_at": "2026-03-10T14:09:12+03:00",
        "timezone": "Europe/Istanbul",
        "transcript": [
            {"role": "agent", "text": "Hello, this is Ada from Solaris. Who am I speaking with?"},
            {"role": "user", "text": "Hi, my name is Maria Gonzalez."},
            {"role": "agent", "text": "Shall we call you back to book a site survey?"},
            {"role": "user", "text": "Yes please, next Tuesday. My cell is 0532 123 4567."},
        ],
        "metadata": {"campaign": "spring-solar"},
    },
    request_only=True,
)


class ExtractionRunSerializer(serializers.ModelSerializer):
    # DRF's metaclass takes declared fields off the class, so this does not replace the
    # Serializer.errors property the stubs see here.
    errors = TextByNameField(  # type: ignore[assignment]
        source="field_errors", help_text="Field name → problem."
    )
    config_version = serializers.IntegerField(
        source="agent_version.number",
        allow_null=True,
        read_only=True,
        help_text="The number of the agent's config version the run extracted with; null "
        "for a run from before versions were kept.",
    )
    values = ValueByNameField(
        help_text="Field name → value, the product page's flat object; a list field's value "
        "is an array of its items, in the order said, or null (never [])."
    )
    evidence = QuoteByNameField(
        help_text="Field name → the words it came from; for a list field, an array with one "
        "quote per item (null for an item without one)."
    )
    ungrounded = TextListField(help_text="Fields whose quote is not in the transcript.")
    times = TextByNameField(help_text="Date field → the local time of day the call states.")
    null_reasons = TextByNameField(help_text="Field name → why it is empty.")
    confidences = ConfidenceByNameField(
        help_text="Field name → how likely its value (a null too) is right, from 0 to 1; "
        "null where the run has none for it (confidence_reasons says why). Empty for a run "
        "from before confidences were kept."
    )
    confidence_reasons = TextByNameField(
        help_text="Field name → why it has no confidence, or a caveat beside its number."
    )
    notes = TextListField()
    config_snapshot = ObjectListField(help_text="The fields as they were for this run.")
    field_extractors = ObjectField(
        help_text='Field name → the extractor that answered it: {"backend", "model"}. Empty '
        "for a run from before extractors per field."
    )
    extractor_groups = ObjectListField(
        help_text="One entry per extractor asked (one request each): backend, model, fields, "
        "tokens_in, tokens_out, latency_ms, error (empty when it answered), hit_token_bound."
    )
    # As `errors` above: a declared field, not the serializer's own `partial` flag.
    partial = serializers.BooleanField(  # type: ignore[assignment]
        help_text="True when an extractor failed while another answered: its fields are null, "
        "each with the failure in errors."
    )

    class Meta:
        model = ExtractionRun
        fields = [
            "id",
            "status",
            "backend",
            "model",
            "values",
            "evidence",
            "errors",
            "ungrounded",
            "times",
            "null_reasons",
            "confidences",
            "confidence_reasons",
            "notes",
            "tokens_in",
            "tokens_out",
            "latency_ms",
            "refusal",
            "truncated",
            "partial",
            "field_extractors",
            "extractor_groups",
            "failure_reason",
            "attempts",
            "fire_actions",
            "config_snapshot",
            "config_version",
            "created_at",
            "finished_at",
        ]


class RunFailureSerializer(serializers.Serializer):
    run = serializers.IntegerField()
    failure_reason = serializers.CharField()
    finished_at = serializers.DateTimeField(allow_null=True)


class DecisionSerializer(serializers.Serializer):
    action = serializers.CharField(source="action.name")
    type = serializers.CharField(source="action.type")
    outcome = serializers.CharField()
    reason = serializers.CharField()
    extraction_run = serializers.IntegerField(source="extraction_run_id")
    created_at = serializers.DateTimeField()


class CallSerializer(TextOnly, serializers.ModelSerializer):
    agent = serializers.SlugRelatedField(slug_field="slug", queryset=Agent.objects.all())
    transcript = TranscriptJSONField(
        help_text='Turns [{"role": "agent"|"user", "text": …, "offset": seconds}] or plain '
        'text "Agent: …\\nUser: …".'
    )
    started_at = MomentField()
    ended_at = MomentField(required=False, allow_null=True)
    metadata = ObjectField(required=False)
    analysis = ExtractionRunSerializer(source="latest_run", read_only=True, allow_null=True)
    latest_failure = serializers.SerializerMethodField(
        help_text="The newest run, when it failed after the shown analysis (or with none): "
        "its id, reason and when it ended; null otherwise."
    )
    action_decisions = DecisionSerializer(source="action_runs", many=True, read_only=True)

    class Meta:
        model = Call
        fields = [
            "id",
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
            "status",
            "analysis",
            "latest_failure",
            "action_decisions",
            "created_at",
        ]
        read_only_fields = ["status", "created_at", "follows_up"]
        # A call posted twice is answered with the stored one, not refused.
        validators: list = []
        extra_kwargs = {
            "external_id": {"required": False, "allow_blank": True, "validators": []},
            "timezone": {"required": False, "validators": []},
        }

    def to_representation(self, call: Call) -> dict[str, Any]:
        """Times in the call's own time zone, as the people on the call saw them."""
        data = super().to_representation(call)
        for key in ("started_at", "ended_at"):
            moment = getattr(call, key)
            data[key] = moment.astimezone(call.zone).isoformat() if moment else None
        return data

    def validate_timezone(self, timezone: str) -> str:
        if timezone and timezone not in known_timezones():
            raise serializers.ValidationError(
                f"{timezone!r} is not an IANA time zone (e.g. Europe/Istanbul)"
            )
        return timezone

    def validate_metadata(self, metadata: Any) -> Any:
        if metadata is not None and not isinstance(metadata, dict):
            raise serializers.ValidationError("Send an object of keys and values, e.g. {}.")
        return metadata

    @extend_schema_field(RunFailureSerializer(allow_null=True))
    def get_latest_failure(self, call: Call) -> dict[str, Any] | None:
        # Prefetched by the view as `newest_runs`: one query for a whole page of calls.
        newest_runs: list[ExtractionRun] = getattr(call, "newest_runs", [])
        newest = newest_runs[0] if newest_runs else None
        if newest is None or newest.status != RunStatus.FAILED:
            return None
        return {
            "run": newest.pk,
            "failure_reason": newest.failure_reason,
            "finished_at": newest.finished_at.isoformat() if newest.finished_at else None,
        }

    def validate_transcript(self, transcript: Any) -> Any:
        refuse_oversized_transcript(transcript)
        return transcript


class CallFilter(django_filters.FilterSet):
    agent = django_filters.CharFilter(field_name="agent__slug", help_text="Agent slug.")
    status = ChosenFilter(choices=CallStatus.choices)
    direction = ChosenFilter(choices=CallDirection.choices)
    started_after = MomentFilter(field_name="started_at", lookup_expr="gte")
    started_before = MomentFilter(field_name="started_at", lookup_expr="lt")
    external_id = django_filters.CharFilter()
    max_confidence = django_filters.NumberFilter(
        field_name="lowest_confidence",
        lookup_expr="lte",
        min_value=0,
        max_value=1,
        help_text="Calls whose least confident value in the latest analysis has this "
        "confidence or less (0 to 1); calls with no confidence at all are left out.",
    )
    min_confidence = django_filters.NumberFilter(
        field_name="lowest_confidence",
        lookup_expr="gte",
        min_value=0,
        max_value=1,
        help_text="Calls whose every value in the latest analysis has at least this "
        "confidence (0 to 1); calls with no confidence at all are left out.",
    )

    class Meta:
        model = Call
        fields = ["agent", "status", "direction", "external_id"]


def calls_with_values(calls: QuerySet[Call], params: dict[str, str]) -> QuerySet[Call]:
    """`?value.interest_level=high`: match the latest analysis' value (JSON literals too)."""
    for key, text in params.items():
        if not key.startswith("value."):
            continue
        match = VALUE_FILTER.match(key)
        if match is None or not is_field_name(match.group(1)):
            raise ValidationError({key: "Not a field name: use value.<field>=<value>."})
        try:
            calls = calls_with_value(calls, match.group(1), value_literal(text))
        except ValueError as error:
            raise ValidationError({key: str(error)}) from error
    return calls


class RerunSerializer(serializers.Serializer):
    fire_actions = serializers.BooleanField(
        default=False,
        help_text="Decide the agent's actions again on this run's values (once).",
    )
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Extract with this version of the agent's config (its fields); without "
        "it, the current version.",
    )


@dataclass(frozen=True)
class CallsExport:
    """The filtered call list with the fields to show as columns, for the CSV renderer."""

    calls: QuerySet[Call]
    names: list[str]


class CallsCSVRenderer(BaseRenderer):
    """`?format=csv` on the call list: the shape of calls/exports.py."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        return "".join(calls_csv(data.calls, data.names)).encode()


COLUMNS_PARAMETER = OpenApiParameter(
    "columns",
    str,
    description="CSV only: the fields to show as columns, comma-separated "
    "(e.g. customer_name,interest_level). Default: every field of the agents listed.",
)
FORMAT_PARAMETER = OpenApiParameter(
    "format",
    str,
    description="`csv`: every call that matches the filters, not one page, as a UTF-8 CSV "
    "file with a byte order mark; the latest analysis' values are columns.",
)


class CallViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Finished calls and their AI Analysis."""

    serializer_class = CallSerializer
    filterset_class = CallFilter
    scopes = {"create": {"write", "runtime"}, "rerun": {"write"}}
    throttle_scope = "ingest"

    def get_throttles(self) -> list[Any]:
        return [IngestThrottle()] if self.action == "create" else []

    def get_renderers(self) -> list[BaseRenderer]:
        # No action: a method the path does not take, refused with 405 whatever the format.
        if self.action in ("list", None):
            return [JSONRenderer(), CallsCSVRenderer()]
        return [JSONRenderer()]

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        # A refused CSV request is answered in the API's JSON error shape.
        if isinstance(getattr(request, "accepted_renderer", None), CallsCSVRenderer) and (
            response.status_code >= 400
        ):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)

    def wants_csv(self) -> bool:
        return isinstance(getattr(self.request, "accepted_renderer", None), CallsCSVRenderer)

    @extend_schema(
        parameters=[FORMAT_PARAMETER, COLUMNS_PARAMETER],
        responses={
            (200, "application/json"): CallSerializer(many=True),
            (200, "text/csv"): OpenApiTypes.STR,
        },
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Calls, newest first, filtered; `?format=csv` gives them all as one CSV file."""
        if not self.wants_csv():
            return super().list(request, *args, **kwargs)
        calls = self.filter_queryset(self.get_queryset())
        names = csv_columns(request) or export_field_names(calls)
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        return Response(
            CallsExport(calls=calls, names=names),
            headers={"Content-Disposition": f'attachment; filename="calls-{stamp}-UTC.csv"'},
        )

    def get_queryset(self) -> QuerySet[Call]:
        newest_run = ExtractionRun.objects.only(
            "call_id", "status", "failure_reason", "finished_at"
        ).order_by("-created_at", "-id")[:1]
        queryset: QuerySet[Call] = Call.objects.select_related(
            "agent", "latest_run"
        ).prefetch_related(
            "action_runs__action", Prefetch("runs", queryset=newest_run, to_attr="newest_runs")
        )
        if self.action == "list" and self.wants_csv():
            return calls_with_values(Call.objects.all(), self.request.query_params)
        if self.action == "list":
            queryset = calls_with_values(queryset, self.request.query_params)
        return queryset

    @extend_schema(
        examples=[CALL_EXAMPLE],
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                description="A retry with the same key returns the same call. Used as the "
                "external id when the body has none.",
            )
        ],
        responses={201: CallSerializer, 200: CallSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Post a finished call. The same agent and external id (or Idempotency-Key)
        return the stored call (200) instead of a second one (201)."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        external_id = data.get("external_id") or idempotency_external_id(request)
        try:
            call, created = call_create(
                agent=data["agent"],
                external_id=external_id,
                started_at=data["started_at"],
                ended_at=data.get("ended_at"),
                timezone=data.get("timezone", ""),
                direction=data.get("direction", CallDirection.INBOUND),
                from_number=data.get("from_number", ""),
                to_number=data.get("to_number", ""),
                transcript=data["transcript"],
                metadata=data.get("metadata"),
            )
        except CallInvalid as error:
            raise ValidationError(error.errors) from error
        if created:
            return Response(new_call_body(call), status=status.HTTP_201_CREATED)
        body = CallSerializer(self.get_queryset().get(pk=call.pk)).data
        return Response(body, status=status.HTTP_200_OK)

    @extend_schema(responses=ExtractionRunSerializer(many=True))
    @action(detail=True, methods=["get"])
    def runs(self, request: Request, pk: str) -> Response:
        """Every extraction run of the call, newest first; old runs keep their config."""
        runs = self.paginate_queryset(
            self.get_object().runs.select_related("agent_version").defer("agent_version__snapshot")
        )
        return self.get_paginated_response(ExtractionRunSerializer(runs, many=True).data)

    @extend_schema(request=RerunSerializer, responses={202: ExtractionRunSerializer})
    @action(detail=True, methods=["post"])
    def rerun(self, request: Request, pk: str) -> Response:
        """Run extraction again with the agent's current version, or the version given."""
        call = self.get_object()
        if not call.transcript:
            raise ValidationError({"transcript": "This call has no transcript to analyse."})
        options = RerunSerializer(data=request.data)
        options.is_valid(raise_exception=True)
        data = options.validated_data
        version = None
        if "version" in data:
            version = agent_version_get(agent=call.agent, number=data["version"])
            if version is None:
                raise ValidationError(
                    {"version": [f"{call.agent.slug} has no version {data['version']}."]}
                )
        run = extraction_run_start(call=call, fire_actions=data["fire_actions"], version=version)
        return Response(ExtractionRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


def new_call_body(call: Call) -> dict[str, Any]:
    """The answer for a call this request stored, from the row as written rather than read
    back: it has no analysis, failed run or decision yet."""
    call._prefetched_objects_cache = {"action_runs": ActionRun.objects.none()}  # type: ignore[attr-defined]
    return CallSerializer(call).data


def csv_columns(request: Request) -> list[str]:
    text = request.query_params.get("columns", "")
    names = [name for name in dict.fromkeys(text.split(",")) if name]
    wrong = [name for name in names if not is_field_name(name)]
    if wrong:
        raise ValidationError({"columns": f"Not field names: {', '.join(wrong)}."})
    return names


def idempotency_external_id(request: Request) -> str:
    """The external id an Idempotency-Key stands for, scoped to the API key that sent it:
    two integrations that happen to pick the same key store two calls."""
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        return ""
    scope = f"{request.auth.pk}:" if request.auth is not None else ""
    return f"idem_{hashlib.sha256((scope + key).encode()).hexdigest()[:40]}"
