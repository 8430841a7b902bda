"""Forms of the dialogue app."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from beredd.core.forms import IdChoiceField, StrictDateField
from beredd.dialogue.models import RequestForInformation
from beredd.procurement.models import Procurement

# Long enough for any real question or answer; a page of megabytes is a mistake or an attack.
MAX_QUESTION_CHARS = 5_000
MAX_ANSWER_CHARS = 20_000


class RfiForm(forms.ModelForm):
    procurement = IdChoiceField(
        label=_("Procurement"), queryset=Procurement.objects.none(), empty_label=None
    )

    class Meta:
        model = RequestForInformation
        fields = ["procurement", "title", "questions", "answer_deadline"]
        widgets = {"answer_deadline": forms.DateInput(attrs={"type": "date"})}
        field_classes = {"answer_deadline": StrictDateField}

    def __init__(self, *args, procurements=None, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["procurement"].queryset = procurements  # type: ignore[attr-defined]
        questions = self.fields["questions"]
        questions.validators.append(MaxLengthValidator(MAX_ANSWER_CHARS))
        questions.widget.attrs["maxlength"] = str(MAX_ANSWER_CHARS)


class RfiAnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        max_length=MAX_ANSWER_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=MAX_QUESTION_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The buyer answers all bidders; the answer is published without your name."),
    )


class AnswerForm(forms.Form):
    public_text = forms.CharField(
        label=_("Question as published"),
        max_length=MAX_QUESTION_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Remove anything that reveals who asked (names, products, places)."),
    )
    answer = forms.CharField(
        label=_("Answer"), max_length=MAX_ANSWER_CHARS, widget=forms.Textarea(attrs={"rows": 6})
    )
    publish = forms.BooleanField(
        label=_("Publish the question and answer to everyone (without who asked)"),
        required=False,
    )
