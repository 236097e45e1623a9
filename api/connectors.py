"""Voice platforms' end-of-call webhooks, and connections over the API.

`/hooks/<platform>/<token>/` is posted to by the platforms themselves: no API key, no
CSRF token, the raw bytes as signed. The connections API lists and creates an agent's
connections; their secrets can be written and never read back.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from agents.models import Agent
from api.base import TextOnly
from api.json_types import ObjectField
from connectors.models import Connection, Platform
from connectors.platforms import PLATFORMS
from connectors.selectors import active_secrets, connection_url
from connectors.services import (
    ConnectionInvalid,
    connection_create,
    connection_update,
    delivery_receive,
)


@csrf_exempt
@require_POST
def platform_delivery_view(request: HttpRequest, platform: str, token: str) -> JsonResponse:
    # One byte over the limit is enough to refuse; a larger body is never read whole.
    body = request.read(settings.CONNECTOR_MAX_BODY_BYTES + 1)
    answer = delivery_receive(platform=platform, token=token, headers=request.headers, body=body)
    return JsonResponse(
        answer.body, status=answer.status, json_dumps_params={"ensure_ascii": False}
    )


def field_errors(error: ConnectionInvalid) -> dict[str, list[str]]:
    """The service's problems keyed as the request names them: Vapi's options under
    `options.`."""
    top = {"platform", "secret", "options", "is_enabled"}
    return {
        (key if key in top else f"options.{key}"): [message]
        for key, message in error.errors.items()
    }


class ConnectionSerializer(TextOnly, serializers.ModelSerializer):
    agent: serializers.SlugRelatedField[Agent] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    platform = serializers.ChoiceField(choices=Platform.choices)
    secret = serializers.CharField(
        write_only=True,
        required=False,
        trim_whitespace=True,
        max_length=500,
        help_text="The platform's signing secret or API key. Write-only; a new one starts "
        "a rotation, the old one staying valid for the grace period.",
    )
    options = ObjectField(
        required=False, help_text="Vapi only: how its credential signs (docs/connectors.md)."
    )
    url = serializers.SerializerMethodField(help_text="Paste this into the platform.")
    dashboard_hint = serializers.SerializerMethodField()
    has_secret = serializers.SerializerMethodField()

    class Meta:
        model = Connection
        fields = [
            "id",
            "agent",
            "platform",
            "url",
            "dashboard_hint",
            "is_enabled",
            "options",
            "secret",
            "has_secret",
            "created_at",
        ]
        read_only_fields = ["created_at"]

    def get_url(self, connection: Connection) -> str:
        return connection_url(connection)

    def get_dashboard_hint(self, connection: Connection) -> str:
        return PLATFORMS[connection.platform].dashboard_hint

    def get_has_secret(self, connection: Connection) -> bool:
        return bool(active_secrets(connection))


CONNECTION_EXAMPLE = OpenApiExample(
    "A Retell connection",
    value={"platform": "retell", "secret": "key_0123456789abcdef"},
    request_only=True,
)


class ConnectionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """An agent's connections to voice platforms: the URL each platform posts its
    end-of-call webhook to, and the secret that signs it."""

    serializer_class = ConnectionSerializer

    def agent(self) -> Agent:
        return get_object_or_404(Agent, slug=self.kwargs["agent_slug"])

    def get_queryset(self) -> QuerySet[Connection]:
        if getattr(self, "swagger_fake_view", False):
            return Connection.objects.none()
        return self.agent().connections.select_related("agent").order_by("platform")

    @extend_schema(examples=[CONNECTION_EXAMPLE])
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer: serializers.BaseSerializer[Connection]) -> None:
        data = serializer.validated_data
        try:
            serializer.instance = connection_create(
                agent=self.agent(),
                platform=data["platform"],
                secret=data.get("secret", ""),
                options=data.get("options", {}),
                is_enabled=data.get("is_enabled", True),
            )
        except ConnectionInvalid as error:
            raise serializers.ValidationError(field_errors(error)) from error

    def perform_update(self, serializer: serializers.BaseSerializer[Connection]) -> None:
        data = serializer.validated_data
        connection = serializer.instance
        # UpdateModelMixin.update hands over the serializer of the connection it loaded.
        assert connection is not None
        if data.get("platform", connection.platform) != connection.platform:
            raise serializers.ValidationError(
                {"platform": "A connection's platform cannot change: create another connection."}
            )
        try:
            connection_update(
                connection=connection,
                secret=data.get("secret", ""),
                options=data.get("options"),
                is_enabled=data.get("is_enabled"),
            )
        except ConnectionInvalid as error:
            raise serializers.ValidationError(field_errors(error)) from error
