"""Procurements, lots, Q&A, publication and tender documents."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "beredd.procurement"
    verbose_name = _("Procurement")
