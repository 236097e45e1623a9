"""Size limits the API's endpoints share."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings

from api.errors import PayloadTooLarge


def refuse_oversized_transcript(transcript: Any) -> None:
    """A transcript over API_MAX_TRANSCRIPT_CHARS is refused with 413, on every endpoint
    that takes one: the model's input and the time to read it are bounded."""
    size = len(transcript) if isinstance(transcript, str) else len(json.dumps(transcript))
    if size > settings.API_MAX_TRANSCRIPT_CHARS:
        raise PayloadTooLarge(
            f"The transcript has {size} characters; the limit is "
            f"{settings.API_MAX_TRANSCRIPT_CHARS}."
        )
