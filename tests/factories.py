"""Factories for the test suite, in one place."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import factory
from django.db import models
from django.utils import timezone

from actions.models import DeliveryStatus, FollowUp, WebhookDelivery
from actions.services import run_actions_handle
from agents.models import Action, Agent, ExtractionField
from calls.confidences import lowest_confidence
from calls.models import Call, CallStatus, ExtractionRun, FieldReview, RunStatus
from calls.search import call_search_text
from calls.values import replace_call_values
from extraction.token_confidence import Token
from extraction.types import FieldSpec

DEMO_DIR = Path(__file__).resolve().parent.parent / "console" / "demo"
SEED_FIELDS_JSON = (DEMO_DIR / "seed_fields.json").read_text()
SEED_ACTION_JSON = (DEMO_DIR / "seed_action.json").read_text()


class AgentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agent

    name = factory.Sequence(lambda n: f"Agent {n}")
    slug = factory.Sequence(lambda n: f"agent-{n}")
    timezone = "Europe/Istanbul"


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExtractionField

    agent = factory.SubFactory(AgentFactory)
    name = factory.Sequence(lambda n: f"field_{n}")
    type = "string"
    description = "A field"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    agent = factory.SubFactory(AgentFactory)
    name = factory.Sequence(lambda n: f"Action {n}")
    type = "transfer_call"
    config = factory.LazyFunction(lambda: {"to_number": "+14155550134"})


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    agent = factory.SubFactory(AgentFactory)
    external_id = factory.Sequence(lambda n: f"call-{n}")
    from_number = "+905321234567"
    to_number = "+908501234567"
    started_at = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)
    ended_at = factory.LazyAttribute(lambda call: call.started_at + timedelta(minutes=3))
    timezone = "Europe/Istanbul"
    transcript = factory.LazyFunction(
        lambda: [
            {"role": "agent", "text": "Hello, who am I speaking with?"},
            {"role": "user", "text": "My name is Maria Gonzalez."},
        ]
    )
    search_text = factory.LazyAttribute(
        lambda call: call_search_text(values={}, transcript=call.transcript)
    )


def backdate(row: models.Model, create: bool, extracted: datetime | None, **_: Any) -> None:
    """`created_at=` for a row whose `created_at` the database sets on insert."""
    if create and extracted is not None:
        type(row)._default_manager.filter(pk=row.pk).update(created_at=extracted)
        row.created_at = extracted  # type: ignore[attr-defined]


class RunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExtractionRun

    call = factory.SubFactory(CallFactory)
    backend = "offline"

    class Params:
        succeeded = factory.Trait(status=RunStatus.SUCCEEDED)
        failed = factory.Trait(status=RunStatus.FAILED, failure_reason="the model refused")


class AnalysedCallFactory(CallFactory):
    """A call whose latest run succeeded with `values=`: `AnalysedCallFactory(values={...})`."""

    class Meta:
        skip_postgeneration_save = True

    status = CallStatus.ANALYZED

    @factory.post_generation
    def values(call: Call, create: bool, extracted: dict[str, Any] | None, **_: Any) -> None:
        if not create:
            return
        call.latest_run = RunFactory(call=call, succeeded=True, values=extracted or {})
        call.search_text = call_search_text(values=extracted or {}, transcript=call.transcript)
        call.save(update_fields=["latest_run", "search_text"])
        replace_call_values(call=call, values=extracted or {})

    @factory.post_generation
    def confidences(
        call: Call, create: bool, extracted: dict[str, float | None] | None, **options: Any
    ) -> None:
        """`confidences=` on the latest run, and its lowest on the call, as a run stores
        them; `confidences__reasons=` for the fields without one."""
        if not create or extracted is None:
            return
        run = call.latest_run
        assert run is not None
        run.confidences, run.confidence_reasons = extracted, options.get("reasons", {})
        run.save(update_fields=["confidences", "confidence_reasons"])
        call.lowest_confidence = lowest_confidence(extracted)
        call.save(update_fields=["lowest_confidence"])


class FailedCallFactory(CallFactory):
    """A call whose every analysis failed, one run per reason: `reasons=[...]`."""

    class Meta:
        skip_postgeneration_save = True

    status = CallStatus.FAILED

    @factory.post_generation
    def reasons(call: Call, create: bool, extracted: Sequence[str] | None, **_: Any) -> None:
        if not create:
            return
        for reason in extracted or ():
            RunFactory(call=call, failed=True, failure_reason=reason)


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WebhookDelivery
        skip_postgeneration_save = True

    action = factory.SubFactory(
        ActionFactory,
        type="webhook",
        config=factory.LazyFunction(lambda: {"url": "https://crm.example.com/hooks"}),
    )
    event_type = "call.analyzed"
    message_id = factory.Sequence(lambda n: f"msg_{n:020d}")
    url = factory.LazyAttribute(lambda delivery: delivery.action.config["url"])
    body = "{}"
    created_at = factory.PostGeneration(backdate)

    class Params:
        succeeded = factory.Trait(status=DeliveryStatus.SUCCEEDED, attempt_count=1)
        failed = factory.Trait(status=DeliveryStatus.FAILED, attempt_count=1)
        test_event = factory.Trait(is_test=True)


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp
        skip_postgeneration_save = True

    agent = factory.SubFactory(AgentFactory)
    to_number = factory.Sequence(lambda n: f"+1415555{n:04d}")
    from_number = "+14155550100"
    due_at = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)
    created_at = factory.PostGeneration(backdate)

    class Params:
        due_now = factory.Trait(due_at=factory.LazyFunction(timezone.now))
        from_call = factory.Trait(
            source_call=factory.SubFactory(CallFactory, agent=factory.SelfAttribute("..agent"))
        )


def run_to_decide(
    call: Call,
    *,
    values: dict[str, Any],
    ungrounded: Sequence[str] = (),
    errors: dict[str, str] | None = None,
    times: dict[str, str] | None = None,
    confidences: dict[str, float | None] | None = None,
    confidence_reasons: dict[str, str] | None = None,
) -> ExtractionRun:
    """A succeeded run of `call` on its agent's fields, its actions waiting to be decided,
    with the values, the unfounded quotes, the problems and the confidences given."""
    snapshot = [
        {**asdict(field.spec()), "choices": list(field.choices or ())}
        for field in call.agent.fields.all()
    ]
    run = RunFactory(
        call=call,
        succeeded=True,
        config_snapshot=snapshot,
        values=values,
        evidence={name: f"said {name}" for name, value in values.items() if value is not None},
        ungrounded=list(ungrounded),
        field_errors=errors or {},
        times=times or {},
        confidences=confidences or {},
        confidence_reasons=confidence_reasons or {},
        actions_due_at=timezone.now(),
    )
    call.latest_run = run
    call.status = CallStatus.ANALYZED
    call.save(update_fields=["latest_run", "status"])
    replace_call_values(call=call, values=values)
    return run


def run_due(call: Call, **fields: Any) -> ExtractionRun:
    """A queued run of `call` on its agent's fields, due now: the scheduler queues it."""
    call.status = CallStatus.ANALYZING
    call.save(update_fields=["status"])
    return RunFactory(
        call=call,
        config_snapshot=[asdict(field.spec()) for field in call.agent.fields.all()],
        next_attempt_at=timezone.now(),
        **fields,
    )


class FieldReviewFactory(factory.django.DjangoModelFactory):
    """A reviewed field of a call; `correct=False` for a value a person corrected;
    `confidence=0.7` for the confidence its run gave the value."""

    class Meta:
        model = FieldReview
        skip_postgeneration_save = True

    call = factory.SubFactory(AnalysedCallFactory)
    extraction_run = factory.LazyAttribute(lambda review: review.call.latest_run)
    field = "customer_name"
    extracted = "Maria Gonzales"
    reviewed = factory.LazyAttribute(
        lambda review: review.extracted if review.correct else "Maria Gonzalez"
    )
    correct = True
    reviewed_by = "sam"
    reviewed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def confidence(review: FieldReview, create: bool, value: float | None, **_: Any) -> None:
        if create and value is not None:
            run = review.extraction_run
            run.confidences = {**run.confidences, review.field: value}
            run.save(update_fields=["confidences"])


# The seed agent's values as an analysis gives them, each in its field's type.
SEED_VALUES = {
    "customer_name": "Maria Gonzalez",
    "interest_level": "high",
    "follow_up_required": True,
    "follow_up_date": "2026-03-17",
    "callback_number": "05321234567",
}


# Every seed value read as surely as the offline extractor reads its surest.
SURE = dict.fromkeys(SEED_VALUES, 0.97)


def held_call(
    agent: Agent,
    *,
    external_id: str | None = None,
    ungrounded: Sequence[str] = ("follow_up_date",),
    confidences: dict[str, float | None] | None = None,
    **values: object,
) -> Call:
    """A call of `agent` whose actions, each reviewed when uncertain, were decided on the
    seed values (with `values` over them) and held for a person: by default because the
    follow-up date has no evidence."""
    agent.actions.update(review="uncertain")
    call = CallFactory(agent=agent, **({"external_id": external_id} if external_id else {}))
    run = run_to_decide(
        call,
        values={**SEED_VALUES, **values},
        ungrounded=ungrounded,
        confidences={**SURE, **(confidences or {})},
    )
    run_actions_handle(run_id=run.pk)
    return call


# Near what llama.cpp reported for a `{` its JSON grammar forced (logprob -7.96).
FORCED_TOKEN = 0.0003


def token(text: str, p: float = 1.0, alternatives: dict[str, float] | None = None) -> Token:
    """A model's token written at probability `p`, the server listing `alternatives`
    (by default the token alone) as its top log-probabilities."""
    listed = alternatives or {text: p}
    return Token(text, math.log(p), tuple((alt, math.log(q)) for alt, q in listed.items()))


def answer_tokens(
    evidence: dict[str, str | None] | None = None, **values: list[Token]
) -> list[Token]:
    """The tokens of `{"values": {name: value, …}, "evidence": {…}}`: the keys, the
    structure around the values and the evidence are improbable tokens, as a grammar
    forces them."""
    tokens = [token('{"values": {', FORCED_TOKEN)]
    for index, (name, written) in enumerate(values.items()):
        tokens.append(token(f'{", " if index else ""}"{name}": ', FORCED_TOKEN))
        tokens.extend(written)
    tokens.append(token(f'}}, "evidence": {json.dumps(evidence or {})}}}', FORCED_TOKEN))
    return tokens


def value_tokens(values: dict[str, Any], p: dict[str, float]) -> dict[str, list[Token]]:
    """Each value written as one token, at its probability in `p` (1 when not given)."""
    return {name: [token(json.dumps(value), p.get(name, 1.0))] for name, value in values.items()}


# List fields, as a run's config snapshot stores them: the runs downstream read the
# snapshot, so these build calls whose values hold lists without an agent configured so.


def list_spec(
    name: str,
    *,
    item_type: str = "string",
    choices: Sequence[str] = (),
    format: str = "",
    max_items: int | None = None,
    required: bool = False,
    description: str = "",
) -> dict[str, Any]:
    """A list field's entry in a run's config snapshot."""
    spec = FieldSpec(
        name=name,
        type="list",
        description=description,
        choices=tuple(choices),
        format=format,  # type: ignore[arg-type]
        required=required,
        item_type=item_type,  # type: ignore[arg-type]
        max_items=max_items,
    )
    return {**asdict(spec), "choices": list(spec.choices)}


PRODUCTS_ASKED = list_spec(
    "products_asked",
    item_type="enum",
    choices=("solar panels", "battery", "ev charger"),
    max_items=3,
    description="Every product the customer asked about",
)
CC_EMAILS = list_spec("cc_emails", format="email", description="The people to copy on the quote")

PRODUCTS_TRANSCRIPT = [
    {"role": "agent", "text": "Which of our products would you like a quote for?"},
    {"role": "user", "text": "The solar panels, and a battery to go with them."},
    {"role": "agent", "text": "Anyone to copy on the quote?"},
    {"role": "user", "text": "Yes, ana@example.com please."},
]


def list_call(
    *,
    values: dict[str, Any],
    evidence: dict[str, Any] | None = None,
    specs: Sequence[dict[str, Any]] = (PRODUCTS_ASKED, CC_EMAILS),
    **call_fields: Any,
) -> Call:
    """An analysed call whose latest run extracted `specs` (list fields among them) and
    stored `values` and `evidence` as given, kept for search and counts as a run keeps them."""
    call = CallFactory(
        status=CallStatus.ANALYZED, **{"transcript": PRODUCTS_TRANSCRIPT, **call_fields}
    )
    call.latest_run = RunFactory(
        call=call,
        succeeded=True,
        config_snapshot=list(specs),
        values=values,
        evidence=evidence or {},
    )
    call.search_text = call_search_text(values=values, transcript=call.transcript)
    call.save(update_fields=["latest_run", "search_text"])
    replace_call_values(call=call, values=values)
    return call


def list_fields_added(run: ExtractionRun, *specs: dict[str, Any]) -> ExtractionRun:
    """`run` with list fields added to its config snapshot, as a run of an agent that
    has them stores it."""
    run.config_snapshot = [*run.config_snapshot, *specs]
    run.save(update_fields=["config_snapshot"])
    return run
