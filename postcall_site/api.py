"""What every API endpoint shares: API-key authentication, scopes, paging."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from agents.api_keys import api_key_authenticate
from agents.models import ApiKey


class ApiKeyUser:
    """The caller of an API request: an API key, not a person."""

    is_authenticated = True
    is_anonymous = False

    def __init__(self, key: ApiKey) -> None:
        self.key = key
        self.pk = f"api-key-{key.pk}"

    def __str__(self) -> str:
        return f"API key {self.key.name}"


class ApiKeyAuthentication(BaseAuthentication):
    """`Authorization: Bearer pc_…`."""

    def authenticate(self, request: Request) -> tuple[ApiKeyUser, ApiKey] | None:
        header = get_authorization_header(request).decode(errors="replace").split()
        if not header or header[0].lower() != "bearer":
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send the key as 'Authorization: Bearer pc_…'.")
        key = api_key_authenticate(header[1])
        if key is None:
            raise exceptions.AuthenticationFailed("Unknown or revoked API key.")
        return ApiKeyUser(key), key

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class HasScope(BasePermission):
    """The key must carry one of the scopes the view asks for.

    Views set `scopes` (action name → accepted scopes); without an entry, reading
    needs `read` and writing needs `write`.
    """

    message = "This API key lacks the scope this endpoint needs."

    def has_permission(self, request: Request, view: Any) -> bool:
        key = request.auth
        if not isinstance(key, ApiKey):
            return False
        wanted = self.wanted(request, view)
        if not wanted & set(key.scopes):
            self.message = f"This API key needs one of these scopes: {', '.join(sorted(wanted))}."
            return False
        return True

    @staticmethod
    def wanted(request: Request, view: Any) -> set[str]:
        scopes: dict[str, set[str]] = getattr(view, "scopes", {})
        action = getattr(view, "action", None) or request.method.lower()
        if action in scopes:
            return scopes[action]
        return {"read"} if request.method in SAFE_METHODS else {"write"}


class Pagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 500


class ApiKeySchema(OpenApiAuthenticationExtension):
    """Describes the API-key authentication in the OpenAPI schema."""

    target_class = ApiKeyAuthentication
    name = "ApiKey"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key created in the admin: `Authorization: Bearer pc_…`.",
        }
