"""One way to put a service's ValidationError on the form; date fields that parse strictly."""

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from beredd.core.params import parse_date, parse_id


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


class StrictDateField(forms.DateField):
    """A date as the date picker sends it, `YYYY-MM-DD` in ASCII digits, and nothing else.

    Django's own field tries several locale formats with `strptime`, whose `%Y` takes any
    Unicode digits; here `2026-01-01garbage`, `१२-01-01` or `1/2/26` are "enter a valid date".
    """

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values or isinstance(value, datetime.date):
            return super().to_python(value)
        parsed = parse_date(str(value).strip())
        if parsed is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class StrictDateTimeField(forms.DateTimeField):
    """A date and time as the picker sends it, `YYYY-MM-DDTHH:MM` (seconds optional)."""

    _FORMAT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?")

    def to_python(self, value: Any) -> datetime.datetime | None:
        if value in self.empty_values or isinstance(value, datetime.datetime):
            return super().to_python(value)
        if not self._FORMAT.fullmatch(str(value).strip()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(str(value).strip())


class IdChoiceField(forms.ModelChoiceField):
    """A choice of one row by id; a hostile id (`²`, ` 1`, `1e3`, 10**20) is an invalid choice."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values or isinstance(value, self.queryset.model):  # type: ignore[union-attr]
            return super().to_python(value)
        if parse_id(str(value)) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Rows by id; an id no database column can hold is an invalid choice, not a 500."""

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            if parse_id(str(pk)) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)  # type: ignore[misc]  # private in the stubs


class IdField(forms.Field):
    """An id typed or hidden in a form: ASCII digits, 1..2**63-1, else "enter a whole number"."""

    default_error_messages = {"invalid": forms.IntegerField.default_error_messages["invalid"]}

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        number = parse_id(str(value))
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number
