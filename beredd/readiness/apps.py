"""Readiness analysis per critical activity, and the decision-maker overview."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadinessConfig(AppConfig):
    name = "beredd.readiness"
    verbose_name = _("Readiness")
