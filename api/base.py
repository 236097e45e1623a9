"""What every API endpoint shares: API-key authentication, scopes, paging."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import django_filters
from django import forms
from django.utils.dateparse import parse_datetime
from django.utils.timezone import is_naive
from django_filters.fields import ChoiceField, IsoDateTimeField
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions, serializers
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


def request_key(request: Request) -> ApiKey:
    """The API key that authenticated the request (HasScope lets no other request in)."""
    key = request.auth
    if not isinstance(key, ApiKey):
        raise exceptions.NotAuthenticated()
    return key


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
        action = getattr(view, "action", None) or (request.method or "").lower()
        if action in scopes:
            return scopes[action]
        return {"read"} if request.method in SAFE_METHODS else {"write"}


class Pagination(LimitOffsetPagination):
    """`limit` (1 to 500, default 50) and `offset` (0 or more); anything else is refused
    rather than read as the default, so a client's typo is seen."""

    default_limit = 50
    max_limit = 500

    def get_limit(self, request: Request) -> int:
        return self._whole_number(request, self.limit_query_param, 1, self.default_limit)

    def get_offset(self, request: Request) -> int:
        return self._whole_number(request, self.offset_query_param, 0, 0)

    def _whole_number(self, request: Request, name: str, least: int, default: int) -> int:
        text = request.query_params.get(name)
        if text is None:
            return default
        if not text.isascii() or not text.isdigit() or int(text) < least:
            raise exceptions.ValidationError({name: f"Must be a whole number from {least}."})
        return min(int(text), self.max_limit) if name == self.limit_query_param else int(text)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        least = {self.limit_query_param: 1, self.offset_query_param: 0}
        for parameter in parameters:
            parameter["schema"]["minimum"] = least[parameter["name"]]
        return parameters


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


MAX_UTC_OFFSET = timedelta(hours=14)


def offset_problem(moment: datetime | None) -> str | None:
    """Real time zones lie within ±14:00 of UTC; anything beyond is a typo."""
    offset = moment.utcoffset() if moment is not None else None
    if offset is not None and abs(offset) > MAX_UTC_OFFSET:
        return "the UTC offset must be between -14:00 and +14:00"
    return None


NO_OFFSET = "must include a UTC offset, e.g. 2026-03-10T14:05:00+03:00"


class MomentFormField(IsoDateTimeField):
    def clean(self, value: Any) -> datetime | None:
        if value == "":
            raise forms.ValidationError("Give a moment, or leave the parameter out.")
        written = parse_datetime(value) if isinstance(value, str) and value else None
        if written is not None and is_naive(written):
            raise forms.ValidationError(NO_OFFSET)
        moment = super().clean(value)
        problem = offset_problem(moment)
        if problem:
            raise forms.ValidationError(problem)
        return moment


class ChosenFormField(ChoiceField):
    def clean(self, value: Any) -> Any:
        if value == "":
            raise forms.ValidationError("Give one of the choices, or leave the parameter out.")
        return super().clean(value)


class ChosenFilter(django_filters.ChoiceFilter):
    """One of the choices; an empty value is refused rather than read as no filter."""

    field_class = ChosenFormField


class MomentFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 moment with a real UTC offset."""

    field_class = MomentFormField


class MomentField(serializers.DateTimeField):
    """An ISO 8601 moment with a real UTC offset; one written without is refused rather
    than read in the server's zone."""

    def enforce_timezone(self, value: datetime) -> datetime:
        if is_naive(value):
            raise serializers.ValidationError(NO_OFFSET)
        return super().enforce_timezone(value)

    def to_internal_value(self, value: Any) -> datetime:
        moment = super().to_internal_value(value)
        problem = offset_problem(moment)
        if problem:
            raise serializers.ValidationError(problem)
        return moment


class TextOnly(serializers.Serializer):
    """Input whose text fields take text only: a number or a boolean sent for a `string`
    is refused, as the schema says, instead of being turned into text."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            errors = {
                name: ["Must be text (a JSON string)."]
                for name, field in self.fields.items()
                if isinstance(field, serializers.CharField)
                and not field.read_only
                and data.get(name) is not None
                and not isinstance(data[name], str)
            }
            if errors:
                raise exceptions.ValidationError(errors)
        return super().to_internal_value(data)
