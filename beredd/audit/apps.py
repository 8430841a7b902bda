"""The audit app: a hash-chained, append-only log of what people did and were refused."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "beredd.audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from . import signals

        signals.connect()
