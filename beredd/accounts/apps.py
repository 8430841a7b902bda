"""Organisations, people and their roles."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "beredd.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # The production checks (public SECRET_KEY, no ALLOWED_HOSTS) live with the login
        # throttling in beredd.security; importing registers them.
        from beredd import security  # noqa: F401
