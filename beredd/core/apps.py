"""Common pages, layout and shared helpers (files, forms, paging)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "beredd.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Registers the `<id:…>` path converter before any URLconf is read.
        from beredd.core import params  # noqa: F401
