"""Forms for starting a stress test and for a what-if on a supplier."""

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from beredd.stresstests.models import MAX_SEED, max_draws, random_seed

DEFAULT_DRAWS = 200


class StressTestForm(forms.Form):
    name = forms.CharField(label=_("Name of the run"), max_length=200)
    scenarios = forms.MultipleChoiceField(
        label=_("Scenarios"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one scenario.")},
    )
    draws = forms.IntegerField(
        label=_("Draws"),
        min_value=1,
        help_text=_("How many times each scenario is played out with random values."),
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        min_value=0,
        max_value=MAX_SEED,
        help_text=_("The same seed and inputs give the same numbers."),
    )

    def __init__(self, *args: Any, library: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.library = {info.id: info for info in library}
        self.fields["scenarios"].choices = [(info.id, info.name) for info in library]
        limit = max_draws()
        self.fields["draws"].max_value = limit
        self.fields["draws"].validators.append(MaxValueValidator(limit))
        self.fields["draws"].widget.attrs["max"] = limit
        self.fields["draws"].help_text = _(
            "How many times each scenario is played out with random values (at most %(max)s)."
        ) % {"max": limit}
        self.initial.setdefault("draws", min(DEFAULT_DRAWS, limit))
        self.initial.setdefault("seed", random_seed())
        today = date_format(timezone.localdate(), "SHORT_DATE_FORMAT")
        self.initial.setdefault("name", _("Stress test %(date)s") % {"date": today})

    def scenario_choices(self) -> list[tuple[Any, Any]]:
        """(checkbox, library entry) pairs, so the page can show each scenario's rationale."""
        return list(zip(self["scenarios"], self.library.values(), strict=True))

    def scenario_data(self) -> list[dict[str, Any]]:
        """Exact copies of the chosen library scenarios, in library order."""
        chosen = set(self.cleaned_data["scenarios"])
        return [info.data for key, info in self.library.items() if key in chosen]


class WhatIfForm(forms.Form):
    """Declared capability values to try on one supplier of a finished run."""

    supplier = forms.ChoiceField(label=_("Supplier"))
    capacity_per_day = forms.FloatField(
        label=_("Capacity (portion-equivalents per day)"), min_value=0, required=False
    )
    backup_power_hours = forms.FloatField(
        label=_("Backup power (hours)"), min_value=0, required=False
    )
    fuel_reserve_days = forms.FloatField(
        label=_("Fuel reserve (days)"), min_value=0, required=False
    )
    staff_reserve = forms.FloatField(
        label=_("Staff reserve (share, 0–1)"), min_value=0, max_value=1, required=False
    )
    time_to_recover_days = forms.FloatField(
        label=_("Time to recover (days)"), min_value=0, required=False
    )

    CHANGES = (
        "capacity_per_day",
        "backup_power_hours",
        "fuel_reserve_days",
        "staff_reserve",
        "time_to_recover_days",
    )

    def __init__(self, *args: Any, suppliers: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["supplier"].choices = [
            (s["id"], f"{s['id']} – {s.get('name', '')}") for s in suppliers
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.changes():
            raise forms.ValidationError(_("Enter at least one value to change."))
        return data

    def changes(self) -> dict[str, float]:
        data = getattr(self, "cleaned_data", {})
        return {k: data[k] for k in self.CHANGES if data.get(k) is not None}
