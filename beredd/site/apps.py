"""The site as a whole, above every app: the main menu and the demo region that span them all."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "beredd.site"
    verbose_name = _("Site")
