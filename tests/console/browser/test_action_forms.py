"""Actions built by form on the agent page, tried before they are saved."""

from __future__ import annotations

import json

import pytest
from standardwebhooks.webhooks import Webhook

from actions.models import InboxRequest, WebhookInbox
from actions.webhooks.secrets import active_secrets
from agents.models import Agent
from tests.console.browser.conftest import needs_chromium, screenshot_path

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]


def add_action(page, name: str, kind: str):
    """A new action row, named and of a kind; returns the row."""
    page.click("#actions-group .add-row a")
    row = page.locator("#actions-group .inline-related.last-related:not(.empty-form)").last
    row.locator("input[name$='-name']").fill(name)
    row.locator("select[name$='-type']").select_option(kind)
    return row


def json_view(row) -> tuple[object, object]:
    """What the row's "Edit as JSON" view says: its condition and its config."""
    row.locator("text=Edit as JSON").click()
    condition = row.locator("textarea[name$='-condition']").input_value()
    config = row.locator("textarea[name$='-config']").input_value()
    return json.loads(condition), json.loads(config)


def test_a_webhook_with_a_condition_is_built_and_tried_by_form_before_saving(
    page, live_server, seed_agent: Agent
) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{live_server.url}/admin/agents/agent/{seed_agent.pk}/change/")
    row = add_action(page, "Hot leads to CRM", "webhook")

    row.locator(".condition-mode").select_option("all")
    first = row.locator(".condition-row").nth(0)
    first.locator(".condition-field").select_option("interest_level")
    first.locator(".condition-operator").select_option("==")
    assert first.locator(".condition-value option").all_text_contents() == [
        "high",
        "medium",
        "low",
        "none",
        "(no value)",
    ]
    first.locator(".condition-value").select_option(label="high")
    row.locator(".condition-add-one").click()
    second = row.locator(".condition-row").nth(1)
    second.locator(".condition-field").select_option("callback_number")
    second.locator(".condition-operator").select_option("is_set")
    boolean = row.locator(".condition-add-one")
    boolean.click()
    third = row.locator(".condition-row").nth(2)
    third.locator(".condition-field").select_option("follow_up_required")
    # A yes/no field offers no ordering and no list, and a yes/no value.
    assert ">" not in third.locator(".condition-operator option").all_text_contents()
    third.locator(".condition-value").select_option(label="yes")
    third.locator(".condition-remove").click()

    row.locator("text=Use an inbox").click()
    page.wait_for_selector(".inbox-link")
    row.locator(".header-add").click()
    row.locator(".header-name").fill("X-Api-Key")
    row.locator(".header-value").fill("k-123")
    row.locator(".webhook-timeout").fill("5")
    row.locator("text=Send test event").click()
    page.wait_for_function(
        "document.querySelector('.action-form-view .webhook-result').textContent.includes(' ms')"
    )
    assert row.locator(".webhook-result").text_content().startswith("200 in ")
    secret = row.locator(".secret-box .secret-value").text_content()
    row.locator(".secret-box .secret-copy").click()
    page.wait_for_function("document.querySelector('.secret-copy').textContent !== 'Copy'")
    page.screenshot(path=str(screenshot_path("action-forms-webhook-tried")), full_page=True)

    # The inbox received it, before anything was saved.
    received = InboxRequest.objects.get()
    assert not seed_agent.actions.filter(name="Hot leads to CRM").exists()
    event = Webhook(secret).verify(received.body, received.headers)
    assert event["test"] is True
    assert event["data"]["extraction"]["values"]["interest_level"] == "high"
    assert received.headers["x-api-key"] == "k-123"

    inbox = WebhookInbox.objects.get()
    inbox_url = row.locator(".webhook-url").input_value()
    assert inbox_url == f"{live_server.url}/inbox/{inbox.token}/"
    condition, config = json_view(row)
    assert condition == {
        "all": [
            {"field": "interest_level", "operator": "==", "value": "high"},
            {"field": "callback_number", "operator": "is_set"},
        ]
    }
    assert config == {
        "url": inbox_url,
        "headers": {"X-Api-Key": "k-123"},
        "timeout_seconds": 5,
        "secret": secret,
    }
    # Back to the form: it says what the JSON says, and the secret is still shown.
    row.locator("text=Edit with the form").click()
    assert row.locator(".condition-row").count() == 2
    assert row.locator(".webhook-timeout").input_value() == "5"
    assert row.locator(".secret-box .secret-value").text_content() == secret

    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")

    action = seed_agent.actions.get(name="Hot leads to CRM")
    assert action.condition == condition
    assert action.config == {key: config[key] for key in ("url", "headers", "timeout_seconds")}
    assert active_secrets(action) == [secret]
    inbox.refresh_from_db()
    assert inbox.action == action
    # The same event sent again from the saved row now verifies at the inbox.
    saved = page.locator("#actions-group .inline-related", has_text="Hot leads to CRM")
    saved.locator("text=Send test event").click()
    page.wait_for_function(
        "[...document.querySelectorAll('.webhook-result')].some(r => r.textContent.includes('ms'))"
    )
    assert "verified with the secrets of 'Hot leads to CRM'" in (
        saved.locator(".webhook-result").text_content()
    )
    # A rotated secret stays shown, with its copy button, through other answers until dismissed.
    saved.locator("text=Rotate secret").click()
    page.wait_for_selector(".secret-box")
    rotated = saved.locator(".secret-box .secret-value").text_content()
    assert rotated == active_secrets(action)[0] != secret
    saved.locator("text=Send test event").click()
    page.wait_for_function(
        "[...document.querySelectorAll('.webhook-result')].some(r => r.textContent.includes('ms'))"
    )
    assert saved.locator(".secret-box .secret-copy").is_visible()
    page.screenshot(path=str(screenshot_path("action-forms-webhook-saved")), full_page=True)
    saved.locator(".secret-box .secret-dismiss").click()
    assert saved.locator(".secret-box").count() == 0


def test_a_follow_up_with_calling_days_is_added_by_form(
    page, live_server, seed_agent: Agent
) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{live_server.url}/admin/agents/agent/{seed_agent.pk}/change/")
    page.check("text=Monday")
    page.check("text=Wednesday")
    zone = page.locator("#id_timezone")
    assert zone.get_attribute("list") == "id_timezone-zones"
    assert page.locator("#id_timezone-zones option[value='America/Chicago']").count() == 1
    zone.fill("America/Chicago")

    row = add_action(page, "Call back", "schedule_call")
    row.locator(".condition-mode").select_option("when")
    row.locator(".condition-field").select_option("follow_up_required")
    row.locator(".condition-value").select_option(label="yes")
    assert row.locator(".followup-use-field option").all_text_contents() == [
        "(none: always wait the delay)",
        "follow_up_date (date)",
    ]
    row.locator(".followup-use-field").select_option("follow_up_date")
    row.locator(".followup-hours").fill("2")
    row.locator(".followup-minutes").fill("30")
    row.locator(".followup-from").fill("+908501234567")
    row.screenshot(path=str(screenshot_path("action-forms-follow-up")))
    # JSON typed by hand shows in the form; one the form cannot show stays JSON, saying why.
    seed = page.locator("#actions-0")
    seed.locator("text=Edit as JSON").click()
    seed.locator("textarea[name$='-condition']").fill('{"field": "nope", "operator": "=="}')
    seed.locator("text=Edit with the form").click()
    assert 'field "nope" is not on this page' in seed.locator(".action-json-note").text_content()
    seed.locator("textarea[name$='-condition']").fill(
        '{"field": "interest_level", "operator": "in", "value": ["high", "medium"]}'
    )
    seed.locator("text=Edit with the form").click()
    ticked = seed.locator(".condition-choices input:checked")
    assert [ticked.nth(i).get_attribute("value") for i in range(ticked.count())] == [
        "high",
        "medium",
    ]

    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")

    seed_agent.refresh_from_db()
    assert seed_agent.calling_days == [0, 2]
    assert seed_agent.timezone == "America/Chicago"
    action = seed_agent.actions.get(name="Call back")
    assert action.condition == {"field": "follow_up_required", "operator": "==", "value": True}
    assert action.config == {
        "use_field": "follow_up_date",
        "fallback_delay_minutes": 150,
        "from_number": "+908501234567",
    }
    assert seed_agent.actions.get(name="Auto follow-up").condition == {
        "field": "interest_level",
        "operator": "in",
        "value": ["high", "medium"],
    }
    # The stored seed action's config reads back into its form as the product page wrote it.
    seed = page.locator("#actions-group .inline-related", has_text="Auto follow-up")
    assert seed.locator(".followup-hours").input_value() == "24"
    assert seed.locator(".followup-minutes").input_value() == "0"
    assert page.locator("input[name=calling_days][value='0']").is_checked()


def test_a_new_agent_s_webhook_is_tried_before_the_agent_is_saved(page, live_server) -> None:
    page.goto(f"{live_server.url}/admin/agents/agent/add/")
    page.fill("#id_name", "Solar leads")
    page.fill("#id_timezone", "Europe/Berlin")
    page.click("#fields-group .add-row a")
    page.fill("input[name='fields-0-name']", "wants_offer")
    page.select_option("select[name='fields-0-type']", "boolean")
    row = add_action(page, "Offers", "webhook")
    row.locator(".condition-mode").select_option("when")
    row.locator(".condition-value").select_option(label="yes")

    row.locator("text=Use an inbox").click()
    page.wait_for_selector(".inbox-link")
    row.locator("text=Send test event").click()
    page.wait_for_function("document.querySelector('.webhook-result').textContent.includes('ms')")

    assert row.locator(".webhook-result").text_content().startswith("200 in ")
    inbox = WebhookInbox.objects.get()
    assert inbox.name == "Solar leads — Offers"
    assert json.loads(inbox.requests.get().body)["data"]["extraction"]["values"] == {
        "wants_offer": True
    }
    assert not Agent.objects.filter(name="Solar leads").exists()
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    action = Agent.objects.get(name="Solar leads").actions.get()
    assert action.condition == {"field": "wants_offer", "operator": "==", "value": True}
    inbox.refresh_from_db()
    assert inbox.action == action


def test_the_fields_table_fits_the_page_at_1400_px(page, live_server, seed_agent: Agent) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{live_server.url}/admin/agents/agent/{seed_agent.pk}/change/")

    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    table = page.locator("#fields-group table").bounding_box()

    assert overflow == 0
    assert table is not None and table["x"] + table["width"] <= 1400
    page.locator("#fields-group").screenshot(path=str(screenshot_path("agent-fields-1400")))
