"""Forms of the dialogue app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from beredd.dialogue.models import RequestForInformation
from beredd.procurement.models import Procurement


class RfiForm(forms.ModelForm):
    procurement = forms.ModelChoiceField(
        label=_("Procurement"), queryset=Procurement.objects.none(), empty_label=None
    )

    class Meta:
        model = RequestForInformation
        fields = ["procurement", "title", "questions", "answer_deadline"]
        widgets = {"answer_deadline": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, procurements=None, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["procurement"].queryset = procurements  # type: ignore[attr-defined]


class RfiAnswerForm(forms.Form):
    text = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 8}))


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The buyer answers all bidders; the answer is published without your name."),
    )


class AnswerForm(forms.Form):
    public_text = forms.CharField(
        label=_("Question as published"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Remove anything that reveals who asked (names, products, places)."),
    )
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}))
    publish = forms.BooleanField(
        label=_("Publish the question and answer to everyone (without who asked)"),
        required=False,
    )
