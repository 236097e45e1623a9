"""Agents over the API, with fields and actions in the product page's JSON shapes."""

from __future__ import annotations

import json
from typing import Any

from django.db import models
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from agents.config import ConfigError, ConfigInvalid
from agents.models import Agent
from agents.seed_format import ImportInvalid, export_review, parse_actions, parse_fields
from agents.selectors import (
    action_config_for_reader,
    agent_export,
    agent_field_specs,
    agent_offline_unreadable,
)
from agents.services import (
    VersionUnchanged,
    agent_import_json,
    agent_save,
    agent_version_restore,
)
from agents.validators import validate_timezone
from agents.versions import VersionEntry, agent_version_history
from api.base import TextOnly
from api.json_types import TEXT, ObjectField, WeekdaysField

SEED_FIELDS_EXAMPLE = [
    {"name": "customer_name", "type": "string", "description": "Customer full name"},
    {"name": "interest_level", "type": "enum", "description": "high, medium, low, none"},
    {"name": "follow_up_required", "type": "boolean", "description": "Whether follow-up is needed"},
    {
        "name": "follow_up_date",
        "type": "string",
        "description": "Follow-up date in ISO 8601 format",
    },
    {
        "name": "callback_number",
        "type": "string",
        "description": "Phone number to call back, digits only",
    },
]
SEED_ACTION_EXAMPLE = {
    "type": "schedule_call",
    "name": "Auto follow-up",
    "condition": {"field": "follow_up_required", "operator": "==", "value": True},
    "config": {
        "use_field": "follow_up_date",
        "fallback_delay_minutes": 1440,
        "from_number": "+908501234567",
    },
}
AGENT_EXAMPLE = OpenApiExample(
    "The product page's example agent",
    value={
        "name": "Solaris sales",
        "slug": "solaris",
        "timezone": "Europe/Istanbul",
        "fields": SEED_FIELDS_EXAMPLE,
        "actions": [SEED_ACTION_EXAMPLE],
    },
    request_only=True,
)


def errors_by_row(errors: list[ConfigError]) -> dict[str, list[str]]:
    """400 details keyed by row ("fields[1]", "actions[0]"), each message naming the row."""
    details: dict[str, list[str]] = {}
    for error in errors:
        key = f"{error.section}[{error.index}]" if error.index >= 0 else error.section
        details.setdefault(key, []).append(str(error))
    return details


class FieldOutSerializer(serializers.Serializer):
    name = serializers.CharField()
    type = serializers.CharField()
    description = serializers.CharField()
    choices = serializers.ListField(child=serializers.CharField())
    format = serializers.CharField()
    # DRF's metaclass takes declared fields off the class, so this does not replace the
    # Field.required flag the stubs see here.
    required = serializers.BooleanField()  # type: ignore[assignment]
    item_type = serializers.CharField(
        help_text="A list field's item type (string, number, enum); empty on other fields."
    )
    min_items = serializers.IntegerField(
        allow_null=True, help_text="A list field's fewest items expected, or null."
    )
    max_items = serializers.IntegerField(
        allow_null=True, help_text="A list field's most items kept, or null."
    )
    extractor = serializers.CharField(
        help_text='Empty: the agent\'s extractor; "offline"; or a model name on the configured '
        "server."
    )


class ActionOutSerializer(serializers.Serializer):
    type = serializers.CharField()
    name = serializers.CharField()
    condition = serializers.JSONField(allow_null=True)
    config = serializers.JSONField(
        help_text="Webhook secrets are never stored in it: they are returned once, when made."
    )
    enabled = serializers.BooleanField()
    review = serializers.SerializerMethodField(
        help_text="When a person reviews the values before the action fires: never, "
        "uncertain (a value it uses has no evidence, is invalid, or a required field is "
        'missing), always, or {"confidence_below": 0.6} (uncertain, or a value it uses has '
        "a confidence below 0.6 or none), as in the product page's JSON.",
    )
    disabled_reason = serializers.CharField()

    @extend_schema_field(
        {
            "oneOf": [
                {**TEXT, "enum": ["never", "uncertain", "always"]},
                {
                    "type": "object",
                    "properties": {
                        "confidence_below": {"type": "number", "minimum": 0, "maximum": 1}
                    },
                    "required": ["confidence_below"],
                    "additionalProperties": False,
                },
            ]
        }
    )
    def get_review(self, action: Any) -> str | dict[str, float]:
        return export_review(action.review, action.review_below)

    def to_representation(self, action: Any) -> dict[str, Any]:
        """Header values are never read back, by any key: they are often credentials. A
        client may send "(hidden)" back to keep a stored value."""
        data = super().to_representation(action)
        data["config"] = action_config_for_reader(action_type=action.type, config=action.config)
        return data


def config_lists() -> dict[str, serializers.Field]:
    """`fields` and `actions`, added in get_fields: a serializer attribute named `fields`
    would hide the serializer's own `fields`."""
    return {
        "fields": serializers.ListField(
            child=serializers.JSONField(),
            required=False,
            write_only=True,
            help_text="The product page's field array; choices and format are inferred "
            'as on import. A list field is {"type": "list", "item_type": "enum", '
            '"choices": […], "min_items": 1, "max_items": 3, …}.',
        ),
        "actions": serializers.ListField(
            child=serializers.JSONField(),
            required=False,
            write_only=True,
            help_text="Action objects as on the product page.",
        ),
    }


@extend_schema_field(
    {"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2})?$", "example": "10:00",
     "description": "A local wall-clock time, HH:MM."}
)  # fmt: skip
class WallClockTimeField(serializers.TimeField):
    """A time of day with no offset: it is read in the call's or callee's time zone."""


class AgentSerializer(TextOnly, serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.TimeField: WallClockTimeField,
    }
    timezone = serializers.CharField(validators=[validate_timezone], required=False)
    calling_days = WeekdaysField(
        required=False,
        help_text="Days follow-ups may ring, 0 = Monday … 6 = Sunday; empty means every day.",
    )
    offline_unreadable = serializers.SerializerMethodField(
        help_text="The fields that stay empty on this site, by name, each with why: those the "
        "offline extractor cannot read from any call (free text, another person's name, a "
        "summary, a call's outcome), when the site extracts without a model. Empty when it "
        "extracts with one."
    )

    class Meta:
        model = Agent
        fields = [
            "slug",
            "name",
            "description",
            "timezone",
            "extraction_model",
            "is_active",
            "follow_up_time",
            "calling_days",
            "calling_hours_start",
            "calling_hours_end",
            "calling_hours_zone",
            "cancel_follow_up_on_inbound",
            "created_at",
            "updated_at",
            "offline_unreadable",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def get_fields(self) -> dict[str, serializers.Field]:
        return {**super().get_fields(), **config_lists()}

    def validate_calling_days(self, days: Any) -> list[int]:
        if not isinstance(days, list) or not all(
            isinstance(day, int) and not isinstance(day, bool) and 0 <= day <= 6 for day in days
        ):
            raise serializers.ValidationError("A list of weekdays, 0 = Monday … 6 = Sunday.")
        return sorted(set(days))

    @extend_schema_field({"type": "object", "additionalProperties": TEXT})
    def get_offline_unreadable(self, agent: Agent) -> dict[str, str]:
        return agent_offline_unreadable(agent=agent)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        problems = {}
        for key, parse in (("fields", parse_fields), ("actions", parse_actions)):
            if key in data:
                try:
                    data[key] = parse(data[key])
                except ImportInvalid as error:
                    problems[key] = [str(problem) for problem in error.problems]
        if problems:
            raise serializers.ValidationError(problems)
        return data

    def to_representation(self, agent: Agent) -> dict[str, Any]:
        data = super().to_representation(agent)
        data["fields"] = FieldOutSerializer(agent_field_specs(agent=agent), many=True).data
        data["actions"] = ActionOutSerializer(agent.actions.all(), many=True).data
        return data

    def create(self, validated_data: dict[str, Any]) -> Agent:
        return self._save(Agent(), validated_data)

    def update(self, agent: Agent, validated_data: dict[str, Any]) -> Agent:
        return self._save(agent, validated_data)

    def _save(self, agent: Agent, validated_data: dict[str, Any]) -> Agent:
        for key, value in validated_data.items():
            if key not in ("fields", "actions"):
                setattr(agent, key, value)
        try:
            self.generated_secrets = agent_save(
                agent=agent,
                fields=validated_data.get("fields"),
                actions=validated_data.get("actions"),
                by=str(self.context["request"].user),
            )
        except ConfigInvalid as error:
            raise serializers.ValidationError(errors_by_row(error.errors)) from error
        return agent


class ImportSerializer(TextOnly, serializers.Serializer):
    replace_all = serializers.BooleanField(
        default=False, help_text="Remove the rows not given; otherwise same-name rows are replaced."
    )

    def get_fields(self) -> dict[str, serializers.Field]:
        return {
            **super().get_fields(),
            "fields": serializers.JSONField(required=False, help_text="The field array."),
            "actions": serializers.JSONField(
                required=False, help_text="An action object or an array of them."
            ),
        }


class VersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    created_by = serializers.CharField(help_text="Who saved it: a user, an API key, a command.")
    restored_from = serializers.IntegerField(
        allow_null=True, help_text="The version this one brought back, if it was a restore."
    )
    current = serializers.BooleanField()
    changes = serializers.ListField(
        child=serializers.CharField(), help_text="What changed since the version before."
    )
    config = ObjectField(
        help_text="The fields and actions in the product page's shapes, header values hidden."
    )

    def to_representation(self, entry: Any) -> dict[str, Any]:
        version = entry.version
        return {
            "number": version.number,
            "created_at": version.created_at.isoformat(),
            "created_by": version.created_by,
            "restored_from": version.restored_from,
            "current": entry.current,
            "changes": entry.diff,
            "config": entry.snapshot,
        }


VERSION_NUMBER = OpenApiParameter(
    "number", int, OpenApiParameter.PATH, description="The version's number, 1 for the first."
)


class AgentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Agents with their extraction fields and actions, validated as in the admin."""

    queryset = Agent.objects.prefetch_related("fields", "actions").order_by("name")
    serializer_class = AgentSerializer
    lookup_field = "slug"
    scopes = {"export": {"read"}}

    @extend_schema(examples=[AGENT_EXAMPLE])
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._with_secrets(super().create(request, *args, **kwargs))

    @extend_schema(examples=[AGENT_EXAMPLE])
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._with_secrets(super().update(request, *args, **kwargs))

    def _with_secrets(self, response: Response) -> Response:
        secrets = getattr(self, "_generated_secrets", {})
        if secrets:
            response.data["generated_webhook_secrets"] = secrets
        return response

    def perform_create(self, serializer: serializers.BaseSerializer[Agent]) -> None:
        self._save(serializer)

    def perform_update(self, serializer: serializers.BaseSerializer[Agent]) -> None:
        self._save(serializer)

    def _save(self, serializer: serializers.BaseSerializer[Agent]) -> None:
        # serializer_class is AgentSerializer for every action that saves.
        assert isinstance(serializer, AgentSerializer)
        serializer.save()
        self._generated_secrets = serializer.generated_secrets

    @extend_schema(
        request=ImportSerializer,
        responses={200: AgentSerializer},
        examples=[
            OpenApiExample(
                "The product page's JSON",
                value={"fields": SEED_FIELDS_EXAMPLE, "actions": SEED_ACTION_EXAMPLE},
                request_only=True,
            )
        ],
    )
    @action(detail=True, methods=["post"], url_path="import")
    def import_config(self, request: Request, slug: str) -> Response:
        """Import fields and actions pasted from the product page; same-name rows are replaced."""
        agent = self.get_object()
        payload = ImportSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            summary = agent_import_json(
                agent=agent,
                fields_json=_as_json(data.get("fields")),
                actions_json=_as_json(data.get("actions")),
                replace_all=data["replace_all"],
                by=str(request.user),
            )
        except ImportInvalid as error:
            raise serializers.ValidationError(
                {"import": [str(problem) for problem in error.problems]}
            ) from error
        except ConfigInvalid as error:
            raise serializers.ValidationError(errors_by_row(error.errors)) from error
        body = AgentSerializer(Agent.objects.get(pk=agent.pk)).data
        if summary.generated_secrets:
            body["generated_webhook_secrets"] = summary.generated_secrets
        return Response(body)

    @extend_schema(
        responses={
            200: inline_serializer(
                "AgentExport",
                {
                    "fields": serializers.ListField(child=serializers.JSONField()),
                    "actions": serializers.ListField(child=serializers.JSONField()),
                },
            )
        }
    )
    @action(detail=True, methods=["get"])
    def export(self, request: Request, slug: str) -> Response:
        """The config in the product page's shapes, ready to import elsewhere."""
        exported = agent_export(agent=self.get_object(), with_secrets=False)
        return Response(exported, status=status.HTTP_200_OK)

    def _version_entry(self, agent: Agent, number: str) -> VersionEntry:
        entries = agent_version_history(agent=agent, for_reader=True)
        entry = next((entry for entry in entries if str(entry.version.number) == number), None)
        if entry is None:
            raise NotFound(f"{agent.slug} has no version {number}.")
        return entry

    @extend_schema(responses={200: VersionSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def versions(self, request: Request, slug: str) -> Response:
        """Every version of the agent's fields and actions, newest first, with what each
        changed."""
        entries = agent_version_history(agent=self.get_object(), for_reader=True)
        return Response(VersionSerializer(entries, many=True).data)

    @extend_schema(parameters=[VERSION_NUMBER], responses={200: VersionSerializer})
    @action(detail=True, methods=["get"], url_path=r"versions/(?P<number>[0-9]+)")
    def version(self, request: Request, slug: str, number: str) -> Response:
        """One version of the agent's config."""
        return Response(VersionSerializer(self._version_entry(self.get_object(), number)).data)

    @extend_schema(request=None, parameters=[VERSION_NUMBER], responses={201: VersionSerializer})
    @action(detail=True, methods=["post"], url_path=r"versions/(?P<number>[0-9]+)/restore")
    def restore_version(self, request: Request, slug: str, number: str) -> Response:
        """Bring an older version back: it becomes a new version, the newest."""
        agent = self.get_object()
        old = self._version_entry(agent, number).version
        try:
            restored, secrets = agent_version_restore(version=old, by=str(request.user))
        except VersionUnchanged as error:
            raise serializers.ValidationError({"version": [str(error)]}) from error
        except ConfigInvalid as error:
            raise serializers.ValidationError(errors_by_row(error.errors)) from error
        body = VersionSerializer(self._version_entry(agent, str(restored.number))).data
        if secrets:
            body["generated_webhook_secrets"] = secrets
        return Response(body, status=status.HTTP_201_CREATED)


def _as_json(value: Any) -> str:
    return "" if value is None else json.dumps(value)
