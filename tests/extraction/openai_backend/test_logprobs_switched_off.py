"""OPENAI_LOGPROBS=false: the server is never asked for token log-probabilities, and every
value says why it has no confidence."""

from __future__ import annotations

from extraction.openai_backend import OpenAIBackend
from extraction.types import ExtractionRequest
from tests.extraction.openai_backend.test_openai_backend import GOOD, NAMES
from tests.fakes.openai_server import ModelServer, completion


def test_logprobs_switched_off_are_never_asked_for_and_each_value_says_so(
    openai_server: ModelServer, seed_call: ExtractionRequest, settings
) -> None:
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = openai_server.base_url
    settings.OPENAI_LOGPROBS = False
    openai_server.default = completion(GOOD)
    model = OpenAIBackend.from_settings()

    first = model.extract(seed_call)
    model.extract(seed_call)

    assert [body.get("logprobs") for body in openai_server.bodies()] == [None, None]
    assert first.values == GOOD["values"]
    assert first.confidences == {}
    assert first.confidence_reasons == dict.fromkeys(
        NAMES, "token log-probabilities are not asked for (OPENAI_LOGPROBS=false)"
    )
