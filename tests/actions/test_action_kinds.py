"""Action kinds behind one interface: a typed config read once, a plan that the trial and
a real firing share, and a registry that is the only list of kinds."""

from __future__ import annotations

import json
import re
import sys
import types
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine

import agents.kinds
from actions.inbox import inbox_create, inbox_url
from actions.kinds import ActionKind, Outline, kind_for
from actions.kinds.base import firing_of
from actions.kinds.schedule_call import ScheduleCallConfig
from actions.kinds.transfer_call import TransferCallConfig
from actions.kinds.webhook import Webhook, WebhookConfig
from actions.models import ActionRun, FollowUp, Outcome, WebhookDelivery
from agents.config import ActionDraft, config_errors
from agents.kinds import KindConfigInvalid, action_kinds_register
from agents.models import Action, Agent
from agents.selectors import agent_field_specs
from agents.services import agent_import_json
from calls.services import call_create
from console.trial import agent_trial, trial_call
from extraction.transcripts import parse_transcript
from extraction.types import FieldSpec, Turn

pytestmark = pytest.mark.django_db

STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)
CALL_BACK_TUESDAY = (
    "Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez.\n"
    "Agent: Interested?\nUser: Yes, very interested, sign me up!\n"
    "Agent: Shall we call you back?\nUser: Yes please, call me next Tuesday.\n"
    "Agent: Best number?\nUser: My cell is oh five three two, one two three, four five six seven."
)
TURNS = tuple(
    Turn(role=turn["role"], text=turn["text"]) for turn in parse_transcript(CALL_BACK_TUESDAY)
)
DATE_FIELD = {"follow_up_date": FieldSpec("follow_up_date", "string", format="date")}


@pytest.fixture(autouse=True)
def call_day():
    with time_machine.travel(STARTED + timedelta(minutes=5), tick=False):
        yield


@pytest.fixture
def crm_agent(seed_agent: Agent) -> Agent:
    inbox = inbox_create(name="CRM")
    hook = {
        "type": "webhook",
        "name": "CRM lead",
        "condition": {"field": "interest_level", "operator": "==", "value": "high"},
        "config": {"url": inbox_url(inbox), "headers": {"X-Api-Key": "k-123"}},
    }
    agent_import_json(agent=seed_agent, actions_json=json.dumps(hook))
    return seed_agent


def analysed(agent: Agent, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        call_create(
            agent=agent,
            external_id="c1",
            started_at=STARTED,
            ended_at=STARTED + timedelta(minutes=4),
            from_number="+905551112233",
            to_number="+908501234567",
            transcript=CALL_BACK_TUESDAY,
        )


def test_each_kind_reads_its_config_once_into_a_typed_object() -> None:
    schedule = kind_for("schedule_call").parse(
        {"use_field": "follow_up_date", "from_number": "+908501234567"}, DATE_FIELD
    )
    webhook = kind_for("webhook").parse({"url": "https://crm.example.com/hooks"}, {})
    transfer = kind_for("transfer_call").parse({"to_number": "+14155550134"}, {})

    assert schedule == ScheduleCallConfig(
        from_number="+908501234567", use_field="follow_up_date", fallback_delay_minutes=0
    )
    assert webhook == WebhookConfig(url="https://crm.example.com/hooks", timeout_seconds=10.0)
    assert transfer == TransferCallConfig(to_number="+14155550134")


def test_a_config_that_cannot_work_is_refused_with_every_problem() -> None:
    with pytest.raises(KindConfigInvalid) as raised:
        kind_for("schedule_call").parse(
            {"use_field": "nope", "fallback_delay_minutes": -5, "colour": "red"}, DATE_FIELD
        )

    assert raised.value.errors == [
        "config: unknown key(s) colour (allowed: fallback_delay_minutes, from_number, use_field)",
        "config.use_field: field 'nope' does not exist",
        "config.fallback_delay_minutes: -5 is negative",
        "config.from_number: required (the E.164 number to call from)",
    ]


def test_the_follow_up_booked_is_the_one_the_plan_said(
    seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    analysed(seed_agent, django_capture_on_commit_callbacks)

    decision = ActionRun.objects.get(action__name="Auto follow-up")
    kind = kind_for("schedule_call")
    firing = firing_of(decision)
    plan = kind.plan(kind.parse(decision.action.config, firing.specs), firing)
    followup = FollowUp.objects.get()
    assert (followup.to_number, followup.from_number) == (plan.to_number, plan.from_number)
    assert followup.due_at == plan.due_at == datetime(2026, 3, 17, 7, 0, tzinfo=UTC)
    assert decision.outcome == Outcome.FIRED
    assert (
        plan.outline().headline == "Follow-up call Tue 2026-03-17 10:00 +03, calling +905321234567"
    )


def test_the_trial_shows_the_payload_a_real_call_sends(
    crm_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    analysed(crm_agent, django_capture_on_commit_callbacks)
    sent = json.loads(WebhookDelivery.objects.get().body)
    trial = agent_trial(
        agent=crm_agent,
        fields=agent_field_specs(agent=crm_agent),
        actions=[
            ActionDraft(name=a.name, type=a.type, condition=a.condition, config=a.config, pk=a.pk)
            for a in crm_agent.actions.filter(type="webhook")
        ],
        call=trial_call(agent=crm_agent, turns=TURNS, from_number="+905551112233"),
    )

    [hook] = trial.actions
    shown = json.loads(hook.outline.payload)
    assert hook.outline.headline == f"POST {crm_agent.actions.get(type='webhook').config['url']}"
    assert shown["data"]["extraction"] == {**sent["data"]["extraction"], "run_id": None}
    # A trial decides nothing, so its event names no decision.
    assert shown["data"]["action"] == {**sent["data"]["action"], "decision_id": None}
    assert keys(shown) == keys(sent)


def keys(document: Any) -> Any:
    """The shape of a JSON document: its keys, nested, without the values."""
    if isinstance(document, dict):
        return {key: keys(value) for key, value in document.items()}
    return None


def test_the_signed_test_event_has_exactly_the_shape_of_a_real_event(
    crm_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    analysed(crm_agent, django_capture_on_commit_callbacks)
    action = crm_agent.actions.get(name="CRM lead")

    test = Webhook.registered().test_send(action)

    real = json.loads(WebhookDelivery.objects.get(is_test=False).body)
    sent = json.loads(test.body)
    assert keys(sent) == keys(real)
    assert sent["test"] is True and real["test"] is False
    assert sent["data"]["extraction"]["values"]["interest_level"] == "high"
    assert sent["data"]["call"]["timezone"] == real["data"]["call"]["timezone"]
    assert test.status == "succeeded"


@pytest.fixture
def sms_kind(monkeypatch) -> None:
    """Register the kind that docs/architecture.md shows a newcomer adding, as printed."""
    docs = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"
    example = r"```python\n# actions/kinds/send_sms\.py\n(.*?)```"
    [code] = re.findall(example, docs.read_text(), re.S)
    module = types.ModuleType("actions.kinds.send_sms")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    exec(compile(code, str(docs), "exec"), module.__dict__)
    monkeypatch.setattr(agents.kinds, "_KINDS", dict(agents.kinds._KINDS))
    action_kinds_register([module.SendSms()])


@pytest.mark.usefixtures("sms_kind")
def test_a_registered_kind_is_a_type_choice_validated_tried_and_fired(
    seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    sms = {
        "type": "send_sms",
        "name": "Text back",
        "config": {"to_field": "callback_number", "text": "Hi"},
    }
    bad = ActionDraft(name="Text back", type="send_sms", config={"to_field": "shoe_size"})

    assert ("send_sms", "Send SMS") in Action._meta.get_field("type").choices
    assert [str(error) for error in config_errors(agent_field_specs(agent=seed_agent), [bad])] == [
        "action 1 (Text back): config.to_field: field 'shoe_size' does not exist"
    ]
    agent_import_json(agent=seed_agent, actions_json=json.dumps(sms))
    analysed(seed_agent, django_capture_on_commit_callbacks)

    decision = ActionRun.objects.get(action__name="Text back")
    assert decision.outcome == Outcome.FIRED
    assert decision.reason == "no condition: always runs; texted 05321234567"
    tried = agent_trial(
        agent=seed_agent,
        fields=agent_field_specs(agent=seed_agent),
        actions=[ActionDraft(name="Text back", type="send_sms", config=sms["config"])],
        call=trial_call(agent=seed_agent, turns=TURNS),
    )
    assert tried.actions[0].outline == Outline(headline="Text 05321234567: Hi")


def test_a_kind_that_lacks_a_hook_or_its_keys_cannot_be_created() -> None:
    class Unfinished(ActionKind[Any, Any]):
        type = "unfinished"
        label = "Unfinished"

        def read(self, config: Any, fields: Any) -> Any:
            return config

        def plan(self, config: Any, firing: Any) -> Any:
            return config

    with pytest.raises(TypeError) as raised:
        Unfinished()

    assert "carry_out" in str(raised.value)
    assert "keys" in str(raised.value)
