"""Native actions built by form on the agent page: fields mapped to HubSpot's contact
properties, a test record sent before saving, and the contact a call then creates; a Slack
message and a Salesforce lead tried and saved the same way."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from actions.credentials import credentials_of
from actions.models import DeliveryStatus, WebhookDelivery
from agents.models import Agent
from calls.services import call_create
from tests.console.browser.conftest import needs_chromium, screenshot_path
from tests.console.browser.test_action_forms import add_action
from tests.fakes.hubspot import TOKEN, hubspot_api
from tests.fakes.salesforce import CLIENT_ID, CLIENT_SECRET, salesforce_api
from tests.fakes.slack import slack_webhooks

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]

HIGH = (
    "Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez.\n"
    "Agent: Interested?\nUser: Yes, very interested, sign me up!"
)


@pytest.fixture
def hubspot(settings):
    with hubspot_api() as fake:
        settings.HUBSPOT_API_BASE_URL = fake.url
        yield fake


def test_fields_mapped_to_hubspot_by_form_make_the_contact_a_call_creates(
    page, live_server, seed_agent: Agent, hubspot
) -> None:
    page.set_viewport_size({"width": 1400, "height": 1100})
    page.goto(f"{live_server.url}/admin/agents/agent/{seed_agent.pk}/change/")
    row = add_action(page, "Lead to HubSpot", "hubspot_contact")
    row.locator(".condition-mode").select_option("when")
    row.locator(".condition-field").select_option("interest_level")
    row.locator(".condition-value").select_option(label="high")
    row.locator(".native-token").fill(TOKEN)
    first = row.locator(".property-row").nth(0)
    first.locator(".property-field").select_option("customer_name")
    first.locator(".property-name").fill("firstname")
    row.locator(".property-add").click()
    second = row.locator(".property-row").nth(1)
    second.locator(".property-field").select_option("interest_level")
    second.locator(".property-name").fill("hs_lead_status")
    offered = page.locator("#property-choices-hubspot_contact option")
    assert "lifecyclestage" in [
        offered.nth(i).get_attribute("value") for i in range(offered.count())
    ]
    assert row.locator(".native-phone-field option").first.text_content() == "(the caller's number)"

    row.locator(".native-test").click()
    page.wait_for_function("document.querySelector('.native-result').textContent.includes(' ms')")
    assert row.locator(".native-result").text_content().startswith("201 in ")
    assert "/crm/v3/objects/contacts/search" in row.locator(".native-requests pre").text_content()
    page.screenshot(path=str(screenshot_path("crm-forms-hubspot-tried")), full_page=True)
    [tried] = hubspot.contacts.values()
    assert tried.properties["firstname"] == "Sample customer name"

    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    action = seed_agent.actions.get(name="Lead to HubSpot")
    assert action.config == {
        "properties": {"customer_name": "firstname", "interest_level": "hs_lead_status"}
    }
    assert credentials_of(action) == {"token": TOKEN}
    saved = page.locator("#actions-group .inline-related", has_text="Lead to HubSpot")
    assert saved.locator(".native-token").input_value() == ""

    call_create(
        agent=seed_agent,
        external_id="c-1",
        started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
        from_number="+905551112233",
        transcript=HIGH,
    )

    assert WebhookDelivery.objects.get(action=action).status == DeliveryStatus.SUCCEEDED
    [contact] = [c for c in hubspot.contacts.values() if c.properties["phone"] == "+905551112233"]
    assert contact.properties == {
        "firstname": "Maria Gonzalez",
        "hs_lead_status": "high",
        "phone": "+905551112233",
    }
    assert hubspot.refused == []


def test_a_slack_message_and_a_salesforce_lead_are_built_and_tried_by_form(
    page, live_server, seed_agent: Agent, settings, tmp_path
) -> None:
    with slack_webhooks() as slack, salesforce_api(tmp_path / "ca.pem") as salesforce:
        settings.SLACK_WEBHOOK_BASE_URL = slack.base_url
        settings.SALESFORCE_CA_BUNDLE = str(tmp_path / "ca.pem")
        page.set_viewport_size({"width": 1400, "height": 1100})
        page.goto(f"{live_server.url}/admin/agents/agent/{seed_agent.pk}/change/")

        message = add_action(page, "Hot lead to #sales", "slack_message")
        message.locator(".native-webhook-url").fill(slack.webhook_url)
        message.locator(".slack-title").fill("A hot lead called")
        message.locator(".slack-fields input[value='customer_name']").check()
        message.locator(".native-test").click()
        page.wait_for_function(
            "document.querySelector('.slack-form .native-result').textContent.includes(' ms')"
        )
        assert message.locator(".native-result").text_content().startswith("200 in ")
        [sent] = slack.messages
        assert sent["text"] == "A hot lead called"

        lead = add_action(page, "Lead to Salesforce", "salesforce_lead")
        lead.locator(".salesforce-instance").fill(salesforce.url)
        lead.locator(".salesforce-object").select_option("Contact")
        lead.locator(".native-client-id").fill(CLIENT_ID)
        lead.locator(".native-client-secret").fill(CLIENT_SECRET)
        mapped = lead.locator(".property-row").nth(0)
        mapped.locator(".property-field").select_option("customer_name")
        mapped.locator(".property-name").fill("LastName")
        lead.locator(".native-test").click()
        page.wait_for_function(
            "document.querySelector('.salesforce-form .native-result').textContent.includes(' ms')"
        )
        assert lead.locator(".native-result").text_content().startswith("201 in "), lead.locator(
            ".native-result"
        ).text_content()
        page.screenshot(path=str(screenshot_path("crm-forms-slack-salesforce")), full_page=True)

        page.click("input[name=_continue]")
        page.wait_for_selector(".messagelist")

    assert seed_agent.actions.get(name="Hot lead to #sales").config == {
        "title": "A hot lead called",
        "fields": ["customer_name"],
    }
    stored = seed_agent.actions.get(name="Lead to Salesforce")
    assert stored.config == {
        "instance_url": salesforce.url,
        "object": "Contact",
        "properties": {"customer_name": "LastName"},
    }
    assert set(credentials_of(stored)) == {"client_id", "client_secret"}
    [contact] = salesforce.records["Contact"].values()
    assert contact["LastName"] == "Sample customer name"
