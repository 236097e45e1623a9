"""Every rule of the one config validator, with the message ops will read."""

from __future__ import annotations

import pytest

from agents.config import ActionDraft, config_errors
from extraction.types import FieldSpec

SEED_FIELDS = [
    FieldSpec("customer_name", "string", "Customer full name"),
    FieldSpec(
        "interest_level", "enum", "high, medium, low, none", ("high", "medium", "low", "none")
    ),
    FieldSpec("follow_up_required", "boolean", "Whether follow-up is needed"),
    FieldSpec("follow_up_date", "string", "Follow-up date in ISO 8601 format", format="date"),
    FieldSpec("callback_number", "string", "Phone number to call back", format="phone"),
]
SEED_CONFIG = {
    "use_field": "follow_up_date",
    "fallback_delay_minutes": 1440,
    "from_number": "+908501234567",
}


def schedule(condition: object = None, **config: object) -> ActionDraft:
    return ActionDraft(
        name="Auto follow-up",
        type="schedule_call",
        condition=condition,
        config={**SEED_CONFIG, **config},
    )


def messages(fields: list[FieldSpec], actions: list[ActionDraft], **kwargs: object) -> list[str]:
    return [str(error) for error in config_errors(fields, actions, **kwargs)]


def test_the_seed_config_is_valid() -> None:
    seed_condition = {"field": "follow_up_required", "operator": "==", "value": True}

    assert messages(SEED_FIELDS, [schedule(seed_condition)]) == []


@pytest.mark.parametrize(
    ("field", "message"),
    [
        (FieldSpec("2fast", "string"), "field 1 (2fast): name '2fast' is not an identifier"),
        (FieldSpec("first name", "string"), "field 1 (first name): name 'first name' is not"),
        (FieldSpec("x", "date"), "field 1 (x): type 'date' is not supported (use string, number"),
        (FieldSpec("x", "enum", "Interest"), "field 1 (x): an enum needs choices"),
        (FieldSpec("x", "enum", choices=("a", "A")), "field 1 (x): choices repeat"),
        (
            FieldSpec("x", "string", choices=("a",)),
            "field 1 (x): choices apply to enum fields only",
        ),
        (FieldSpec("x", "number", format="date"), "field 1 (x): format 'date' applies to string"),
        (FieldSpec("x", "string", format="url"), "field 1 (x): format 'url' is not supported"),
    ],
)
def test_field_problems_name_the_row(field: FieldSpec, message: str) -> None:
    assert any(text.startswith(message) for text in messages([field], [])), messages([field], [])


def test_duplicate_field_names_are_refused() -> None:
    fields = [FieldSpec("name", "string"), FieldSpec("name", "string")]

    assert messages(fields, []) == ["field 2 (name): duplicate name 'name'"]


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        (
            {"field": "interest", "operator": "==", "value": "high"},
            "field 'interest' does not exist",
        ),
        ({"field": "interest_level", "operator": "=~", "value": "high"}, "operator '=~' is not"),
        ({"field": "interest_level", "operator": "==", "value": "maybe"}, "'maybe' is not one of"),
        ({"field": "follow_up_required", "operator": "==", "value": "true"}, "is a boolean"),
    ],
)
def test_condition_problems_name_the_action(condition: dict, message: str) -> None:
    found = messages(SEED_FIELDS, [schedule(condition)])

    assert len(found) == 1
    assert found[0].startswith("action 1 (Auto follow-up): condition")
    assert message in found[0]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"use_field": "customer_name"}, "config.use_field: customer_name is not a date field"),
        ({"use_field": "when"}, "config.use_field: field 'when' does not exist"),
        ({"fallback_delay_minutes": -5}, "config.fallback_delay_minutes: -5 is negative"),
        (
            {"fallback_delay_minutes": "1 day"},
            "config.fallback_delay_minutes: '1 day' is not a whole",
        ),
        (
            {"from_number": "08501234567"},
            "config.from_number: '08501234567' is not an E.164 number",
        ),
        ({"from_number": "+90850"}, "config.from_number: '+90850' is not a valid phone number"),
        ({"from_number": "+90 850 123 45 67"}, "config.from_number: '+90 850 123 45 67' must be"),
        ({"repeat": True}, "config: unknown key(s) repeat"),
    ],
)
def test_schedule_call_problems(config: dict, message: str) -> None:
    found = messages(SEED_FIELDS, [schedule(**config)])

    assert found == [f"action 1 (Auto follow-up): {message}"] or any(
        text.startswith(f"action 1 (Auto follow-up): {message}") for text in found
    ), found


def test_schedule_call_needs_a_from_number() -> None:
    draft = ActionDraft(name="Later", type="schedule_call", config={"use_field": "follow_up_date"})

    assert messages(SEED_FIELDS, [draft]) == [
        "action 1 (Later): config.from_number: required (the E.164 number to call from)"
    ]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (None, "config.url: required (an http:// or https:// URL)"),
        (
            "ftp://crm.example.com/hook",
            "config.url: 'ftp://crm.example.com/hook' is not an http:// or https:// URL",
        ),
        (
            "crm.example.com/hook",
            "config.url: 'crm.example.com/hook' is not an http:// or https:// URL",
        ),
    ],
)
def test_webhook_needs_an_http_url(url: str | None, message: str) -> None:
    draft = ActionDraft(name="CRM", type="webhook", config={"url": url} if url else {})

    assert messages(SEED_FIELDS, [draft]) == [f"action 1 (CRM): {message}"]


def test_transfer_call_needs_a_number() -> None:
    draft = ActionDraft(name="To sales", type="transfer_call", config={})

    assert messages(SEED_FIELDS, [draft]) == [
        "action 1 (To sales): config.to_number: required (the E.164 number to transfer to)"
    ]


def test_unknown_action_type_is_refused() -> None:
    draft = ActionDraft(name="SMS", type="send_sms", config={})

    assert messages(SEED_FIELDS, [draft]) == [
        "action 1 (SMS): type 'send_sms' is not supported (use schedule_call, webhook, "
        "transfer_call, slack_message, hubspot_contact, salesforce_lead)"
    ]


def test_renaming_a_field_an_action_uses_is_refused_with_the_action_name() -> None:
    renamed = [*SEED_FIELDS[:3], FieldSpec("callback_date", "string", format="date")]
    previous = [field.name for field in SEED_FIELDS]

    found = messages(renamed, [schedule()], previous_field_names=previous)

    assert found == [
        "field follow_up_date: cannot be deleted or renamed: action 'Auto follow-up' uses it "
        "(config.use_field); change or delete that action first"
    ]


def test_a_new_config_referencing_a_missing_field_is_a_plain_dangling_reference() -> None:
    found = messages(SEED_FIELDS[:3], [schedule()])

    assert found == [
        "action 1 (Auto follow-up): config.use_field: field 'follow_up_date' does not exist"
    ]
