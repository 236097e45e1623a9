"""Each ready-made webhook template renders, on an agent with the product page's fields, to
a request its receiver's documented shape accepts: checked with the vendor SDK's own
request models where there is one (HubSpot, Slack), else the documented keys."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import hubspot.crm.contacts.models as hubspot_models
import pytest
from django.conf import settings
from slack_sdk.models.blocks import Block

from actions.kinds.webhook import Webhook, WebhookPlan, agent_specs, sample_firing
from actions.webhooks.catalog import CATALOG, ReadyTemplate
from actions.webhooks.payload import ExtractionPayload
from agents.models import Action, Agent
from agents.services import agent_import_json

pytestmark = pytest.mark.django_db

READY = {ready.key: ready for ready in CATALOG}


@pytest.fixture
def agent(seed_agent: Agent) -> Agent:
    email = [{"name": "email", "type": "string", "format": "email", "description": "Email"}]
    agent_import_json(agent=seed_agent, fields_json=json.dumps(email))
    return seed_agent


def planned(agent: Agent, ready: ReadyTemplate) -> WebhookPlan:
    """The ready-made config read as a save reads it, and planned on a sample call."""
    action = Action(agent=agent, name=ready.label, type="webhook", config=ready.config)
    kind = Webhook.registered()
    specs = agent_specs(agent)
    return kind.plan(kind.parse(ready.config, specs), sample_firing(action, specs))


def body(agent: Agent, key: str) -> Any:
    return json.loads(planned(agent, READY[key]).body())


def hubspot(model: type, data: Any) -> Any:
    """`data` built into the HubSpot SDK's model: unknown keys, wrong types and missing
    required values are refused as the SDK's client-side validation refuses them."""
    names = {json_key: attribute for attribute, json_key in model.attribute_map.items()}
    assert set(data) <= set(names), f"{model.__name__} has no {set(data) - set(names)}"
    return model(
        **{names[key]: typed(model.openapi_types[names[key]], v) for key, v in data.items()}
    )


def typed(kind: str, value: Any) -> Any:
    if kind == "str":
        assert isinstance(value, str), value
        return value
    if kind == "dict[str, str]":
        assert all(isinstance(item, str) for item in value.values()), value
        return value
    if kind.startswith("list["):
        return [typed(kind[5:-1], item) for item in value]
    return hubspot(getattr(hubspot_models, kind), value)


def test_every_ready_template_is_documented_with_its_receivers_link() -> None:
    assert set(READY) == {
        "hubspot_contact_create",
        "hubspot_contact_upsert",
        "pipedrive_person",
        "pipedrive_lead",
        "airtable_record",
        "slack_message",
        "teams_message",
        "form_post",
    }
    for ready in CATALOG:
        assert ready.docs.startswith("https://"), ready.key
        assert ready.paste, ready.key


def test_docs_show_each_ready_template_exactly_as_the_page_fills_it() -> None:
    docs = (Path(settings.BASE_DIR) / "docs" / "webhooks.md").read_text()
    blocks = [json.loads(block) for block in re.findall(r"```json\n(.*?)```", docs, re.S)]
    shown = {block["name"]: block["config"] for block in blocks if "name" in block}

    for ready in CATALOG:
        assert shown[ready.label] == ready.config, ready.key


def test_hubspot_create_is_a_simple_public_object_input_for_create(agent: Agent) -> None:
    plan = planned(agent, READY["hubspot_contact_create"])

    created = hubspot(hubspot_models.SimplePublicObjectInputForCreate, json.loads(plan.body()))

    assert plan.url == "https://api.hubapi.com/crm/v3/objects/contacts"
    assert plan.method == "POST"
    assert created.properties == {
        "firstname": "Sample customer name",
        "phone": "+14155550134",
        "lifecyclestage": "lead",
        "hs_lead_status": "NEW",
    }


def test_hubspot_upsert_is_a_batch_of_upserts_by_email(agent: Agent) -> None:
    batch = hubspot(
        hubspot_models.BatchInputSimplePublicObjectBatchInputUpsert,
        body(agent, "hubspot_contact_upsert"),
    )

    [upsert] = batch.inputs
    assert (upsert.id_property, upsert.id) == ("email", "jane.doe@example.com")
    assert upsert.properties["phone"] == "+14155550134"


def test_slack_message_blocks_are_slack_sdk_blocks(agent: Agent) -> None:
    message = body(agent, "slack_message")

    assert message["text"].startswith("Call from Sample customer name: interest ")
    for block in message["blocks"]:
        parsed = Block.parse(block)
        assert type(parsed) is not Block
        parsed.validate_json()
        assert parsed.to_dict() == block
    link = message["blocks"][2]["text"]["text"]
    assert re.match(r"<https?://[^|]+/admin/calls/call/\|Open the AI Analysis> · ", link)


def test_teams_message_is_an_adaptive_card_attachment(agent: Agent) -> None:
    message = body(agent, "teams_message")

    assert message["type"] == "message"
    [attachment] = message["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert (card["type"], card["version"]) == ("AdaptiveCard", "1.4")
    assert [element["type"] for element in card["body"]] == ["TextBlock", "FactSet"]
    facts = card["body"][1]["facts"]
    assert all(isinstance(f["title"], str) and isinstance(f["value"], str) for f in facts)
    assert card["actions"][0]["type"] == "Action.OpenUrl"
    assert card["actions"][0]["url"].startswith("http")


def test_pipedrive_person_and_lead_have_the_documented_keys(agent: Agent) -> None:
    person = body(agent, "pipedrive_person")
    lead = body(agent, "pipedrive_lead")

    assert person == {
        "name": "Sample customer name",
        "phones": [{"value": "+14155550134", "primary": True, "label": "mobile"}],
    }
    assert isinstance(lead["title"], str)
    assert isinstance(lead["organization_id"], int)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", lead["expected_close_date"])


def test_airtable_upserts_one_record_merged_on_the_call_id(agent: Agent) -> None:
    plan = planned(agent, READY["airtable_record"])
    sent = json.loads(plan.body())

    assert plan.method == "PATCH"
    [record] = sent["records"]
    assert set(sent["performUpsert"]["fieldsToMergeOn"]) <= set(record["fields"])
    assert sent["typecast"] is True
    assert record["fields"]["Name"] == "Sample customer name"


def test_form_post_is_url_encoded_fields(agent: Agent) -> None:
    plan = planned(agent, READY["form_post"])

    assert plan.content_type == "application/x-www-form-urlencoded"
    assert dict(parse_qsl(plan.body().decode(), keep_blank_values=True))["name"] == (
        "Sample customer name"
    )


@pytest.mark.parametrize("key", sorted(READY))
def test_a_ready_template_renders_when_every_value_is_null(agent: Agent, key: str) -> None:
    kind = Webhook.registered()
    specs = agent_specs(agent)
    config = kind.parse(READY[key].config, specs)
    action = Action(agent=agent, name="x", type="webhook", config=READY[key].config)
    nulls = ExtractionPayload(
        run_id=None, values=dict.fromkeys(specs), evidence={}, errors={}, ungrounded=[]
    )
    firing = replace(sample_firing(action, specs), extraction=nulls)

    sent = kind.plan(config, firing).body()

    assert b"None" not in sent
