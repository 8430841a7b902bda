"""Forms of the publication app."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from beredd.publication.filters import TenderFilter, normalised_query
from beredd.publication.models import Watch


class WatchForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the watch"),
        max_length=100,
        help_text=_("For example “Bread in Skåne”."),
        error_messages={"required": _("Give the watch a name.")},
    )
    query = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_query(self) -> str:
        data = QueryDict(self.cleaned_data.get("query", ""))
        if not TenderFilter(data).is_valid():
            # normalised_query would give "" here: a watch on every tender, not this search.
            raise ValidationError(_("Correct the search before you save it as a watch."))
        query = normalised_query(data)
        if len(query) > Watch._meta.get_field("query").max_length:  # type: ignore[operator]
            raise ValidationError(_("The search is too long to save; use fewer or shorter words."))
        return query
