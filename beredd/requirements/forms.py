"""The form for an own requirement (create, copy and adapt, revise); rules live in the model."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CrisisLevel, Requirement, Verification
from .parameters import PARAMETERS
from .services import CONTENT_FIELDS, RequirementContent


class RequirementForm(forms.ModelForm):
    """Validated by Requirement.full_clean: the form and the services share one set of rules."""

    verification = forms.MultipleChoiceField(
        label=_("Verified by"),
        choices=Verification.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("How the buyer checks that the requirement is met; at least one."),
    )
    crisis_levels = forms.MultipleChoiceField(
        label=_("Applies at crisis levels"),
        choices=CrisisLevel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Requirement
        fields = CONTENT_FIELDS
        widgets = {
            "text_sv": forms.Textarea(attrs={"rows": 5, "lang": "sv"}),
            "text_en": forms.Textarea(attrs={"rows": 5, "lang": "en"}),
            "evidence_sv": forms.Textarea(attrs={"rows": 2, "lang": "sv"}),
            "evidence_en": forms.Textarea(attrs={"rows": 2, "lang": "en"}),
            "title_sv": forms.TextInput(attrs={"lang": "sv"}),
            "title_en": forms.TextInput(attrs={"lang": "en"}),
            "answer_parameter": forms.TextInput(attrs={"list": "parameter-paths"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["answer_parameter"].help_text = _(
            "Optional. A parameter of the stress-test model, e.g. stock_days.dry, "
            "backup_power_hours or import_share.* (all categories)."
        )
        self.fields["answer_min"].widget.attrs["step"] = "any"
        self.fields["answer_max"].widget.attrs["step"] = "any"

    @property
    def parameter_paths(self) -> list[str]:
        """Suggestions for the parameter field; any category slug is allowed."""
        paths = []
        for parameter in PARAMETERS:
            if parameter.per_category:
                paths += [f"{parameter.name}.{c}" for c in ("*", "dry", "chilled", "frozen")]
            else:
                paths.append(parameter.name)
        return paths

    @property
    def content(self) -> RequirementContent:
        """The validated values, ready for a service."""
        return RequirementContent(**{name: self.cleaned_data[name] for name in CONTENT_FIELDS})
