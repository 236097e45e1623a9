"""The API's JSON parser: bounded size and depth, and text that can be stored."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from api.errors import PayloadTooLarge
from extraction.text import MAX_DEPTH, TextInvalid, check_storable


class StorableJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        request = (parser_context or {}).get("request")
        if request is not None:
            refuse_oversized(request.META.get("CONTENT_LENGTH"))
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError(f"The JSON is nested more than {MAX_DEPTH} levels deep.") from error
        except RequestDataTooBig as error:
            raise PayloadTooLarge(too_large_message()) from error
        try:
            check_storable(data)
        except TextInvalid as error:
            raise ParseError(f"Refused: {error}.") from error
        return data


def refuse_oversized(content_length: str | None) -> None:
    try:
        length = int(content_length or 0)
    except ValueError:
        return
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is not None and length > limit:
        raise PayloadTooLarge(too_large_message())


def too_large_message() -> str:
    return f"The body is over {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes."
