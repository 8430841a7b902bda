"""Forms for starting a stress test and for a what-if on a supplier."""

from typing import Any, cast

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
        cast(forms.ChoiceField, self.fields["scenarios"]).choices = [
            (info.id, info.name) for info in library
        ]
        limit = max_draws()
        cast(forms.IntegerField, self.fields["draws"]).max_value = limit
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


# Upper bounds for declared values: far above any real supplier, far below what breaks the
# arithmetic of the model (1e30 days of recovery made a run fail with an internal error).
MAX_DAYS = 3650
MAX_HOURS = 8760
MAX_PORTIONS_PER_DAY = 10_000_000


def _stock_fields(form: forms.Form, categories: list[str]) -> list[str]:
    """One optional "days of stock at the depot" field per food category of the network."""
    names = []
    for code in categories:
        name = f"stock_days__{code}"
        form.fields[name] = forms.FloatField(
            label=_("Days of stock at the depot: %(category)s") % {"category": code},
            min_value=0,
            max_value=MAX_DAYS,
            required=False,
        )
        names.append(name)
    return names


def _number(
    label: Any, *, required: bool = False, max_value: float | None = None
) -> forms.FloatField:
    return forms.FloatField(label=label, required=required, min_value=0, max_value=max_value)


class WhatIfForm(forms.Form):
    """Declared capability values to try on one supplier of a finished run."""

    supplier = forms.ChoiceField(label=_("Supplier"))
    capacity_per_day = _number(
        _("Capacity (portion-equivalents per day)"), max_value=MAX_PORTIONS_PER_DAY
    )
    backup_power_hours = _number(_("Backup power (hours)"), max_value=MAX_HOURS)
    fuel_reserve_days = _number(_("Fuel reserve (days)"), max_value=MAX_DAYS)
    staff_reserve = _number(_("Staff reserve (share, 0–1)"), max_value=1)
    time_to_recover_days = _number(_("Time to recover (days)"), max_value=MAX_DAYS)

    CHANGES = (
        "capacity_per_day",
        "backup_power_hours",
        "fuel_reserve_days",
        "staff_reserve",
        "time_to_recover_days",
    )

    def __init__(
        self, *args: Any, suppliers: list[dict[str, Any]], categories: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["supplier"]).choices = [
            (s["id"], f"{s['id']} – {s.get('name', '')}") for s in suppliers
        ]
        self.stock_names = _stock_fields(self, categories)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.changes():
            raise forms.ValidationError(_("Enter at least one value to change."))
        return data

    def changes(self) -> dict[str, float]:
        """Field → value, with depot stock as `stock_days.<category>` as the engine reads it."""
        data = getattr(self, "cleaned_data", {})
        out = {k: data[k] for k in self.CHANGES if data.get(k) is not None}
        for name in self.stock_names:
            if data.get(name) is not None:
                out["stock_days." + name.removeprefix("stock_days__")] = data[name]
        return out


class AddSupplierForm(forms.Form):
    """A new supplier, with declared values, taking over deliveries from the current ones."""

    supplier_id = forms.SlugField(label=_("Code of the new supplier"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)
    area = forms.ChoiceField(label=_("Area"))
    capacity_per_day = _number(
        _("Capacity (portion-equivalents per day)"),
        required=True,
        max_value=MAX_PORTIONS_PER_DAY,
    )
    backup_power_hours = _number(_("Backup power (hours)"), max_value=MAX_HOURS)
    fuel_reserve_days = _number(_("Fuel reserve (days)"), max_value=MAX_DAYS)
    staff_reserve = _number(_("Staff reserve (share, 0–1)"), max_value=1)
    time_to_recover_days = _number(_("Time to recover (days)"), max_value=MAX_DAYS)
    prioritises_critical = forms.BooleanField(
        label=_("Delivers to the most critical units first"), required=False
    )
    move_from = forms.ChoiceField(label=_("Take over the deliveries of"), required=False)
    categories = forms.MultipleChoiceField(
        label=_("Food categories it takes over"), widget=forms.CheckboxSelectMultiple
    )

    NUMBERS = (
        "capacity_per_day",
        "backup_power_hours",
        "fuel_reserve_days",
        "staff_reserve",
        "time_to_recover_days",
    )

    def __init__(self, *args: Any, network: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.taken = {s["id"] for s in network["suppliers"]}
        cast(forms.ChoiceField, self.fields["area"]).choices = [
            (a, a) for a in network.get("areas", [])
        ]
        cast(forms.ChoiceField, self.fields["move_from"]).choices = [
            ("", _("every current primary supplier"))
        ] + [(s["id"], f"{s['id']} – {s.get('name', '')}") for s in network["suppliers"]]
        codes = [c["id"] for c in network["categories"]]
        cast(forms.ChoiceField, self.fields["categories"]).choices = [(c, c) for c in codes]
        self.stock_names = _stock_fields(self, codes)

    def clean_supplier_id(self) -> str:
        code = self.cleaned_data["supplier_id"]
        if code in self.taken:
            raise forms.ValidationError(
                _("The network already has a supplier %(id)s.") % {"id": code}
            )
        return code

    def change(self) -> dict[str, Any]:
        """The engine's what-if change: add the supplier, then move the chosen deliveries to it."""
        data = self.cleaned_data
        supplier = {"id": data["supplier_id"], "name": data["name"], "area": data["area"]}
        supplier.update({k: data[k] for k in self.NUMBERS if data.get(k) is not None})
        supplier["prioritises_critical"] = data["prioritises_critical"]
        supplier["stock_days"] = {
            name.removeprefix("stock_days__"): data[name]
            for name in self.stock_names
            if data.get(name) is not None
        }
        move: dict[str, Any] = {"categories": data["categories"]}
        if data.get("move_from"):
            move["from"] = data["move_from"]
        return {"add_supplier": supplier, "move": move}
