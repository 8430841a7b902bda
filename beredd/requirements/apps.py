"""The versioned requirement library."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequirementsConfig(AppConfig):
    name = "beredd.requirements"
    verbose_name = _("Requirements")
