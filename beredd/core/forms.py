"""One way to put a service's ValidationError on the form the person filled in."""

from django import forms
from django.core.exceptions import ValidationError


def form_add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal beside the field it names, or above the form.

    A field the form does not show (a model field set by the service, e.g. a lot requirement's
    deduction) becomes a message above the form rather than a ValueError from add_error.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)
