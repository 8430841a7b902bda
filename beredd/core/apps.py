"""Common pages, layout and shared helpers (files, forms, paging)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "beredd.core"
    verbose_name = _("Core")
