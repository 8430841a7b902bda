"""Stress tests of a buyer's supply network, run in the background."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StresstestsConfig(AppConfig):
    name = "beredd.stresstests"
    verbose_name = _("Stress tests")
