"""Market dialogue before publication and questions and answers during the tender period."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "beredd.dialogue"
    verbose_name = _("Dialogue")
