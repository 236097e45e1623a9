"""Admin forms: one row per field or action, and the whole config checked as one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from agents.config import ActionDraft, ConfigError, config_errors
from agents.models import Action, ExtractionField
from calls.extraction.types import FieldSpec


class ChoicesField(forms.CharField):
    """Enum choices typed as "high, medium, low, none", stored as a list."""

    def prepare_value(self, value: Any) -> str:
        if isinstance(value, list):
            return ", ".join(value)
        return value or ""

    def to_python(self, value: Any) -> list[str]:
        text = super().to_python(value)
        return [choice.strip() for choice in text.split(",") if choice.strip()]


class ExtractionFieldForm(forms.ModelForm):
    choices = ChoicesField(
        required=False,
        widget=forms.TextInput(attrs={"size": 30, "placeholder": "high, medium, low, none"}),
        help_text="Enum fields only; comma-separated.",
    )

    class Meta:
        model = ExtractionField
        fields = ["name", "type", "description", "choices", "format", "required", "position"]
        widgets = {"description": forms.TextInput(attrs={"size": 50})}


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["name", "type", "condition", "config", "enabled", "position"]
        widgets = {
            "condition": forms.Textarea(attrs={"rows": 2, "cols": 50}),
            "config": forms.Textarea(attrs={"rows": 4, "cols": 50}),
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
    return FieldSpec(
        name=data.get("name") or "",
        type=data.get("type") or "",
        description=data.get("description") or "",
        choices=tuple(data.get("choices") or ()),
        format=data.get("format") or "",
        required=bool(data.get("required")),
    )


def action_draft_from_form(form: forms.ModelForm) -> ActionDraft:
    data = form.cleaned_data
    return ActionDraft(
        name=data.get("name") or "",
        type=data.get("type") or "",
        condition=data.get("condition"),
        config=data.get("config") if data.get("config") is not None else {},
        enabled=bool(data.get("enabled")),
    )


class FieldFormSet(BaseInlineFormSet):
    pass


class ActionFormSet(BaseInlineFormSet):
    """Checks the whole config, fields included, with the rules every entry point uses.

    The admin gives it the fields formset of the same page as `fields_formset`.
    """

    fields_formset: FieldFormSet | None = None

    def clean(self) -> None:
        super().clean()
        fields_formset = self.fields_formset
        if fields_formset is None or not fields_formset.is_valid() or any(self.errors):
            return
        field_forms = live_forms(fields_formset)
        action_forms = live_forms(self)
        previous = (
            set(self.instance.fields.values_list("name", flat=True)) if self.instance.pk else set()
        )
        errors = config_errors(
            [field_spec_from_form(form) for form in field_forms],
            [action_draft_from_form(form) for form in action_forms],
            previous_field_names=previous,
        )
        if errors:
            self._attach(errors, field_forms, action_forms, fields_formset)
            raise ValidationError(
                f"The configuration has {len(errors)} problem(s); each is shown on its row."
            )

    @staticmethod
    def _attach(
        errors: list[ConfigError],
        field_forms: list[forms.ModelForm],
        action_forms: list[forms.ModelForm],
        fields_formset: FieldFormSet,
    ) -> None:
        for error in errors:
            rows = field_forms if error.section == "fields" else action_forms
            if 0 <= error.index < len(rows):
                rows[error.index].add_error(None, error.message)
            else:
                fields_formset.non_form_errors().append(str(error))
