"""Forms of the composer: general facts, lots, requirements, evaluation, scenarios, timeline."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from beredd.accounts.models import Organisation
from beredd.core.forms import (
    IdChoiceField,
    IdMultipleChoiceField,
    StrictDateField,
    StrictDateTimeField,
)
from beredd.network.models import FoodCategory, MealUnit, UnitType
from beredd.procurement import rules, selectors
from beredd.procurement.models import EvaluationModel, Lot, Procurement
from beredd.procurement.validation import timeline_problems
from beredd.readiness.models import CriticalActivity
from beredd.requirements.models import Area, Requirement, RequirementType


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class GeneralForm(forms.ModelForm):
    cpv_text = forms.CharField(
        label=_("CPV codes"),
        required=False,
        help_text=_("One or more codes separated by commas, e.g. 15000000-8, 15800000-6."),
    )

    class Meta:
        model = Procurement
        fields = [
            "title",
            "reference",
            "activity",
            "description",
            "procedure",
            "estimated_value_sek",
            "contract_start",
            "contract_end",
            "option_months",
        ]
        widgets = {"contract_start": DateInput(), "contract_end": DateInput()}
        field_classes = {
            "activity": IdChoiceField,
            "contract_start": StrictDateField,
            "contract_end": StrictDateField,
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        activities = CriticalActivity.objects.filter(organisation=organisation)
        self.fields["activity"].queryset = activities  # type: ignore[attr-defined]
        self.fields["activity"].help_text = _("The readiness analysis this procurement serves.")
        if self.instance.pk:
            self.fields["cpv_text"].initial = ", ".join(self.instance.cpv_codes)

    def clean_cpv_text(self) -> list[str]:
        codes = []
        for raw in self.cleaned_data["cpv_text"].replace(";", ",").split(","):
            if not raw.strip():
                continue
            code = rules.cpv_normalise(raw)
            if code is None:
                raise forms.ValidationError(
                    _("“%(code)s” is not a CPV code (8 digits, a dash and a check digit).")
                    % {"code": raw.strip()}
                )
            if code not in codes:
                codes.append(code)
        return codes

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("contract_start"), data.get("contract_end")
        if start and end and end <= start:
            self.add_error("contract_end", _("Contract end must be after the contract start."))
        return data


class LotForm(forms.ModelForm):
    add_area = forms.ChoiceField(label=_("Also add every unit in area"), required=False, choices=())
    add_unit_type = forms.ChoiceField(
        label=_("Also add every unit of type"),
        required=False,
        choices=[("", "—"), *UnitType.choices],
    )

    class Meta:
        model = Lot
        fields = [
            "number",
            "title",
            "description",
            "basis",
            "units",
            "categories",
            "reserved_for_sme",
            "estimated_value_sek",
        ]
        field_classes = {"units": IdMultipleChoiceField, "categories": IdMultipleChoiceField}
        widgets = {
            "units": forms.CheckboxSelectMultiple,
            "categories": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(
        self, *args: Any, organisation: Organisation, procurement: Procurement, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.procurement = procurement
        units = MealUnit.objects.filter(organisation=organisation).order_by("area", "name")
        self.fields["units"].queryset = units  # type: ignore[attr-defined]
        self.fields["units"].required = False
        categories = FoodCategory.objects.filter(organisation=organisation)
        self.fields["categories"].queryset = categories  # type: ignore[attr-defined]
        areas = sorted(set(units.values_list("area", flat=True)))
        area_choices = [("", "—"), *[(area, area) for area in areas]]
        self.fields["add_area"].choices = area_choices  # type: ignore[attr-defined]
        self.organisation_units = units

    def clean_number(self) -> int:
        number = self.cleaned_data["number"]
        others = self.procurement.lots.exclude(pk=self.instance.pk)
        if others.filter(number=number).exists():
            raise forms.ValidationError(_("Another lot already has number %(n)s.") % {"n": number})
        return number

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        units = list(data.get("units") or [])
        if data.get("add_area"):
            units += list(self.organisation_units.filter(area=data["add_area"]))
        if data.get("add_unit_type"):
            units += list(self.organisation_units.filter(unit_type=data["add_unit_type"]))
        data["units"] = list(dict.fromkeys(units))
        if not data["units"]:
            self.add_error("units", _("Choose at least one meal unit for the lot."))
        return data


class LibrarySearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    area = forms.ChoiceField(label=_("Area"), required=False, choices=[("", "—"), *Area.choices])
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", "—"), *RequirementType.choices]
    )


class AddRequirementForm(forms.Form):
    """A current requirement of the library (shared or the organisation's own) for a lot."""

    requirement = IdChoiceField(
        queryset=Requirement.objects.none(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Choose a current requirement of the library.")},
    )
    deduction_sek = forms.DecimalField(
        label=_("Price deduction (SEK)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=0,
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        library = selectors.library(organisation=organisation)
        self.fields["requirement"].queryset = library  # type: ignore[attr-defined]


class EvaluationForm(forms.Form):
    evaluation_model = forms.ChoiceField(
        label=_("Evaluation model"), choices=EvaluationModel.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, criteria: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for use in criteria:
            self.fields[f"deduction_{use.pk}"] = forms.DecimalField(
                label=_("Deduction for %(id)s in lot %(lot)s (SEK)")
                % {"id": use.requirement.identifier, "lot": use.lot.number},
                required=False,
                min_value=0,
                max_digits=12,
                decimal_places=0,
                initial=use.deduction_sek,
            )

    def deductions(self) -> dict[int, Any]:
        return {use.pk: self.cleaned_data[f"deduction_{use.pk}"] for use in self.criteria}


class ScenarioForm(forms.Form):
    scenario_ids = forms.MultipleChoiceField(
        label=_("Scenarios"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scenario_ids"].choices = choices  # type: ignore[attr-defined]


class TimelineForm(forms.ModelForm):
    class Meta:
        model = Procurement
        fields = [
            "publication_date",
            "questions_deadline",
            "tender_deadline",
            "opening_at",
            "standstill_days",
        ]
        widgets = {
            "publication_date": DateInput(),
            "questions_deadline": DateInput(),
            "tender_deadline": DateTimeInput(),
            "opening_at": DateTimeInput(),
        }
        field_classes = {
            "publication_date": StrictDateField,
            "questions_deadline": StrictDateField,
            "tender_deadline": StrictDateTimeField,
            "opening_at": StrictDateTimeField,
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        fields = {name: data.get(name) for name in self.Meta.fields}
        for problem in timeline_problems(procedure=self.instance.procedure, **fields):
            if problem.field not in self.errors:
                self.add_error(problem.field, str(problem))
        return data
