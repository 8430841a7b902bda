"""Forms of the network pages: per-category numbers as one field per category, never raw JSON."""

import datetime
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beredd.accounts.models import Organisation, OrganisationKind
from beredd.network import percategory
from beredd.network.fields import (
    SUPPLIER_FIELDS,
    UNIT_FIELDS,
    form_help_texts,
    scalars,
    share_field_names,
)
from beredd.network.imports.columns import PROVENANCE_FIELDS
from beredd.network.models import (
    MAX_DAYS,
    MAX_RANK,
    Criticality,
    FoodCategory,
    MealUnit,
    Source,
    Supplier,
    UnitType,
)

FUTURE_SOURCE_DATE = _("A value cannot have been declared or verified in the future.")
OWN_MENU_HELP = _(
    "Only if the unit eats differently from the organisation's menus, e.g. hospital diets. "
    "Leave both menus empty to use the organisation's."
)
UNIT_PER_CATEGORY = {
    "stock_days": (_("Own stock (days)"), None),
    "order_up_to_days": (_("Order up to (days)"), None),
    "menus.normal": (_("Own normal menu (share per portion)"), OWN_MENU_HELP),
    "menus.crisis": (_("Own crisis menu (share per portion)"), None),
}
SUPPLIER_PER_CATEGORY = {
    "stock_days": (_("Depot stock (days)"), None),
    "import_share": (_("Import share (0–1)"), None),
}


def category_field_name(field: str, code: str) -> str:
    return f"{field.replace('.', '_')}__{code}"


def with_all(choices: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    return [("", _("All")), *choices]


def set_queryset(form: forms.BaseForm, name: str, queryset: Any) -> None:
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset


class PerCategoryForm(forms.ModelForm):
    """Adds one number field per food category for each JSON field named in `per_category`."""

    per_category: dict[str, tuple[Any, Any]] = {}
    share_fields: tuple[str, ...] = ()

    def add_category_fields(self, categories: list[FoodCategory], instance: Any) -> None:
        # Stored floats may carry binary noise (0.30000000000000004); people should not see it.
        for name, value in self.initial.items():
            if isinstance(value, float):
                self.initial[name] = round(value, 6)
        self.categories = categories
        self.category_groups: list[tuple[Any, Any, list[str]]] = []
        for field, (label, help_text) in self.per_category.items():
            names = []
            current = percategory.read(instance, field)
            for category in categories:
                name = category_field_name(field, category.code)
                self.fields[name] = forms.FloatField(
                    label=f"{category.name} ({category.code})",
                    required=False,
                    min_value=0,
                    max_value=1 if field in self.share_fields else MAX_DAYS,
                    localize=True,
                )
                value = current.get(category.code)
                self.initial[name] = round(value, 6) if isinstance(value, float) else value
                names.append(name)
            self.category_groups.append((label, help_text, names))

    def category_values(self) -> dict[str, dict[str, float]]:
        values: dict[str, dict[str, float]] = {}
        for field in self.per_category:
            values[field] = {
                c.code: self.cleaned_data[category_field_name(field, c.code)]
                for c in self.categories
                if self.cleaned_data.get(category_field_name(field, c.code)) is not None
            }
        return values


class UnitForm(PerCategoryForm):
    per_category = UNIT_PER_CATEGORY
    share_fields = share_field_names(UNIT_FIELDS)

    class Meta:
        model = MealUnit
        fields = [f.model for f in scalars(UNIT_FIELDS)]
        localized_fields = fields
        help_texts = form_help_texts(UNIT_FIELDS)

    def __init__(self, *args: Any, categories: list[FoodCategory], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_category_fields(categories, self.instance)

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        values = self.category_values()
        menus = {menu: values.pop(f"menus.{menu}") for menu in ("normal", "crisis")}
        return data | values | {"menus": {menu: v for menu, v in menus.items() if v}}


class UnitFilterForm(forms.Form):
    unit_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=with_all(UnitType.choices)
    )
    area = forms.ChoiceField(label=_("Area"), required=False)
    criticality = forms.TypedChoiceField(
        label=_("Criticality"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=with_all(Criticality.choices),
    )

    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("code", _("Unit id")),
            ("name", _("Name")),
            ("area", _("Area")),
            ("criticality", _("Criticality (most critical first)")),
            ("-portions_per_day", _("Portions per day (most first)")),
        ],
    )

    def __init__(self, *args: Any, areas: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["area"]).choices = with_all([(a, a) for a in areas])


class CategoryForm(forms.ModelForm):
    normal_share = forms.FloatField(
        label=_("Share in the normal menu"),
        required=False,
        min_value=0,
        max_value=1,
        localize=True,
        help_text=_("Portion-equivalents of this category in one normal portion, e.g. 0,4."),
    )
    crisis_share = forms.FloatField(
        label=_("Share in the crisis menu"),
        required=False,
        min_value=0,
        max_value=1,
        localize=True,
        help_text=_("Empty or 0 if the crisis menu does without this category."),
    )

    class Meta:
        model = FoodCategory
        fields = ["code", "name", "cold_hours", "sort_order"]
        labels = {"sort_order": _("order in lists")}

    def service_data(self) -> dict[str, Any]:
        """The keyword arguments of services.category_save."""
        names = [*self.Meta.fields, "normal_share", "crisis_share"]
        return {name: self.cleaned_data[name] for name in names}


@dataclass
class ProvenanceRow:
    """One supplier value with its source and date fields, for the form table."""

    label: str
    value: Any
    source: Any
    date: Any


def provenance_field_name(kind: str, key: str) -> str:
    return f"{kind}__{key.replace('.', '__')}"


class SupplierForm(PerCategoryForm):
    per_category = SUPPLIER_PER_CATEGORY
    share_fields = share_field_names(SUPPLIER_FIELDS)

    class Meta:
        model = Supplier
        fields = [
            "code",
            "name",
            "supplier_organisation",
            "area",
            *PROVENANCE_FIELDS,
        ]
        localized_fields = PROVENANCE_FIELDS
        help_texts = form_help_texts(SUPPLIER_FIELDS) | {
            "supplier_organisation": _(
                "If the supplier has an account in Beredd, link it here; otherwise leave empty."
            ),
        }

    def __init__(self, *args: Any, categories: list[FoodCategory], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        suppliers = Organisation.objects.filter(kind=OrganisationKind.SUPPLIER)
        set_queryset(self, "supplier_organisation", suppliers)
        self.add_category_fields(categories, self.instance)
        self.provenance_keys = list(PROVENANCE_FIELDS) + [
            f"{field}.{c.code}" for field in self.per_category for c in categories
        ]
        for key in self.provenance_keys:
            entry = self.instance.provenance.get(key, {})
            source_name = provenance_field_name("source", key)
            date_name = provenance_field_name("date", key)
            self.fields[source_name] = forms.ChoiceField(
                label=_("Source"), required=False, choices=[("", "–"), *Source.choices]
            )
            self.fields[date_name] = forms.DateField(
                label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
            )
            self.initial[source_name] = entry.get("source", "")
            self.initial[date_name] = entry.get("date")

    def value_rows(self) -> list[ProvenanceRow]:
        """Every value with its source and date, for a three-column table."""
        names = dict(zip(self.provenance_keys, self._value_field_names(), strict=True))
        group_labels = {n: label for label, _help, group in self.category_groups for n in group}
        return [
            ProvenanceRow(
                label=" – ".join(
                    str(part)
                    for part in (group_labels.get(names[key]), self[names[key]].label)
                    if part
                ),
                value=self[names[key]],
                source=self[provenance_field_name("source", key)],
                date=self[provenance_field_name("date", key)],
            )
            for key in self.provenance_keys
        ]

    def _value_field_names(self) -> list[str]:
        per_category = [name for _label, _help, names in self.category_groups for name in names]
        return list(PROVENANCE_FIELDS) + per_category

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        today = timezone.localdate()
        for key in self.provenance_keys:
            date_name = provenance_field_name("date", key)
            if cleaned.get(date_name) and cleaned[date_name] > today:
                self.add_error(date_name, FUTURE_SOURCE_DATE)
            elif cleaned.get(date_name) and not cleaned.get(provenance_field_name("source", key)):
                self.add_error(date_name, _("Give a source for this date."))
        return cleaned

    def provenance(self) -> dict[str, dict[str, str]]:
        provenance = {}
        for key in self.provenance_keys:
            source = self.cleaned_data.get(provenance_field_name("source", key))
            if source:
                date = self.cleaned_data.get(provenance_field_name("date", key))
                provenance[key] = {
                    "source": source,
                    "date": (date or datetime.date.today()).isoformat(),
                }
        return provenance

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return data | self.category_values() | {"provenance": self.provenance()}


class _ChainStepForm(forms.Form):
    """A food category and a rank in a unit's chain of suppliers, of this organisation only."""

    category = forms.ModelChoiceField(
        label=_("Food category"), queryset=FoodCategory.objects.none()
    )
    rank = forms.IntegerField(
        label=_("Rank"),
        min_value=0,
        max_value=MAX_RANK,
        initial=0,
        help_text=_("0 = primary supplier, 1 = first backup, and so on."),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "category", FoodCategory.objects.filter(organisation=organisation))


class AssignmentSetForm(_ChainStepForm):
    """On a supplier page: the units it serves with one category at one rank."""

    units = forms.ModelMultipleChoiceField(
        label=_("Units"),
        required=False,
        queryset=MealUnit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Units left unticked stop being served by this supplier at this rank."),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, organisation=organisation, **kwargs)
        set_queryset(self, "units", MealUnit.objects.filter(organisation=organisation))


class AssignmentAddForm(_ChainStepForm):
    """On a unit page: put a supplier into the unit's chain for one category."""

    supplier = forms.ModelChoiceField(label=_("Supplier"), queryset=Supplier.objects.none())
    field_order = ["category", "supplier", "rank"]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, organisation=organisation, **kwargs)
        set_queryset(self, "supplier", Supplier.objects.filter(organisation=organisation))


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("Excel (.xlsx) or CSV separated by semicolons, UTF-8 or Windows-1252."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
