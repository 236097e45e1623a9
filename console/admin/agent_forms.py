"""Admin forms: one row per field or action, and the whole config checked as one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any, ClassVar, cast

import phonenumbers
from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.formsets import BaseFormSet, all_valid
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from actions.services import AttemptResult
from agents.config import ActionDraft, ConfigError, action_row, config_errors, field_row
from agents.models import Action, Agent, ExtractionField, ReviewRule
from agents.selectors import agent_action_drafts, agent_field_specs
from calls.field_costs import field_token_medians
from calls.models import Call
from extraction.timezones import known_timezones, local_text
from extraction.transcripts import TranscriptInvalid, parse_transcript
from extraction.types import FieldSpec, FieldType, ItemType, Turn

WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]


class ZoneInput(forms.TextInput):
    """A text input that offers every IANA time zone as one types (a <datalist>), so a
    zone is picked by searching "istanbul" or "new_york" rather than spelled by heart."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        listed = f"{(attrs or {}).get('id') or name}-zones"
        field = super().render(name, value, {**(attrs or {}), "list": listed}, renderer)
        options = format_html_join("", '<option value="{}">', ((zone,) for zone in zone_names()))
        return format_html('{}<datalist id="{}">{}</datalist>', field, listed, options)


def zone_names() -> list[str]:
    return sorted(known_timezones())


class ExtractorInput(forms.TextInput):
    """A text input that suggests the extractors a field may name (a <datalist>): the
    offline extractor, the agent's model and the site's default model."""

    def __init__(self, suggestions: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.suggestions = list(suggestions)

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        listed = f"{(attrs or {}).get('id') or name}-extractors"
        field = super().render(name, value, {**(attrs or {}), "list": listed}, renderer)
        options = format_html_join(
            "", '<option value="{}">', ((item,) for item in self.suggestions)
        )
        return format_html('{}<datalist id="{}">{}</datalist>', field, listed, options)


def extractor_suggestions(agent: Agent) -> list[str]:
    """What a field's extractor input offers: offline, the agent's model, the default."""
    offered = ["offline", agent.extraction_model, settings.EXTRACTION_DEFAULT_MODEL]
    return list(dict.fromkeys(name for name in offered if name))


class AgentForm(forms.ModelForm):
    """The agent's settings, each typed the way a person thinks of it."""

    calling_days = forms.TypedMultipleChoiceField(
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The days follow-ups may ring; none ticked means every day.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The admin builds this form for Agent with every field; only the zone's input
        # changes, so a setting added to Agent appears without being listed here.
        if "timezone" in self.fields:
            self.fields["timezone"].widget = ZoneInput(attrs={"size": 30, "autocomplete": "off"})
            self.fields["timezone"].help_text = (
                "Type part of a city or region (e.g. Istanbul, Chicago) and pick the zone: "
                "the default for this agent's calls."
            )


class ChoicesField(forms.Field):
    """Enum choices typed as "high, medium, low, none", stored as a list."""

    def prepare_value(self, value: Any) -> str:
        if isinstance(value, list):
            return ", ".join(value)
        return value or ""

    def to_python(self, value: Any) -> list[str]:
        text = "" if value in self.empty_values else str(value)
        return [choice.strip() for choice in text.split(",") if choice.strip()]


class ExtractionFieldForm(forms.ModelForm):
    choices = ChoicesField(
        required=False,
        widget=forms.TextInput(attrs={"size": 30, "placeholder": "high, medium, low, none"}),
        help_text="Enum fields and lists of enum only; comma-separated.",
    )

    class Meta:
        model = ExtractionField
        fields = [
            "name",
            "type",
            "item_type",
            "description",
            "choices",
            "format",
            "min_items",
            "max_items",
            "required",
            "extractor",
            "position",
        ]
        widgets = {
            "description": forms.TextInput(attrs={"size": 50}),
            "min_items": forms.NumberInput(attrs={"min": "0", "max": "50"}),
            "max_items": forms.NumberInput(attrs={"min": "1", "max": "50"}),
        }
        # The table of fields holds a dozen columns at 1400 px: short headers.
        labels = {"item_type": "Items", "min_items": "Min", "max_items": "Max"}
        help_texts = {
            "extractor": "Empty: the agent's extractor. Or offline, or a model on the "
            "configured server. Each extractor is asked once a call for its fields, all at "
            "the same time; one that fails leaves its fields empty and the others stand."
        }

    def __init__(self, *args: Any, extractors: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["extractor"].widget = ExtractorInput(
            extractors, attrs={"size": 9, "autocomplete": "off", "placeholder": "agent's"}
        )


class ReviewRuleField(forms.TypedChoiceField):
    """An action's review rule; left out, it is "never" (fire at once), as before rules."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=ReviewRule.choices,
            required=False,
            empty_value=ReviewRule.NEVER,
            initial=ReviewRule.NEVER,
            **kwargs,
        )

    def has_changed(self, initial: Any, data: Any) -> bool:
        return (data or ReviewRule.NEVER) != (initial or ReviewRule.NEVER)


class ActionForm(forms.ModelForm):
    review = ReviewRuleField(help_text=Action._meta.get_field("review").help_text)

    class Meta:
        model = Action
        fields = [
            "name",
            "type",
            "condition",
            "config",
            "enabled",
            "review",
            "review_below",
            "position",
        ]
        widgets = {
            "condition": forms.Textarea(attrs={"rows": 2, "cols": 50}),
            "config": forms.Textarea(attrs={"rows": 4, "cols": 50}),
            "review_below": forms.NumberInput(
                attrs={"step": "0.01", "min": "0", "max": "1", "placeholder": "0.6"}
            ),
        }


def live_forms(formset: BaseInlineFormSet) -> list[forms.ModelForm]:
    """The rows that will exist after saving: filled in and not marked for deletion."""
    return [
        form
        for form in formset.forms
        if (form.has_changed() or form.instance.pk) and form not in formset.deleted_forms
    ]


def field_spec_from_form(form: forms.ModelForm) -> FieldSpec:
    data = form.cleaned_data
    field_type = cast("FieldType", data.get("type") or "")
    # A list whose item type is left empty holds text, as in the JSON.
    item_type = data.get("item_type") or ("string" if field_type == "list" else "")
    return FieldSpec(
        name=data.get("name") or "",
        # Still unchecked: field_spec_errors reports a type outside FieldType's literals.
        type=field_type,
        description=data.get("description") or "",
        choices=tuple(data.get("choices") or ()),
        format=data.get("format") or "",
        required=bool(data.get("required")),
        item_type=cast("ItemType", item_type),
        min_items=data.get("min_items"),
        max_items=data.get("max_items"),
        extractor=(data.get("extractor") or "").strip(),
    )


def action_draft_from_form(form: forms.ModelForm) -> ActionDraft:
    data = form.cleaned_data
    config = data.get("config")
    return ActionDraft(
        name=data.get("name") or "",
        type=data.get("type") or "",
        condition=data.get("condition"),
        config=config if config is not None else {},
        enabled=bool(data.get("enabled")),
        pk=form.instance.pk,
        review=data.get("review") or ReviewRule.NEVER,
        review_below=data.get("review_below"),
    )


@dataclass(frozen=True)
class AgentPage:
    """One agent page as posted: the agent, with the page's unsaved edits, and the row
    formsets of the parts its user may change; None for a part (fields or actions) they
    may only read, whose stored rows then stay as they are."""

    agent: Agent
    fields: FieldFormSet | None = None
    actions: ActionFormSet | None = None

    @classmethod
    def of(cls, agent: Agent, formsets: Iterable[BaseFormSet[Any]]) -> AgentPage:
        """The page of `agent` that these formsets make up; none of them: the config as
        stored."""
        editable = [
            formset
            for formset in formsets
            if isinstance(formset, ConfigFormSet) and formset.editable
        ]
        return cls(
            agent=agent,
            fields=next((part for part in editable if isinstance(part, FieldFormSet)), None),
            actions=next((part for part in editable if isinstance(part, ActionFormSet)), None),
        )

    @property
    def checker(self) -> ConfigFormSet | None:
        """The formset that checks the whole config: the actions', else the fields'."""
        return self.actions or self.fields

    def config(self) -> tuple[list[FieldSpec] | None, list[ActionDraft] | None]:
        """The fields and actions as typed on a valid page, in the order they will have;
        None for a part its user may only read."""
        fields = (
            [field_spec_from_form(form) for form in by_position(self.fields)]
            if self.fields is not None
            else None
        )
        actions = (
            [action_draft_from_form(form) for form in by_position(self.actions)]
            if self.actions is not None
            else None
        )
        return fields, actions

    def parts(self) -> list[ConfigFormSet]:
        return [formset for formset in (self.fields, self.actions) if formset is not None]

    def tried_config(self) -> tuple[list[FieldSpec], list[ActionDraft]]:
        """The config a trial runs: the parts its user may change as typed, the others as
        stored."""
        fields, actions = self.config()
        return (
            agent_field_specs(agent=self.agent) if fields is None else fields,
            agent_action_drafts(agent=self.agent) if actions is None else actions,
        )

    def check(self) -> None:
        """Check the page's config with the rules every entry point uses; put each
        problem on its row."""
        checker = self.checker
        if checker is None or any(checker.errors):
            return
        if any(part is not checker and not part.is_valid() for part in self.parts()):
            return
        stored_fields, stored_actions = self._stored()
        field_forms = live_forms(self.fields) if self.fields is not None else []
        action_forms = live_forms(self.actions) if self.actions is not None else []
        errors = config_errors(
            [field_spec_from_form(form) for form in field_forms]
            if self.fields is not None
            else stored_fields,
            [action_draft_from_form(form) for form in action_forms]
            if self.actions is not None
            else stored_actions,
            previous_field_names=[spec.name for spec in stored_fields],
        )
        if errors:
            unplaced = self._attach(errors, field_forms, action_forms)
            raise ValidationError(
                [
                    f"The configuration has {len(errors)} problem(s); each is shown on its row.",
                    *unplaced,
                ]
            )

    def _stored(self) -> tuple[list[FieldSpec], list[ActionDraft]]:
        if self.agent.pk is None:
            return [], []
        return agent_field_specs(agent=self.agent), agent_action_drafts(agent=self.agent)

    @staticmethod
    def _attach(
        errors: list[ConfigError],
        field_forms: list[forms.ModelForm],
        action_forms: list[forms.ModelForm],
    ) -> list[str]:
        """Put each problem on its row; return those of no row on the page."""
        unplaced = []
        for error in errors:
            rows = field_forms if error.section == "fields" else action_forms
            if 0 <= error.index < len(rows):
                rows[error.index].add_error(None, error.message)
            else:
                unplaced.append(str(error))
        return unplaced


def by_position(formset: BaseInlineFormSet) -> list[forms.ModelForm]:
    return sorted(live_forms(formset), key=lambda form: form.cleaned_data.get("position") or 0)


class ConfigFormSet(BaseInlineFormSet):
    """The rows of one part of an agent's config.

    The agent admin makes the formset classes of each page it shows (`for_page`): the
    formsets of one page know each other, so that the last of those its user may change
    checks the whole config, fields and actions as one: a deleted field that an action
    uses is refused naming the action."""

    editable: ClassVar[bool]
    page_formsets: ClassVar[list[ConfigFormSet]]

    @classmethod
    def for_page(cls, page_formsets: list[ConfigFormSet], *, editable: bool) -> type[ConfigFormSet]:
        """This formset for one page, whose formsets join `page_formsets` as they are
        made; `editable`: whether the page's user may change these rows."""
        attributes = {"page_formsets": page_formsets, "editable": editable}
        return type(cls.__name__, (cls,), attributes)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page_formsets.append(self)

    def clean(self) -> None:
        super().clean()
        page = AgentPage.of(self.instance, self.page_formsets)
        if page.checker is self:
            page.check()


class FieldFormSet(ConfigFormSet):
    """The field rows: each offers the extractors to pick from and carries what its field
    cost on the agent's last calls (`tokens_on_last_calls`, None when it has no figure)."""

    @cached_property
    def extractor_suggestions(self) -> list[str]:
        return extractor_suggestions(self.instance)

    @cached_property
    def token_medians(self) -> dict[str, int]:
        return field_token_medians(agent_id=self.instance.pk) if self.instance.pk else {}

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "extractors": self.extractor_suggestions}

    def add_fields(self, form: Any, index: int | None) -> None:
        super().add_fields(form, index)
        form.instance.tokens_on_last_calls = self.token_medians.get(form.instance.name)


class ActionFormSet(ConfigFormSet):
    pass


class TrialForm(forms.Form):
    """What to try the page's config on; used with the prefix "trial"."""

    transcript = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 90}),
        help_text="One turn a line, starting with 'Agent:' or 'User:'.",
    )
    call = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label="Or a stored call"
    )
    started_at = forms.CharField(
        required=False,
        label="Call started at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="Local time in the zone below; empty: the stored call's start, or now.",
    )
    timezone = forms.ChoiceField(required=False, label="Time zone")
    from_number = forms.CharField(
        required=False,
        label="Caller's number",
        help_text="For a pasted transcript: the number a follow-up calls when none is said.",
    )

    def __init__(self, *args: Any, agent: Agent, calls: Sequence[Call] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agent = agent
        # self.fields holds copies of the declared fields, typed as plain Fields.
        call_field = cast(forms.ChoiceField, self.fields["call"])
        call_field.choices = [("", "(none: use the pasted transcript)")] + [
            (call.pk, f"{call.external_id} — {local_text(call.started_at.astimezone(call.zone))}")
            for call in calls
        ]
        timezone_field = cast(forms.ChoiceField, self.fields["timezone"])
        timezone_field.choices = [("", "(the call's, else the agent's)")] + [
            (name, name) for name in sorted(known_timezones())
        ]

    def clean_transcript(self) -> tuple[Turn, ...]:
        try:
            turns = parse_transcript(self.cleaned_data["transcript"])
        except TranscriptInvalid as error:
            raise ValidationError(str(error)) from error
        return tuple(Turn(role=turn["role"], text=turn["text"]) for turn in turns)

    def clean_call(self) -> Call | None:
        pk = self.cleaned_data["call"]
        if pk is None:
            return None
        return Call.objects.get(pk=pk, agent=self.agent)

    def clean_started_at(self) -> datetime | None:
        text = self.cleaned_data["started_at"].strip()
        if not text:
            return None
        try:
            return datetime.fromisoformat(text).replace(tzinfo=None)
        except ValueError as error:
            raise ValidationError("Enter a date and time, e.g. 2026-03-10 14:05.") from error

    def clean_from_number(self) -> str:
        number = self.cleaned_data["from_number"].strip()
        if not number:
            return ""
        try:
            parsed = phonenumbers.parse(number, None)
        except phonenumbers.NumberParseException as error:
            raise ValidationError("Enter the number in E.164 form, e.g. +14155550134.") from error
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("transcript") and data.get("call"):
            raise ValidationError("Paste a transcript or pick a stored call, not both.")
        if "transcript" in data and "call" in data and not (data["transcript"] or data["call"]):
            raise ValidationError("Paste a transcript or pick a stored call.")
        return data


class RowInvalid(ValueError):
    """A row of the agent page that cannot be tried as typed; the message says why."""


@dataclass(frozen=True)
class RowDraft:
    """One action row as typed on the agent page, unsaved edits included, with the
    fields typed beside it."""

    action: Action
    specs: dict[str, FieldSpec]


def webhook_row_draft(*, agent_form: forms.ModelForm, page: AgentPage, row: str) -> RowDraft:
    """The webhook row `row` (a form prefix such as "actions-2") of a posted agent page."""
    return action_row_draft(agent_form=agent_form, page=page, row=row, types={"webhook": "webhook"})


def action_row_draft(
    *, agent_form: forms.ModelForm, page: AgentPage, row: str, types: Mapping[str, str]
) -> RowDraft:
    """The action row `row` of a posted agent page, of one of `types` (type: what a person
    calls it)."""
    if not agent_form.is_valid() and "timezone" in agent_form.errors:
        zone_errors = " ".join(str(message) for message in agent_form.errors["timezone"])
        raise RowInvalid(f"the agent's time zone: {zone_errors}")
    if page.actions is None:
        raise RowInvalid("you may not change this agent's actions")
    row_form = next((form for form in page.actions.forms if form.prefix == row), None)
    if row_form is None:
        raise RowInvalid(f"the page has no action row {row!r}")
    if not row_form.is_valid():
        raise RowInvalid(
            "; ".join(
                _labelled(name, message)
                for name, messages in row_form.errors.items()
                for message in messages
            )
        )
    if row_form.cleaned_data.get("type") not in types:
        raise RowInvalid(f"the row is not a {' or a '.join(types.values())}")
    action = row_form.instance
    action.agent = page.agent
    action.config = row_form.cleaned_data.get("config") or {}
    return RowDraft(action=action, specs={spec.name: spec for spec in typed_fields(page)})


def typed_fields(page: AgentPage) -> list[FieldSpec]:
    """The fields as typed on the page, leaving out rows that are deleted or invalid;
    the stored fields when the page shows them read-only."""
    if page.fields is None:
        return agent_field_specs(agent=page.agent) if page.agent.pk else []
    return [
        field_spec_from_form(form)
        for form in page.fields.forms
        if (form.has_changed() or form.instance.pk)
        and form.is_valid()
        and not form.cleaned_data.get("DELETE")
    ]


def try_summary(result: AttemptResult) -> tuple[bool, str]:
    """Whether a test event was accepted, and what happened, in one line."""
    if result.status_code is None:
        return False, result.error
    summary = f"{result.status_code} in {result.duration_ms} ms"
    return result.succeeded, f"{summary}: {result.error}" if result.error else summary


def page_errors(form: forms.ModelForm, page: AgentPage) -> list[str]:
    """Every error of a posted agent page, each with its row, as the page would show
    them; none when it is valid."""
    if all_valid(page.parts()) and form.is_valid():
        return []
    errors = [
        _labelled(name, message) for name, messages in form.errors.items() for message in messages
    ]
    for formset in page.parts():
        errors += [str(message) for message in formset.non_form_errors()]
        row = field_row if isinstance(formset, FieldFormSet) else action_row
        for index, row_form in enumerate(formset.forms):
            where = row(index, row_form["name"].value())
            errors += [
                f"{where}: {_labelled(name, message)}"
                for name, messages in row_form.errors.items()
                for message in messages
            ]
    return errors


def _labelled(name: str, message: object) -> str:
    return str(message) if name == NON_FIELD_ERRORS else f"{name}: {message}"
