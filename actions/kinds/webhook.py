from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from actions.inbox import inbox_token_in
from actions.kinds.base import ActionKind, unknown_keys_error
from actions.outbound import url_errors
from actions.signing import sign
from actions.webhooks.queueing import delivery_create_for_action_run
from extraction.types import FieldSpec

if TYPE_CHECKING:
    from actions.models import ActionRun

MAX_TIMEOUT_SECONDS = 30


class Webhook(ActionKind):
    """POST the extraction result, signed, to a URL of the user's."""

    type = "webhook"
    allowed_keys = {"url", "headers", "secret", "timeout_seconds"}

    def config_errors(
        self, config: Mapping[str, Any], fields: Mapping[str, FieldSpec]
    ) -> list[str]:
        errors = [unknown_keys_error(config, self.allowed_keys)]
        errors.append(self._url_error(config.get("url")))
        errors.append(self._headers_error(config.get("headers")))
        errors.append(self._timeout_error(config.get("timeout_seconds")))
        errors.append(self._secret_error(config.get("secret")))
        return [error for error in errors if error]

    def fire(self, action_run: ActionRun) -> str:
        delivery = delivery_create_for_action_run(action_run)
        return f"delivery {delivery.message_id} queued"

    @staticmethod
    def _url_error(url: object) -> str | None:
        if not url:
            return "config.url: required (an http:// or https:// URL)"
        if not isinstance(url, str):
            return f"config.url: {url!r} is not a URL"
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            return f"config.url: {url!r} is not an http:// or https:// URL"
        if inbox_token_in(url) is not None:
            return None
        problems = url_errors(url)
        return f"config.url: {'; '.join(problems)}" if problems else None

    @staticmethod
    def _secret_error(secret: object) -> str | None:
        if secret in (None, ""):
            return None
        if not isinstance(secret, str):
            return "config.secret: must be text starting with whsec_"
        try:
            sign(secret=secret, msg_id="msg_check", timestamp=0, body=b"")
        except ValueError as error:
            return f"config.secret: {error}"
        return None

    @staticmethod
    def _headers_error(headers: object) -> str | None:
        if headers is None:
            return None
        if not isinstance(headers, dict) or not all(
            isinstance(key, str) and isinstance(value, str) for key, value in headers.items()
        ):
            return 'config.headers: must be an object of text values, e.g. {"X-Api-Key": "…"}'
        return None

    @staticmethod
    def _timeout_error(timeout: object) -> str | None:
        if timeout is None:
            return None
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
            return f"config.timeout_seconds: {timeout!r} is not a positive number of seconds"
        if timeout > MAX_TIMEOUT_SECONDS:
            return f"config.timeout_seconds: at most {MAX_TIMEOUT_SECONDS}"
        return None
