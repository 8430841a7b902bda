"""Forms of the four readiness steps; row formsets work without JavaScript (blank extra rows)."""

from typing import Any

from django import forms
from django.db.models import Case, Q, When
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.forms.formsets import TOTAL_FORM_COUNT
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beredd.accounts.models import Organisation, User
from beredd.core.forms import IdChoiceField, IdMultipleChoiceField, StrictDateField
from beredd.core.params import parse_count
from beredd.network.models import MealUnit

from .models import (
    ChecklistItem,
    CommunicationEntry,
    Consequence,
    CriticalActivity,
    Dependency,
    ResponsibleRole,
    StepStatus,
)
from .services import RowChanges

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _members(organisation: Organisation, current_id: int | None = None):  # type: ignore[no-untyped-def]
    """Active members, plus the one already chosen even if deactivated since.

    Without the current one the select would show it empty, and saving the page for any
    other reason would silently drop the owner or the decider.
    """
    active = Q(is_active=True) | Q(pk=current_id) if current_id else Q(is_active=True)
    return User.objects.filter(active, organisation=organisation).order_by(
        "first_name", "last_name", "username"
    )


class MemberChoiceField(IdChoiceField):
    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        name = obj.get_full_name() or obj.username
        if not obj.is_active:
            return _("%(name)s (deactivated)") % {"name": name}
        return name


class OrganisationFormMixin:
    """Limits member and unit choices to the organisation, so other organisations' ids fail."""

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self.organisation = organisation
        fields = self.fields  # type: ignore[attr-defined]
        instance = getattr(self, "instance", None)
        for name in ("owner", "user", "decided_by"):
            if name in fields:
                fields[name] = MemberChoiceField(
                    queryset=_members(organisation, getattr(instance, f"{name}_id", None)),
                    required=False,
                    label=fields[name].label,
                    help_text=fields[name].help_text,
                )
        if "units" in fields:
            fields["units"].queryset = MealUnit.objects.filter(organisation=organisation)


class ActivityForm(OrganisationFormMixin, forms.ModelForm):
    class Meta:
        model = CriticalActivity
        fields = ["name", "description", "units"]
        field_classes = {"units": IdMultipleChoiceField}
        widgets = {
            "units": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class StatusFormMixin:
    """A step status that starts at "in progress" when the step has not been started."""

    status_field = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = self.instance  # type: ignore[attr-defined]
        if getattr(instance, self.status_field) == StepStatus.NOT_STARTED:
            self.initial[self.status_field] = StepStatus.IN_PROGRESS  # type: ignore[attr-defined]


class AnalysisForm(StatusFormMixin, ActivityForm):
    status_field = "analysis_status"

    class Meta(ActivityForm.Meta):
        fields = ["name", "description", "units", "analysis_status"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the activity's own units first: a municipality may have a hundred kitchens
        chosen = Case(When(pk__in=self.instance.units.all(), then=0), default=1)
        units = self.fields["units"]
        units.queryset = units.queryset.order_by(chosen, "unit_type", "code")  # type: ignore[attr-defined]


class DecisionForm(StatusFormMixin, OrganisationFormMixin, forms.ModelForm):
    status_field = "decision_status"

    class Meta:
        model = CriticalActivity
        fields = [
            "path",
            "path_rationale",
            "decided_by",
            "decided_by_name",
            "decided_on",
            "decision_status",
        ]
        widgets = {"decided_on": DATE, "path_rationale": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"decided_on": StrictDateField}

    def clean_decided_on(self) -> Any:
        decided_on = self.cleaned_data.get("decided_on")
        if decided_on and decided_on > timezone.localdate():
            raise forms.ValidationError(_("The decision date cannot be in the future."))
        return decided_on

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("decision_status") == StepStatus.DONE:
            errors = {}
            if not data.get("path"):
                errors["path"] = _("A decided step needs the chosen path.")
            if not data.get("decided_on"):
                errors["decided_on"] = _("A decided step needs the date of the decision.")
            if not data.get("decided_by") and not data.get("decided_by_name"):
                errors["decided_by_name"] = _("Say who decided: a member or a body or role.")
            if errors:
                raise forms.ValidationError(errors)
        return data


class PreparationForm(StatusFormMixin, OrganisationFormMixin, forms.ModelForm):
    status_field = "preparation_status"

    class Meta:
        model = CriticalActivity
        fields = ["preparation_status"]


class CommunicationForm(StatusFormMixin, OrganisationFormMixin, forms.ModelForm):
    status_field = "communication_status"

    class Meta:
        model = CriticalActivity
        fields = ["communication_status"]


class RowForm(OrganisationFormMixin, forms.ModelForm):
    pass


class ResponsibleForm(RowForm):
    class Meta:
        model = ResponsibleRole
        fields = ["role", "user", "name"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("role") and not data.get("user") and not data.get("name"):
            raise forms.ValidationError(_("Choose a member or write a name for this role."))
        return data


class ChecklistForm(RowForm):
    class Meta:
        model = ChecklistItem
        fields = ["title", "owner", "due_date", "done", "done_on"]
        widgets = {"due_date": DATE, "done_on": DATE}
        field_classes = {"due_date": StrictDateField, "done_on": StrictDateField}

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        done_on = data.get("done_on")
        if done_on and done_on > timezone.localdate():
            self.add_error("done_on", _("The done date cannot be in the future."))
        if data.get("done") and not done_on:
            data["done_on"] = timezone.localdate()
        if not data.get("done"):
            data["done_on"] = None
        return data


class CommunicationEntryForm(RowForm):
    class Meta:
        model = CommunicationEntry
        fields = ["what", "audience", "channel", "communicated_on"]
        widgets = {"communicated_on": DATE}
        field_classes = {"communicated_on": StrictDateField}

    def clean_communicated_on(self) -> Any:
        # Step 4 records what has been communicated; a planned message is a checklist task.
        communicated_on = self.cleaned_data.get("communicated_on")
        if communicated_on and communicated_on > timezone.localdate():
            raise forms.ValidationError(
                _("The date cannot be in the future; plan it as a task in the checklist.")
            )
        return communicated_on


class RowFormSet(BaseInlineFormSet):
    """Passes the organisation to every row form, including the blank extra ones."""

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        self.organisation = organisation
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "organisation": self.organisation}

    def changes(self) -> RowChanges:
        """The valid rows for a service: new and changed ones to save, ticked ones to delete."""
        saved = self.save(commit=False)
        return RowChanges(saved=saved, deleted=list(self.deleted_objects))

    def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
        super().add_fields(form, index)
        row_id = form.fields.get("id")
        if isinstance(row_id, forms.ModelChoiceField):  # the hidden id of each row
            form.fields["id"] = IdChoiceField(
                row_id.queryset, initial=row_id.initial, required=False, widget=row_id.widget
            )

    def clean(self) -> None:
        # Django reads " 1" or "-1" as a row count; only a count the page itself sent is one.
        if self.is_bound and parse_count(self.data.get(self.add_prefix(TOTAL_FORM_COUNT))) is None:
            raise forms.ValidationError(
                _("The form was changed outside the page. Reload the page and try again."),
                code="tampered",
            )
        super().clean()


def _rows(model: type, form: type[RowForm], fields: list[str], extra: int = 2) -> type:
    return inlineformset_factory(
        CriticalActivity,
        model,
        form=form,
        formset=RowFormSet,
        fields=fields,
        extra=extra,
        can_delete=True,
    )


DependencyFormSet = _rows(Dependency, RowForm, ["kind", "description", "severity"])
ConsequenceFormSet = _rows(Consequence, RowForm, ["horizon_hours", "description"])
ResponsibleFormSet = _rows(ResponsibleRole, ResponsibleForm, ["role", "user", "name"])
ChecklistFormSet = _rows(ChecklistItem, ChecklistForm, ChecklistForm.Meta.fields)
CommunicationFormSet = _rows(
    CommunicationEntry, CommunicationEntryForm, CommunicationEntryForm.Meta.fields
)
