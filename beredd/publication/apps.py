"""Published tenders that anyone can find, search and follow; suppliers' watches."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "beredd.publication"
    verbose_name = _("Publication")
