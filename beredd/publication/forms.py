"""Forms of the publication app."""

from django import forms
from django.utils.translation import gettext_lazy as _


class WatchForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the watch"),
        max_length=100,
        help_text=_("For example “Bread in Skåne”."),
    )
