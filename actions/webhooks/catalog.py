"""Ready-made webhook configs an ops person picks on the agent page and adjusts: the
receiver's URL, method and headers, and a body template in the shape its API documents.

The templates read the product page's fields (customer_name, interest_level,
follow_up_required, follow_up_date, callback_number); an agent with other fields is told,
on save, which name is not there. Header values are placeholders to replace with the
receiver's key; they are kept hidden like every webhook header.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from actions.webhooks.templates import FORM

NAME = "{{ values.customer_name | default('Caller ' ~ call.from_number) }}"
PHONE = "{{ values.callback_number | default(call.from_number) | e164 }}"
FOLLOW_UP = "{{ values.follow_up_date | date('%Y-%m-%d') }}"
FOLLOW_UP_OR_NONE = "{{ values.follow_up_date | date('%a %d %b %Y') | default('none') }}"
INTEREST = "{{ values.interest_level | default('unknown') }}"
ANALYSIS = "{{ call.analysis_url }}"
STARTED = "{{ call.started_at | datetime('%Y-%m-%d %H:%M') }} ({{ call.timezone }})"
HEADLINE = "Call from " + NAME + ": interest " + INTEREST


@dataclass(frozen=True)
class ReadyTemplate:
    key: str
    label: str
    docs: str
    paste: str
    config: dict[str, Any]


HUBSPOT_PROPERTIES = {
    "firstname": "{{ values.customer_name | default('') }}",
    "phone": PHONE,
    "lifecyclestage": "lead",
    "hs_lead_status": "NEW",
}

CATALOG = (
    ReadyTemplate(
        key="hubspot_contact_create",
        label="HubSpot: create a contact",
        docs="https://developers.hubspot.com/docs/api-reference/latest/crm/objects/contacts/guide",
        paste=(
            "In HubSpot, create a private app with the scope crm.objects.contacts.write and "
            "paste its access token after 'Bearer ' in the Authorization header."
        ),
        config={
            "url": "https://api.hubapi.com/crm/v3/objects/contacts",
            "method": "POST",
            "headers": {"Authorization": "Bearer your-private-app-token"},
            "template": {"properties": HUBSPOT_PROPERTIES},
        },
    ),
    ReadyTemplate(
        key="hubspot_contact_upsert",
        label="HubSpot: create or update a contact by email",
        docs=(
            "https://developers.hubspot.com/docs/api-reference/legacy/crm/objects/contacts/"
            "batch/upsert-contacts"
        ),
        paste=(
            "Needs an email field on the agent (here: email). Create a private app with the "
            "scope crm.objects.contacts.write and paste its access token after 'Bearer '."
        ),
        config={
            "url": "https://api.hubapi.com/crm/v3/objects/contacts/batch/upsert",
            "method": "POST",
            "headers": {"Authorization": "Bearer your-private-app-token"},
            "template": {
                "inputs": [
                    {
                        "idProperty": "email",
                        "id": "{{ values.email }}",
                        "properties": HUBSPOT_PROPERTIES,
                    }
                ]
            },
        },
    ),
    ReadyTemplate(
        key="pipedrive_person",
        label="Pipedrive: add a person",
        docs="https://developers.pipedrive.com/docs/api/v2/Persons",
        paste=(
            "Paste your personal API token (Settings → Personal preferences → API) as the "
            "x-api-token header."
        ),
        config={
            "url": "https://api.pipedrive.com/api/v2/persons",
            "method": "POST",
            "headers": {"x-api-token": "your-api-token"},
            "template": {
                "name": NAME,
                "phones": [{"value": PHONE, "primary": True, "label": "mobile"}],
            },
        },
    ),
    ReadyTemplate(
        key="pipedrive_lead",
        label="Pipedrive: add a lead",
        docs="https://developers.pipedrive.com/docs/api/v1/Leads#addLead",
        paste=(
            "A lead belongs to a person or an organization: replace 1 in organization_id "
            "with the id of the organization your call leads go to (its page's URL ends with "
            "it). Paste your personal API token as the x-api-token header."
        ),
        config={
            "url": "https://api.pipedrive.com/v1/leads",
            "method": "POST",
            "headers": {"x-api-token": "your-api-token"},
            "template": {
                "title": HEADLINE,
                "organization_id": 1,
                "expected_close_date": FOLLOW_UP,
            },
        },
    ),
    ReadyTemplate(
        key="airtable_record",
        label="Airtable: create or update a record",
        docs="https://airtable.com/developers/web/api/update-multiple-records",
        paste=(
            "Put your base id and table name in the URL (https://api.airtable.com/v0/appXXXX/"
            "Calls), give the table the columns named in fields ('Call ID' a number), and "
            "paste a personal access token with data.records:write after 'Bearer '. The "
            "record is matched on 'Call ID', so a retry or a re-fire updates it."
        ),
        config={
            "url": "https://api.airtable.com/v0/your-base-id/Calls",
            "method": "PATCH",
            "headers": {"Authorization": "Bearer your-personal-access-token"},
            "template": {
                "performUpsert": {"fieldsToMergeOn": ["Call ID"]},
                "typecast": True,
                "records": [
                    {
                        "fields": {
                            "Call ID": "{{ call.id }}",
                            "Name": "{{ values.customer_name }}",
                            "Phone": PHONE,
                            "Interest": "{{ values.interest_level }}",
                            "Follow-up date": "{{ values.follow_up_date }}",
                            "AI Analysis": ANALYSIS,
                        }
                    }
                ],
            },
        },
    ),
    ReadyTemplate(
        key="slack_message",
        label="Slack: a message to a channel",
        docs="https://api.slack.com/messaging/webhooks",
        paste=(
            "Create a Slack app with Incoming Webhooks switched on, add a webhook to the "
            "channel, and paste its URL (https://hooks.slack.com/services/…) as the URL. "
            "No header is needed: the URL is the key."
        ),
        config={
            "url": "https://hooks.slack.com/services/your/webhook/url",
            "method": "POST",
            "template": {
                "text": HEADLINE,
                "blocks": [
                    {"type": "header", "text": {"type": "plain_text", "text": "New call lead"}},
                    {
                        "type": "section",
                        "fields": [
                            {"type": "mrkdwn", "text": "*Name*\n" + NAME},
                            {"type": "mrkdwn", "text": "*Phone*\n" + PHONE},
                            {"type": "mrkdwn", "text": "*Interest*\n" + INTEREST},
                            {"type": "mrkdwn", "text": "*Follow-up*\n" + FOLLOW_UP_OR_NONE},
                        ],
                    },
                    {
                        "type": "section",
                        "text": {
                            "type": "mrkdwn",
                            "text": "<" + ANALYSIS + "|Open the AI Analysis> · " + STARTED,
                        },
                    },
                ],
            },
        },
    ),
    ReadyTemplate(
        key="teams_message",
        label="Microsoft Teams: a card in a channel",
        docs=(
            "https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/"
            "how-to/connectors-using"
        ),
        paste=(
            "In the channel, add the Workflows template 'Post to a channel when a webhook "
            "request is received' and paste the URL it gives as the URL."
        ),
        config={
            "url": "https://your-tenant.webhook.office.com/your-workflow-url",
            "method": "POST",
            "template": {
                "type": "message",
                "attachments": [
                    {
                        "contentType": "application/vnd.microsoft.card.adaptive",
                        "contentUrl": None,
                        "content": {
                            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                            "type": "AdaptiveCard",
                            "version": "1.4",
                            "body": [
                                {
                                    "type": "TextBlock",
                                    "size": "Medium",
                                    "weight": "Bolder",
                                    "text": HEADLINE,
                                    "wrap": True,
                                },
                                {
                                    "type": "FactSet",
                                    "facts": [
                                        {"title": "Name", "value": NAME},
                                        {"title": "Phone", "value": PHONE},
                                        {"title": "Interest", "value": INTEREST},
                                        {"title": "Follow-up", "value": FOLLOW_UP_OR_NONE},
                                        {"title": "Call", "value": STARTED},
                                    ],
                                },
                            ],
                            "actions": [
                                {
                                    "type": "Action.OpenUrl",
                                    "title": "Open the AI Analysis",
                                    "url": ANALYSIS,
                                }
                            ],
                        },
                    }
                ],
            },
        },
    ),
    ReadyTemplate(
        key="form_post",
        label="A plain form post",
        docs="https://developer.mozilla.org/en-US/docs/Web/HTTP/Methods/POST",
        paste=(
            "For a receiver that takes an HTML form's fields "
            "(application/x-www-form-urlencoded): paste its URL, and rename the fields as it "
            "names them."
        ),
        config={
            "url": "https://forms.example.com/leads",
            "method": "POST",
            "content_type": FORM,
            "template": {
                "name": "{{ values.customer_name }}",
                "phone": PHONE,
                "interest": "{{ values.interest_level }}",
                "follow_up_date": "{{ values.follow_up_date }}",
                "call_id": "{{ call.id }}",
                "analysis_url": ANALYSIS,
            },
        },
    ),
)


def ready_templates() -> list[dict[str, Any]]:
    """The catalog as the agent page offers it."""
    return [asdict(ready) for ready in CATALOG]
