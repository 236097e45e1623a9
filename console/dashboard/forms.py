"""The period picker of the dashboard page."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms

from console.dashboard.periods import (
    DEFAULT_PRESET,
    MAX_CUSTOM_DAYS,
    PRESETS,
    Period,
    period_between,
    period_preset,
)

CUSTOM = "custom"
# Far enough from date.min and date.max that local midnights stay representable in UTC.
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)


class PeriodForm(forms.Form):
    period = forms.ChoiceField(
        choices=[*PRESETS.items(), (CUSTOM, "Custom")], required=False, initial=DEFAULT_PRESET
    )
    start = forms.DateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label="To",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Both days included, in the agent's time zone.",
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("start") or data.get("end") or "start" in self.errors or "end" in self.errors:
            data["period"] = CUSTOM
        if data.get("period") != CUSTOM:
            data["period"] = data.get("period") or DEFAULT_PRESET
            return data
        self._check_custom(data)
        return data

    def _check_custom(self, data: dict[str, Any]) -> None:
        start, end = data.get("start"), data.get("end")
        for name in ("start", "end"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, "Pick a day for a custom period.")
            elif data.get(name) and not EARLIEST <= data[name] <= LATEST:
                self.add_error(name, f"Pick a day from {EARLIEST:%Y} to {LATEST:%Y}.")
                return
        if start and end and start > end:
            self.add_error("end", "The end is before the start: pick an end on or after it.")
        elif start and end and (end - start).days + 1 > MAX_CUSTOM_DAYS:
            self.add_error("end", f"A custom period is at most {MAX_CUSTOM_DAYS} days.")

    def chosen_period(self, *, zone: ZoneInfo, now: datetime) -> Period:
        """The chosen period; call only once the form is valid."""
        data = self.cleaned_data
        if data["period"] == CUSTOM:
            return period_between(first=data["start"], last=data["end"], zone=zone)
        return period_preset(preset=data["period"], zone=zone, now=now)
