"""Meal units, food categories, menus and the current supply network."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "beredd.network"
    verbose_name = _("Network")
