"""The agent page's field rows offer the extractors to pick from and show what each
field cost in tokens on the agent's last calls."""

from __future__ import annotations

import re
from dataclasses import asdict
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from agents.models import Agent
from agents.selectors import agent_field_specs
from calls.field_costs import field_token_medians
from tests.console.agent_page import field_rows, page_data
from tests.factories import AnalysedCallFactory

pytestmark = pytest.mark.django_db

OFFLINE_FIELDS = ["customer_name", "follow_up_required", "follow_up_date", "callback_number"]


def change_url(agent: Agent) -> str:
    return reverse("admin:agents_agent_change", args=[agent.pk])


def analysed(agent: Agent, **run: object) -> None:
    """A call of `agent` whose latest run extracted the agent's fields as `run` says."""
    call = AnalysedCallFactory(agent=agent)
    snapshot = [asdict(spec) for spec in agent_field_specs(agent=agent)]
    type(call.latest_run).objects.filter(pk=call.latest_run_id).update(
        config_snapshot=snapshot, **run
    )


def model_and_offline(model_tokens: int) -> dict[str, object]:
    group = {"latency_ms": 10, "error": "", "hit_token_bound": False}
    return {
        "extractor_groups": [
            {**group, "backend": "offline", "model": "offline", "fields": OFFLINE_FIELDS,
             "tokens_in": 0, "tokens_out": 0},
            {**group, "backend": "openai", "model": "gpt-4o-mini", "fields": ["interest_level"],
             "tokens_in": model_tokens - 20, "tokens_out": 20},
        ]
    }  # fmt: skip


def test_each_field_shows_its_median_tokens_on_the_last_calls(
    admin_client: Client, seed_agent: Agent
) -> None:
    for tokens in (100, 320, 500):
        analysed(seed_agent, **model_and_offline(tokens))

    page = admin_client.get(change_url(seed_agent)).content.decode()

    cells = re.findall(r'<td class="field-tokens_on_last_calls">\s*<p>(.*?)</p>', page)
    # The five fields, then the blank row "Add another" copies, which has no figure.
    assert cells == ["0", "320", "0", "0", "0", "—"]
    assert "tokens on the last 50 calls" in unescape(page).casefold()


def test_a_request_for_several_fields_is_shared_by_the_size_of_their_answers(
    seed_agent: Agent,
) -> None:
    # A run from before each extractor's figures were kept: one request for every field.
    analysed(seed_agent, tokens_in=2_000, tokens_out=400)

    costs = field_token_medians(agent_id=seed_agent.pk)

    assert sum(costs.values()) == pytest.approx(2_400, abs=2)
    # A string and its quote may take 554 characters, a yes or no and its quote 367.
    assert costs["customer_name"] / costs["follow_up_required"] == pytest.approx(554 / 367, 0.01)


def test_the_extractor_input_offers_offline_the_agents_model_and_the_default(
    admin_client: Client, seed_agent: Agent, settings
) -> None:
    settings.EXTRACTION_DEFAULT_MODEL = "gpt-4.1-mini"
    seed_agent.extraction_model = "llama3.1:8b"
    seed_agent.save()

    page = admin_client.get(change_url(seed_agent)).content.decode()

    datalist = re.search(r'<datalist id="id_fields-0-extractor-extractors">(.*?)</datalist>', page)
    assert datalist is not None
    assert re.findall(r'value="([^"]*)"', datalist.group(1)) == [
        "offline",
        "llama3.1:8b",
        "gpt-4.1-mini",
    ]


def test_an_extractor_typed_on_a_row_is_saved(admin_client: Client, seed_agent: Agent) -> None:
    rows = field_rows(seed_agent)
    rows[1]["extractor"] = "gpt-4o-mini"

    response = admin_client.post(change_url(seed_agent), page_data(seed_agent, fields=rows))

    assert response.status_code == 302
    assert seed_agent.fields.get(name="interest_level").extractor == "gpt-4o-mini"


def test_a_bad_extractor_is_refused_on_its_row(admin_client: Client, seed_agent: Agent) -> None:
    rows = field_rows(seed_agent)
    rows[1]["extractor"] = "gpt 4o mini"

    response = admin_client.post(change_url(seed_agent), page_data(seed_agent, fields=rows))

    assert response.status_code == 200
    assert "extractor &#x27;gpt 4o mini&#x27; is not" in response.content.decode()
    assert seed_agent.fields.get(name="interest_level").extractor == ""
